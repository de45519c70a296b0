import DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { loader, type GraphQLContext } from '../../graphql/context';
import { assertCanSeeHouseholds, maskNik } from '../auth/access';
import type { AuthUser } from '../auth/auth.types';
import { Role } from '../auth/user.entity';
import { RegionLevel } from '../regions/region.entity';
import { toRegionType } from '../regions/region.service';
import {
  listUsulan,
  proposeUsulan,
  proposeUsulanBatch,
  regionOf,
  setUsulanBatchStatus,
  setUsulanStatus,
  usulanByIds,
  usulanHistory,
  usulanSummary,
  type UsulanRow,
  type UsulanStepRow,
} from './usulan.service';
import {
  ProposeUsulanInput,
  UsulanBatchResult,
  UsulanConnection,
  UsulanFilter,
  UsulanStepType,
  UsulanSummaryType,
  UsulanType,
} from './usulan.types';
import { USULAN_REASON_LABEL, UsulanKind, UsulanStatus, parseId, pgDate } from './workflow-common';

export function toUsulan(r: UsulanRow, user: AuthUser): UsulanType {
  return {
    id: r.id,
    batch: r.batch,
    kind: r.kind,
    reason: r.reason,
    reasonLabel: USULAN_REASON_LABEL[r.reason],
    status: r.status,
    noKk: maskNik(user, r.no_kk, r.desa_code)!,
    headNik: maskNik(user, r.head_nik, r.desa_code),
    headName: r.head_name,
    address: r.address,
    region: toRegionType(regionOf(r)),
    note: r.note,
    pengaduanId: r.pengaduan_id,
    createdBy: r.created_by,
    createdAt: pgDate(r.created_at),
    updatedAt: pgDate(r.updated_at),
  };
}

const toStep = (s: UsulanStepRow): UsulanStepType => ({ fromStatus: s.from_status, status: s.to_status, note: s.note, username: s.username, at: pgDate(s.at) });

/**
 * DTKS proposals. Lists and single proposals are household-level (not for VIEWER);
 * the summary is an aggregate (every role). Writes: ADMIN, and OPERATOR inside their region.
 */
@Authorized()
@Resolver(() => UsulanType)
export class UsulanResolver {
  @Authorized(Role.ADMIN, Role.OPERATOR)
  @Mutation(() => UsulanType, { description: 'Proposes one roster family for addition to or removal from DTKS (status DIUSULKAN)' })
  async proposeUsulan(@Ctx() ctx: GraphQLContext, @Arg('input', () => ProposeUsulanInput) input: ProposeUsulanInput): Promise<UsulanType> {
    const id = await proposeUsulan(ctx.em, ctx.user!, input);
    return toUsulan((await usulanByIds(ctx.em, [id]))[0], ctx.user!);
  }

  @Authorized(Role.ADMIN, Role.OPERATOR)
  @Mutation(() => UsulanBatchResult, {
    description:
      'Proposes every candidate family inside a region as one batch: ADDITION = aided families outside DTKS; ' +
      'REMOVAL = DTKS families whose members all died or moved to another kab/kota. Families with an open or pending proposal are left out.',
  })
  async proposeUsulanBatch(
    @Ctx() ctx: GraphQLContext,
    @Arg('within', () => String, { description: 'Region code (usually a desa)' }) within: string,
    @Arg('kind', () => UsulanKind) kind: UsulanKind,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('batch', () => String, { nullable: true, description: 'Batch code; generated when omitted' }) batch?: string | null,
  ): Promise<UsulanBatchResult> {
    const r = await proposeUsulanBatch(ctx.em, ctx.user!, { within, kind, note, batch });
    return { batch: r.batch, created: r.ids.length, skipped: r.skipped };
  }

  @Authorized(Role.ADMIN, Role.OPERATOR)
  @Mutation(() => [UsulanType], {
    description:
      'Moves proposals to a status, all or none: DIVERIFIKASI from DIUSULKAN; DISETUJUI only from DIVERIFIKASI; DITOLAK (with a note) from an open status',
  })
  async setUsulanStatus(
    @Ctx() ctx: GraphQLContext,
    @Arg('ids', () => [ID]) ids: string[],
    @Arg('status', () => UsulanStatus) status: UsulanStatus,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<UsulanType[]> {
    const changed = await setUsulanStatus(ctx.em, ctx.user!, { ids, status, note });
    return (await usulanByIds(ctx.em, changed)).map((r) => toUsulan(r, ctx.user!));
  }

  @Authorized(Role.ADMIN, Role.OPERATOR)
  @Mutation(() => Int, {
    description: 'Applies a step to every proposal of a batch that can take it (verify the DIUSULKAN ones, approve the DIVERIFIKASI ones, reject the open ones); returns how many changed',
  })
  async setUsulanBatchStatus(
    @Ctx() ctx: GraphQLContext,
    @Arg('batch', () => String) batch: string,
    @Arg('status', () => UsulanStatus) status: UsulanStatus,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<number> {
    return (await setUsulanBatchStatus(ctx.em, ctx.user!, { batch, status, note })).length;
  }

  @Query(() => UsulanConnection, { description: 'Proposals at/inside `within`, newest first' })
  async usulanList(
    @Ctx() ctx: GraphQLContext,
    @Arg('within', () => String, { nullable: true }) within?: string | null,
    @Arg('filter', () => UsulanFilter, { nullable: true }) filter?: UsulanFilter | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<UsulanConnection> {
    assertCanSeeHouseholds(ctx.user!);
    const page = await listUsulan(ctx.em, { within, filter, first, after });
    return {
      totalCount: page.totalCount,
      edges: page.rows.map((e) => ({ cursor: e.cursor, node: toUsulan(e.row, ctx.user!) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Query(() => UsulanType, { nullable: true, description: 'One proposal (null when there is no such id)' })
  async usulan(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<UsulanType | null> {
    assertCanSeeHouseholds(ctx.user!);
    const [row] = await usulanByIds(ctx.em, [parseId(id)]);
    return row ? toUsulan(row, ctx.user!) : null;
  }

  @Query(() => [UsulanSummaryType], { description: 'Proposals per region of `level` at/inside `within`, by status and kind (zeros included)' })
  async usulanSummary(
    @Ctx() ctx: GraphQLContext,
    @Arg('level', () => RegionLevel) level: RegionLevel,
    @Arg('within', () => String, { nullable: true }) within?: string | null,
  ): Promise<UsulanSummaryType[]> {
    return (await usulanSummary(ctx.em, { level, within })).map((r) => ({
      region: toRegionType(r),
      total: r.total,
      diusulkan: r.diusulkan,
      diverifikasi: r.diverifikasi,
      disetujui: r.disetujui,
      ditolak: r.ditolak,
      additions: r.additions,
      removals: r.removals,
    }));
  }

  @FieldResolver(() => [UsulanStepType], { description: 'Every status step, oldest first (the proposal itself first)' })
  async history(@Root() u: UsulanType, @Ctx() ctx: GraphQLContext): Promise<UsulanStepType[]> {
    // One query for all proposals of the request.
    const l = loader(ctx, 'usulanHistory', () =>
      new DataLoader<string, UsulanStepRow[]>(async (ids) => {
        const m = await usulanHistory(ctx.em, ids);
        return ids.map((id) => m.get(id) ?? []);
      }),
    );
    return (await l.load(u.id)).map(toStep);
  }
}
