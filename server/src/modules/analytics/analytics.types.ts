import { Directive, Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { CACHE_INHERIT } from '../../graphql/response-cache';
import { RegionType } from '../regions/region.types';

@InputType('AidFilter', { description: 'Which recipient rows count (contract §5); every part optional: all programs, years and stages by default' })
export class AidFilter {
  @Field(() => [String], { nullable: true, description: 'Program codes (case-insensitive); omitted = every program' })
  programs?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Year (tahun); omitted = every year' })
  year?: number | null;

  @Field(() => Int, { nullable: true, description: 'Stage (tahap); omitted = every stage' })
  stage?: number | null;
}

@Directive(CACHE_INHERIT)
@ObjectType('Coverage', { simpleResolvers: true, description: 'Coverage of one region for the rows matching the filter (contract §5)' })
export class Coverage {
  @Field(() => RegionType)
  region!: RegionType;

  @Field(() => Int, { description: 'Roster households in the region' })
  households!: number;

  @Field(() => Int, { description: 'Of them, with dtks = Y' })
  dtksHouseholds!: number;

  @Field(() => Int, { description: 'Households with at least one matched recipient row' })
  aidedHouseholds!: number;

  @Field(() => Int, { description: 'Households with matched rows from two or more distinct programs' })
  stackedHouseholds!: number;

  @Field(() => Int, { description: 'DTKS households with no matched row' })
  unaidedDtksHouseholds!: number;

  @Field(() => Int, { description: 'Aided households not in DTKS' })
  aidedNonDtksHouseholds!: number;

  @Field(() => Float, { description: 'Sum of nominal of the matched rows placed in the region (Rupiah)' })
  aidAmount!: number;
}

@Directive(CACHE_INHERIT)
@ObjectType('DataQuality', { simpleResolvers: true, description: 'Data-quality figures of one region over the recipient rows matching the filter (contract §5)' })
export class DataQuality {
  @Field(() => RegionType)
  region!: RegionType;

  @Field(() => Int, { description: 'Rows whose NIK is empty or invalid' })
  invalidNik!: number;

  @Field(() => Int, { description: 'Rows with a valid NIK that match neither a person nor a household' })
  unmatchedRecipients!: number;

  @Field(() => Int, { description: 'Matched rows beyond the first for the same person (or household), program, year and stage' })
  duplicatePayments!: number;

  @Field(() => Int, { description: 'Rows matched to a person, paid strictly after that person’s recorded death' })
  deceasedRecipients!: number;

  @Field(() => Int, { description: 'Pairs of roster persons, both with rows matching the filter, who are probably one person (fuzzy)' })
  possibleDuplicates!: number;
}
