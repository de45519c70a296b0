import DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Directive } from 'type-graphql';
import { CACHE_AGGREGATE } from '../../graphql/response-cache';
import { loader, type GraphQLContext } from '../../graphql/context';
import { Role } from '../auth/user.entity';
import { RegionLevel } from '../regions/region.entity';
import { toRegionType } from '../regions/region.service';
import type { RegionType } from '../regions/region.types';
import {
  budgetByStage,
  budgetCost,
  budgetRealisation,
  disbursementTimeline,
  largestOutstanding,
  type RegionBudgetRow,
  type StageBudgetRow,
} from './budget.service';
import {
  BudgetCostType,
  BudgetRealisationType,
  BudgetStageType,
  DisbursementPointType,
  RakorevComparisonType,
  RakorevSnapshotType,
  SnapshotRegionFiguresType,
} from './budget.types';
import type { FrozenFigures, FrozenRegion, FrozenRegionFigures } from './rakorev-snapshot.figures';
import {
  compareRakorevSnapshots,
  createRakorevSnapshot,
  getRakorevSnapshot,
  listRakorevSnapshots,
  snapshotFigures,
  type SnapshotRecord,
} from './rakorev-snapshot.service';

const toRealisation = (r: RegionBudgetRow): BudgetRealisationType => ({
  region: toRegionType(r),
  allocated: r.allocated,
  disbursed: r.disbursed,
  outstanding: r.outstanding,
  realisationRate: r.realisation_rate,
});

const toStage = (r: StageBudgetRow): BudgetStageType => ({
  stage: r.stage,
  allocated: r.allocated,
  disbursed: r.disbursed,
  outstanding: r.outstanding,
  realisationRate: r.realisation_rate,
});

// Frozen regions already have the Region shape; geometry is still resolved live by code.
const frozenRegionType = (r: FrozenRegion): RegionType => ({ ...r });

/** Snapshot header for the API; the per-region figures stay behind field resolvers. */
type SnapshotOut = RakorevSnapshotType & { figures?: FrozenFigures };
const toSnapshot = (s: SnapshotRecord): SnapshotOut => ({
  id: s.id,
  title: s.title,
  year: s.year,
  quarter: s.quarter,
  within: s.within ? frozenRegionType(s.within) : null,
  createdAt: s.createdAt,
  createdBy: s.createdBy,
  lastImportId: s.lastImportId,
  figures: s.figures,
});

const toFigures = (f: FrozenRegionFigures): SnapshotRegionFiguresType => ({ ...f, region: frozenRegionType(f.region) });

/** Budget aggregates: every role may read them (VIEWER included); nothing here is household-level. */
@Authorized()
@Resolver()
export class BudgetResolver {
  @Directive(CACHE_AGGREGATE)
  @Query(() => [BudgetRealisationType], {
    description:
      'Pagu, realisasi, outstanding and realisation rate per region of `level` at/inside `within`; lines of any level roll up by code prefix',
  })
  async budgetRealisation(
    @Ctx() ctx: GraphQLContext,
    @Arg('year', () => Int) year: number,
    @Arg('level', () => RegionLevel) level: RegionLevel,
    @Arg('within', () => String, { nullable: true }) within?: string | null,
    @Arg('programs', () => [String], { nullable: true }) programs?: string[] | null,
    @Arg('stage', () => Int, { nullable: true }) stage?: number | null,
  ): Promise<BudgetRealisationType[]> {
    return (await budgetRealisation(ctx.em, { year, level, within, programs, stage })).map(toRealisation);
  }

  @Query(() => [BudgetStageType], {
    description: 'The budget of a year at/inside `within` as a series by stage (tahap); whole-year lines last',
  })
  async budgetByStage(
    @Ctx() ctx: GraphQLContext,
    @Arg('year', () => Int) year: number,
    @Arg('within', () => String, { nullable: true }) within?: string | null,
    @Arg('programs', () => [String], { nullable: true }) programs?: string[] | null,
  ): Promise<BudgetStageType[]> {
    return (await budgetByStage(ctx.em, { year, within, programs })).map(toStage);
  }

  @Query(() => [BudgetRealisationType], {
    description: 'Regions of `level` with the largest outstanding amounts, largest first (only those with something outstanding)',
  })
  async largestOutstanding(
    @Ctx() ctx: GraphQLContext,
    @Arg('year', () => Int) year: number,
    @Arg('level', () => RegionLevel) level: RegionLevel,
    @Arg('within', () => String, { nullable: true }) within?: string | null,
    @Arg('limit', () => Int, { nullable: true, defaultValue: 10 }) limit?: number | null,
    @Arg('programs', () => [String], { nullable: true }) programs?: string[] | null,
    @Arg('stage', () => Int, { nullable: true }) stage?: number | null,
  ): Promise<BudgetRealisationType[]> {
    return (await largestOutstanding(ctx.em, { year, level, within, limit, programs, stage })).map(toRealisation);
  }

  @Query(() => [DisbursementPointType], {
    description:
      'Recipient-row payments of a year by month of tanggal_salur and program, placed as in coverage (matched rows in their household’s desa)',
  })
  async disbursementTimeline(
    @Ctx() ctx: GraphQLContext,
    @Arg('year', () => Int) year: number,
    @Arg('within', () => String, { nullable: true }) within?: string | null,
    @Arg('programs', () => [String], { nullable: true }) programs?: string[] | null,
  ): Promise<DisbursementPointType[]> {
    return disbursementTimeline(ctx.em, { year, within, programs });
  }

  @Query(() => [BudgetCostType], {
    description: 'Realised budget per aided household and per recipient row, per region of `level` at/inside `within`',
  })
  async budgetCost(
    @Ctx() ctx: GraphQLContext,
    @Arg('year', () => Int) year: number,
    @Arg('level', () => RegionLevel) level: RegionLevel,
    @Arg('within', () => String, { nullable: true }) within?: string | null,
    @Arg('programs', () => [String], { nullable: true }) programs?: string[] | null,
    @Arg('stage', () => Int, { nullable: true }) stage?: number | null,
  ): Promise<BudgetCostType[]> {
    return (await budgetCost(ctx.em, { year, level, within, programs, stage })).map((r) => ({
      region: toRegionType(r),
      disbursed: r.disbursed,
      paidAmount: r.paid_amount,
      recipientRows: r.recipient_rows,
      aidedHouseholds: r.aided_households,
      costPerAidedHousehold: r.cost_per_aided_household,
      costPerRecipientRow: r.cost_per_recipient_row,
    }));
  }
}

/** Rakorev snapshots: read by every role (aggregates), made by ADMIN and OPERATOR (inside their region). */
@Authorized()
@Resolver(() => RakorevSnapshotType)
export class RakorevSnapshotResolver {
  @Authorized(Role.ADMIN, Role.OPERATOR)
  @Mutation(() => RakorevSnapshotType, {
    description: 'Freezes the budget (per kab/kota and stage, province totals) and coverage figures of a year for a rakorev meeting',
  })
  async createRakorevSnapshot(
    @Ctx() ctx: GraphQLContext,
    @Arg('title', () => String) title: string,
    @Arg('year', () => Int) year: number,
    @Arg('quarter', () => Int, { nullable: true }) quarter?: number | null,
    @Arg('within', () => String, { nullable: true, description: 'A province or kab/kota; omitted = all Indonesia' }) within?: string | null,
  ): Promise<RakorevSnapshotType> {
    return toSnapshot(await createRakorevSnapshot(ctx.em, ctx.user!, { title, year, quarter, within }));
  }

  @Query(() => [RakorevSnapshotType], { description: 'Stored rakorev snapshots, newest first' })
  async rakorevSnapshots(
    @Ctx() ctx: GraphQLContext,
    @Arg('year', () => Int, { nullable: true }) year?: number | null,
    @Arg('within', () => String, { nullable: true }) within?: string | null,
  ): Promise<RakorevSnapshotType[]> {
    return (await listRakorevSnapshots(ctx.em, { year, within })).map(toSnapshot);
  }

  @Query(() => RakorevSnapshotType, {
    nullable: true,
    description: 'One stored snapshot with its frozen figures (null when there is no such id)',
  })
  async rakorevSnapshot(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<RakorevSnapshotType | null> {
    const s = await getRakorevSnapshot(ctx.em, id);
    return s ? toSnapshot(s) : null;
  }

  @Query(() => RakorevComparisonType, { description: 'Change per region between two snapshots (b − a), e.g. triwulan II → III' })
  async compareRakorevSnapshots(
    @Ctx() ctx: GraphQLContext,
    @Arg('a', () => ID) a: string,
    @Arg('b', () => ID) b: string,
  ): Promise<RakorevComparisonType> {
    const c = await compareRakorevSnapshots(ctx.em, a, b);
    const change = (x: (typeof c.totals)[number]) => ({
      ...x,
      region: frozenRegionType(x.region),
      before: x.before && toFigures(x.before),
      after: x.after && toFigures(x.after),
    });
    return { a: toSnapshot(c.a), b: toSnapshot(c.b), totals: c.totals.map(change), regencies: c.regencies.map(change) };
  }

  @FieldResolver(() => [SnapshotRegionFiguresType], { description: 'Province totals as frozen' })
  async totals(@Root() s: SnapshotOut, @Ctx() ctx: GraphQLContext): Promise<SnapshotRegionFiguresType[]> {
    return (await this.figures(s, ctx)).totals.map(toFigures);
  }

  @FieldResolver(() => [SnapshotRegionFiguresType], { description: 'Per kab/kota as frozen, in code order' })
  async regencies(@Root() s: SnapshotOut, @Ctx() ctx: GraphQLContext): Promise<SnapshotRegionFiguresType[]> {
    return (await this.figures(s, ctx)).regencies.map(toFigures);
  }

  private async figures(s: SnapshotOut, ctx: GraphQLContext): Promise<FrozenFigures> {
    if (s.figures) return s.figures;
    // One query for every snapshot of the request (a list asking for figures is no N+1).
    const l = loader(
      ctx,
      'rakorevSnapshotFigures',
      () =>
        new DataLoader<string, FrozenFigures>(async (ids) => {
          const m = await snapshotFigures(ctx.em, ids);
          return ids.map((id) => m.get(id) ?? new Error(`rakorev snapshot ${id} has no stored figures`));
        }),
    );
    return l.load(s.id);
  }
}
