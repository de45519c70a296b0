import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { CACHE_INHERIT } from '../../graphql/response-cache';
import { GraphQLISODateTime } from 'type-graphql';
import { RegionType } from '../regions/region.types';

// Classes are declared before the classes whose decorators reference them (TDZ under esbuild).

@Directive(CACHE_INHERIT)
@ObjectType('BudgetRealisation', { simpleResolvers: true, description: 'Budget realisation of one region (contract §5): pagu, realisasi and what is outstanding' })
export class BudgetRealisationType {
  @Field(() => RegionType)
  region!: RegionType;

  @Field(() => Float, { description: 'Sum of pagu (Rupiah)' })
  allocated!: number;

  @Field(() => Float, { description: 'Sum of realisasi (Rupiah)' })
  disbursed!: number;

  @Field(() => Float, { description: 'allocated − disbursed (Rupiah)' })
  outstanding!: number;

  @Field(() => Float, { description: 'disbursed / allocated, 0 when nothing is allocated; unrounded' })
  realisationRate!: number;
}

@ObjectType('BudgetStage', { description: 'Budget figures of one stage (tahap); stage null = lines for the whole year' })
export class BudgetStageType {
  @Field(() => Int, { nullable: true, description: 'Stage (tahap) number; null = budget lines for the whole year' })
  stage!: number | null;

  @Field(() => Float)
  allocated!: number;

  @Field(() => Float)
  disbursed!: number;

  @Field(() => Float)
  outstanding!: number;

  @Field(() => Float)
  realisationRate!: number;
}

@ObjectType('DisbursementPoint', { description: 'Payments (recipient rows) of one program paid in one month' })
export class DisbursementPointType {
  @Field(() => String, { nullable: true, description: 'Month YYYY-MM of tanggal_salur; null = rows without tanggal_salur' })
  month!: string | null;

  @Field(() => String)
  program!: string;

  @Field(() => Float, { description: 'Sum of nominal paid in the month (Rupiah)' })
  amount!: number;

  @Field(() => Int, { description: 'Recipient rows paid in the month' })
  recipientRows!: number;

  @Field(() => Float, { description: 'Sum of nominal of the program up to and including this month (undated rows last)' })
  cumulativeAmount!: number;
}

@ObjectType('BudgetCost', { description: 'What the realised budget cost per aided household and per recipient row' })
export class BudgetCostType {
  @Field(() => RegionType)
  region!: RegionType;

  @Field(() => Float, { description: 'Sum of realisasi of the budget lines (as in budgetRealisation)' })
  disbursed!: number;

  @Field(() => Float, { description: 'Sum of nominal of the recipient rows placed in the region' })
  paidAmount!: number;

  @Field(() => Int, { description: 'Recipient rows placed in the region (matched in their household’s desa, unmatched in their own)' })
  recipientRows!: number;

  @Field(() => Int, {
    description: 'Roster households of the region with at least one matched recipient row (as coverage.aidedHouseholds)',
  })
  aidedHouseholds!: number;

  @Field(() => Float, { description: 'disbursed / aidedHouseholds; 0 when no household was aided' })
  costPerAidedHousehold!: number;

  @Field(() => Float, { description: 'disbursed / recipientRows; 0 when there are no rows' })
  costPerRecipientRow!: number;
}

@ObjectType('SnapshotCoverage', { description: 'Coverage figures frozen in a snapshot (meaning as in Coverage, contract §5)' })
export class SnapshotCoverageType {
  @Field(() => Int)
  households!: number;

  @Field(() => Int)
  dtksHouseholds!: number;

  @Field(() => Int)
  aidedHouseholds!: number;

  @Field(() => Int)
  stackedHouseholds!: number;

  @Field(() => Int)
  unaidedDtksHouseholds!: number;

  @Field(() => Int)
  aidedNonDtksHouseholds!: number;

  @Field(() => Float)
  aidAmount!: number;
}

@ObjectType('SnapshotRegionFigures', { description: 'Figures of one region as frozen in a rakorev snapshot' })
export class SnapshotRegionFiguresType {
  @Field(() => RegionType, { description: 'The region as it was named when the snapshot was taken' })
  region!: RegionType;

  @Field(() => Float)
  allocated!: number;

  @Field(() => Float)
  disbursed!: number;

  @Field(() => Float)
  outstanding!: number;

  @Field(() => Float)
  realisationRate!: number;

  @Field(() => [BudgetStageType], { description: 'The same by stage (tahap); only stages with budget lines' })
  stages!: BudgetStageType[];

  @Field(() => SnapshotCoverageType, { description: 'Coverage of the year (all programs and stages) at freezing time' })
  coverage!: SnapshotCoverageType;
}

@ObjectType('RakorevSnapshot', { description: 'Figures frozen for a rakorev meeting; stored, never recomputed' })
export class RakorevSnapshotType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => Int, { nullable: true, description: 'Quarter (triwulan) 1–4 the meeting evaluates' })
  quarter!: number | null;

  @Field(() => RegionType, { nullable: true, description: 'Region the snapshot covers; null = all Indonesia' })
  within!: RegionType | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => String, { nullable: true })
  createdBy!: string | null;

  @Field(() => ID, { nullable: true, description: 'Latest landed import when frozen (what the figures include)' })
  lastImportId!: string | null;

  // `totals` and `regencies` are field resolvers: a list of snapshots does not load every figure.
}

@ObjectType('SnapshotCoverageChange', { description: 'Change of coverage figures between two snapshots (b − a)' })
export class SnapshotCoverageChangeType extends SnapshotCoverageType {}

@ObjectType('SnapshotRegionChange', { description: 'Change of one region between two snapshots: b − a' })
export class SnapshotRegionChangeType {
  @Field(() => RegionType)
  region!: RegionType;

  @Field(() => SnapshotRegionFiguresType, { nullable: true, description: 'Figures in snapshot a; null when a does not cover the region' })
  before!: SnapshotRegionFiguresType | null;

  @Field(() => SnapshotRegionFiguresType, { nullable: true, description: 'Figures in snapshot b; null when b does not cover the region' })
  after!: SnapshotRegionFiguresType | null;

  @Field(() => Float, { description: 'a region missing from one snapshot counts as zeros there' })
  allocatedChange!: number;

  @Field(() => Float)
  disbursedChange!: number;

  @Field(() => Float)
  outstandingChange!: number;

  @Field(() => Float)
  realisationRateChange!: number;

  @Field(() => SnapshotCoverageChangeType, { nullable: true, description: 'null when one of the snapshots does not cover the region' })
  coverageChange!: SnapshotCoverageChangeType | null;
}

@ObjectType('RakorevComparison', { description: 'Two snapshots side by side, change per region (b − a)' })
export class RakorevComparisonType {
  @Field(() => RakorevSnapshotType)
  a!: RakorevSnapshotType;

  @Field(() => RakorevSnapshotType)
  b!: RakorevSnapshotType;

  @Field(() => [SnapshotRegionChangeType], { description: 'Province totals' })
  totals!: SnapshotRegionChangeType[];

  @Field(() => [SnapshotRegionChangeType], { description: 'Per kab/kota, in code order' })
  regencies!: SnapshotRegionChangeType[];
}
