import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { assertCanSeeHouseholds, maskNik } from '../auth/access';
import type { AuthUser } from '../auth/auth.types';
import { RegionLevel } from '../regions/region.entity';
import { toRegionType } from '../regions/region.service';
import { flagDescription, flagRegion, listVerivaliFlags, verivaliProgress, type VerivaliFlagRow, type VerivaliPointRow } from './verivali.service';
import { VerivaliFlagConnection, VerivaliFlagType, VerivaliProgressType, type VerivaliPointType } from './verivali.types';
import { VerivaliFlagKind, pgDate, pgDateOrNull } from './workflow-common';

const ratio = (fixed: number, flagged: number) => (flagged === 0 ? 0 : fixed / flagged);

export function toFlag(r: VerivaliFlagRow, user: AuthUser): VerivaliFlagType {
  return {
    id: r.id,
    kind: r.kind,
    description: flagDescription(r.kind, r.detail),
    nik: maskNik(user, r.nik, r.desa_code),
    noKk: maskNik(user, r.no_kk, r.desa_code),
    otherNik: maskNik(user, r.other_nik, r.desa_code),
    otherKk: maskNik(user, r.other_kk, r.desa_code),
    region: toRegionType(flagRegion(r)),
    open: r.fixed_at == null,
    firstSeenImportId: r.first_seen_batch,
    firstSeenAt: pgDate(r.first_seen_at),
    fixedAt: pgDateOrNull(r.fixed_at),
    fixedBy: r.fixed_by,
    fixedImportId: r.fixed_by === 'IMPORT' ? r.fixed_batch : null,
    fixedRef: r.fixed_ref,
  };
}

const toPoint = (p: VerivaliPointRow): VerivaliPointType => ({
  at: pgDate(p.at),
  importBatchId: p.import_batch_id,
  flagged: p.flagged,
  fixed: p.fixed,
  rate: ratio(p.fixed, p.flagged),
});

/** Verivali progress (aggregates: every role) and the flags behind it (household-level: not VIEWER). */
@Authorized()
@Resolver()
export class VerivaliResolver {
  @Query(() => [VerivaliProgressType], {
    description:
      'Records flagged as needing a fix (invalid NIK, deceased or moved person still listed, probable duplicate) and how many were fixed since, ' +
      'per region of `level` (default REGENCY) at/inside `within`, zeros included, with a series over time',
  })
  async verivaliProgress(
    @Ctx() ctx: GraphQLContext,
    @Arg('level', () => RegionLevel, { defaultValue: RegionLevel.REGENCY }) level: RegionLevel,
    @Arg('within', () => String, { nullable: true }) within?: string | null,
  ): Promise<VerivaliProgressType[]> {
    const { rows, series } = await verivaliProgress(ctx.em, { level, within });
    return rows.map((r) => ({
      region: toRegionType(r),
      flagged: r.flagged,
      fixed: r.fixed,
      open: r.flagged - r.fixed,
      rate: ratio(r.fixed, r.flagged),
      fixedByImport: r.fixed_by_import,
      fixedByWorkflow: r.fixed_by_workflow,
      byKind: [
        { kind: VerivaliFlagKind.INVALID_NIK, flagged: r.invalid_nik_flagged, fixed: r.invalid_nik_fixed, rate: ratio(r.invalid_nik_fixed, r.invalid_nik_flagged) },
        { kind: VerivaliFlagKind.DECEASED, flagged: r.deceased_flagged, fixed: r.deceased_fixed, rate: ratio(r.deceased_fixed, r.deceased_flagged) },
        { kind: VerivaliFlagKind.MOVED, flagged: r.moved_flagged, fixed: r.moved_fixed, rate: ratio(r.moved_fixed, r.moved_flagged) },
        { kind: VerivaliFlagKind.DUPLICATE, flagged: r.duplicate_flagged, fixed: r.duplicate_fixed, rate: ratio(r.duplicate_fixed, r.duplicate_flagged) },
      ],
      series: (series.get(r.code) ?? []).map(toPoint),
    }));
  }

  @Query(() => VerivaliFlagConnection, { description: 'The verivali flags at/inside `within`, newest first' })
  async verivaliFlags(
    @Ctx() ctx: GraphQLContext,
    @Arg('within', () => String, { nullable: true }) within?: string | null,
    @Arg('kind', () => VerivaliFlagKind, { nullable: true }) kind?: VerivaliFlagKind | null,
    @Arg('open', () => Boolean, { nullable: true, description: 'true: not fixed yet; false: fixed; omitted: both' }) open?: boolean | null,
    @Arg('noKk', () => String, { nullable: true, description: 'Flags concerning this family' }) noKk?: string | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<VerivaliFlagConnection> {
    assertCanSeeHouseholds(ctx.user!);
    const page = await listVerivaliFlags(ctx.em, { within, kind, open, noKk, first, after });
    return {
      totalCount: page.totalCount,
      edges: page.rows.map((e) => ({ cursor: e.cursor, node: toFlag(e.row, ctx.user!) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }
}

export { VerivaliFlagType };
