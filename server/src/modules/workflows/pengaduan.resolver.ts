import DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { loader, type GraphQLContext } from '../../graphql/context';
import { assertCanSeeHouseholds, inRegion, maskNik } from '../auth/access';
import type { AuthUser } from '../auth/auth.types';
import { Role } from '../auth/user.entity';
import { RegionLevel } from '../regions/region.entity';
import { toRegionType } from '../regions/region.service';
import {
  createPengaduan,
  listPengaduan,
  pengaduanByIds,
  pengaduanFlags,
  pengaduanHistory,
  pengaduanSummary,
  setPengaduanStatus,
  type PengaduanRow,
  type PengaduanStepRow,
} from './pengaduan.service';
import {
  CreatePengaduanInput,
  PengaduanConnection,
  PengaduanFilter,
  PengaduanStepType,
  PengaduanSummaryType,
  PengaduanType,
} from './pengaduan.types';
import { toFlag } from './verivali.resolver';
import type { VerivaliFlagRow } from './verivali.service';
import { VerivaliFlagType } from './verivali.types';
import { PengaduanCategory, PengaduanChannel, PengaduanStatus, parseId, pgDate, pgDateOrNull } from './workflow-common';

export function toPengaduan(r: PengaduanRow, user: AuthUser): PengaduanType {
  const seesReporter = user.role === Role.ADMIN || (user.role === Role.OPERATOR && inRegion(user, r.desa_code));
  return {
    id: r.id,
    noKk: maskNik(user, r.no_kk, r.desa_code),
    region: toRegionType({
      code: r.r_code,
      name: r.r_name,
      level: r.r_level,
      parent_code: r.r_parent_code,
      kind: r.r_kind,
      area_km2: r.r_area_km2,
      lat: r.r_lat,
      lng: r.r_lng,
    }),
    category: r.category,
    channel: r.channel,
    status: r.status,
    description: r.description,
    reporterName: seesReporter ? r.reporter_name : null,
    receivedAt: pgDate(r.received_at),
    processedAt: pgDateOrNull(r.processed_at),
    resolvedAt: pgDateOrNull(r.resolved_at),
    firstResponseHours: r.first_response_hours,
    resolutionHours: r.resolution_hours,
    createdBy: r.created_by,
    createdAt: pgDate(r.created_at),
  };
}

const toStep = (s: PengaduanStepRow): PengaduanStepType => ({ fromStatus: s.from_status, status: s.to_status, note: s.note, username: s.username, at: pgDate(s.at) });

/** Complaints. Lists are household-level (not VIEWER); the summary is an aggregate. Writes: ADMIN, OPERATOR in region. */
@Authorized()
@Resolver(() => PengaduanType)
export class PengaduanResolver {
  @Authorized(Role.ADMIN, Role.OPERATOR)
  @Mutation(() => PengaduanType, { description: 'Records a complaint (status BARU); the open verivali flags of the family are linked' })
  async createPengaduan(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreatePengaduanInput) input: CreatePengaduanInput): Promise<PengaduanType> {
    const id = await createPengaduan(ctx.em, ctx.user!, input);
    return toPengaduan((await pengaduanByIds(ctx.em, [id]))[0], ctx.user!);
  }

  @Authorized(Role.ADMIN, Role.OPERATOR)
  @Mutation(() => PengaduanType, {
    description: 'Moves a complaint one step: BARU → DIPROSES → SELESAI (SELESAI with a note). fixFlags (with SELESAI) marks its linked open flags as fixed',
  })
  async setPengaduanStatus(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('status', () => PengaduanStatus) status: PengaduanStatus,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('fixFlags', () => Boolean, { nullable: true, defaultValue: false }) fixFlags?: boolean | null,
  ): Promise<PengaduanType> {
    const r = await setPengaduanStatus(ctx.em, ctx.user!, { id, status, note, fixFlags });
    return toPengaduan((await pengaduanByIds(ctx.em, [r.id]))[0], ctx.user!);
  }

  @Query(() => PengaduanConnection, { description: 'Complaints at/inside `within`, newest first' })
  async pengaduanList(
    @Ctx() ctx: GraphQLContext,
    @Arg('within', () => String, { nullable: true }) within?: string | null,
    @Arg('filter', () => PengaduanFilter, { nullable: true }) filter?: PengaduanFilter | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<PengaduanConnection> {
    assertCanSeeHouseholds(ctx.user!);
    const page = await listPengaduan(ctx.em, { within, filter, first, after });
    return {
      totalCount: page.totalCount,
      edges: page.rows.map((e) => ({ cursor: e.cursor, node: toPengaduan(e.row, ctx.user!) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Query(() => PengaduanType, { nullable: true, description: 'One complaint (null when there is no such id)' })
  async pengaduan(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<PengaduanType | null> {
    assertCanSeeHouseholds(ctx.user!);
    const [row] = await pengaduanByIds(ctx.em, [parseId(id)]);
    return row ? toPengaduan(row, ctx.user!) : null;
  }

  @Query(() => [PengaduanSummaryType], {
    description: 'Complaints per region of `level` at/inside `within` (zeros included): by status, category and channel, with median response times',
  })
  async pengaduanSummary(
    @Ctx() ctx: GraphQLContext,
    @Arg('level', () => RegionLevel) level: RegionLevel,
    @Arg('within', () => String, { nullable: true }) within?: string | null,
  ): Promise<PengaduanSummaryType[]> {
    return (await pengaduanSummary(ctx.em, { level, within })).map((r) => ({
      region: toRegionType(r),
      total: r.total,
      baru: r.baru,
      diproses: r.diproses,
      selesai: r.selesai,
      byCategory: [
        { key: PengaduanCategory.TIDAK_MENERIMA, count: r.c_tidak_menerima },
        { key: PengaduanCategory.SALAH_SASARAN, count: r.c_salah_sasaran },
        { key: PengaduanCategory.BANTUAN_GANDA, count: r.c_bantuan_ganda },
        { key: PengaduanCategory.DATA_SALAH, count: r.c_data_salah },
        { key: PengaduanCategory.LAINNYA, count: r.c_lainnya },
      ],
      byChannel: [
        { key: PengaduanChannel.POSKO, count: r.ch_posko },
        { key: PengaduanChannel.TELEPON, count: r.ch_telepon },
        { key: PengaduanChannel.WHATSAPP, count: r.ch_whatsapp },
        { key: PengaduanChannel.WEB, count: r.ch_web },
        { key: PengaduanChannel.SURAT, count: r.ch_surat },
      ],
      medianFirstResponseHours: r.median_first_response_hours,
      medianResolutionHours: r.median_resolution_hours,
    }));
  }

  @FieldResolver(() => [PengaduanStepType], { description: 'Every status step, oldest first (receiving first)' })
  async history(@Root() p: PengaduanType, @Ctx() ctx: GraphQLContext): Promise<PengaduanStepType[]> {
    const l = loader(ctx, 'pengaduanHistory', () =>
      new DataLoader<string, PengaduanStepRow[]>(async (ids) => {
        const m = await pengaduanHistory(ctx.em, ids);
        return ids.map((id) => m.get(id) ?? []);
      }),
    );
    return (await l.load(p.id)).map(toStep);
  }

  @FieldResolver(() => [VerivaliFlagType], { description: 'The data flags (verivali) the complaint concerns' })
  async flags(@Root() p: PengaduanType, @Ctx() ctx: GraphQLContext): Promise<VerivaliFlagType[]> {
    const l = loader(ctx, 'pengaduanFlags', () =>
      new DataLoader<string, VerivaliFlagRow[]>(async (ids) => {
        const m = await pengaduanFlags(ctx.em, ids);
        return ids.map((id) => m.get(id) ?? []);
      }),
    );
    return (await l.load(p.id)).map((f) => toFlag(f, ctx.user!));
  }
}
