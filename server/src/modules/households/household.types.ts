import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../graphql/connection';
import { RegionType } from '../regions/region.types';
import { AidFilter } from '../analytics/analytics.types';

@InputType('HouseholdFilter', {
  description:
    'Which roster households to list. `aid` is the window of recipient rows (programs, year, stage) that `aided`, ' +
    '`minPrograms` and `program` look at — the same rows the coverage figures count.',
})
export class HouseholdFilter {
  @Field(() => Boolean, { nullable: true, description: 'true: DTKS households only; false: outside DTKS only' })
  dtks?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'true: with at least one matched recipient row in the window; false: with none' })
  aided?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'At least this many distinct programs in the window (2 = stacked aid)' })
  minPrograms?: number | null;

  @Field(() => String, { nullable: true, description: 'Received this program (code, case-insensitive) in the window' })
  program?: string | null;

  @Field(() => [Int], { nullable: true, description: 'Welfare deciles (desil 1 = poorest)' })
  desil?: number[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'A member’s exact NIK, the exact No. KK, or a fragment (3+ letters) of a member’s name',
  })
  search?: string | null;

  @Field(() => AidFilter, { nullable: true, description: 'Window of recipient rows; default every program, year and stage' })
  aid?: AidFilter | null;
}

@ObjectType('HouseholdMember', { description: 'A person of the roster (Dukcapil family card)' })
export class HouseholdMember {
  @Field(() => String, { description: 'NIK, masked unless the caller may see it in full' })
  nik!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: 'L or P' })
  sex!: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  birthDate!: string | null;

  @Field(() => String, { nullable: true, description: 'Relation to the head, e.g. KEPALA KELUARGA, ISTRI, ANAK' })
  relation!: string | null;

  @Field(() => Boolean, { description: 'Whether the NIK passes validation (an invalid one is kept and flagged)' })
  nikValid!: boolean;
}

@ObjectType('HouseholdProgram', { description: 'What a household received from one program in one stage: its matched recipient rows' })
export class HouseholdProgram {
  @Field(() => String, { description: 'Program code' })
  program!: string;

  @Field(() => String, { description: 'Program name' })
  name!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => Int)
  stage!: number;

  @Field(() => Float, { description: 'Sum of nominal (Rupiah)' })
  amount!: number;

  @Field(() => Int, { description: 'Number of recipient rows' })
  payments!: number;
}

@ObjectType('Household', { description: 'A roster household (Kartu Keluarga) with its members and the aid it received' })
export class Household {
  @Field(() => String, { description: 'No. KK, masked unless the caller may see it in full' })
  noKk!: string;

  @Field(() => RegionType, { description: 'The desa/kelurahan of the household' })
  region!: RegionType;

  @Field(() => Boolean)
  dtks!: boolean;

  @Field(() => Int, { nullable: true, description: 'Welfare decile (desil), 1 = poorest' })
  desil!: number | null;

  @Field(() => String, { nullable: true })
  address!: string | null;

  // members and programs: field resolvers, batched per request (household.resolver.ts).

  /** Unmasked No. KK and desa code: keys for the loaders and masking, never exposed. */
  kk!: string;
  desaCode!: string;
}

export const HouseholdConnection = connectionType('Household', Household, {
  description: 'A page of households (contract connection shape)',
  totalCount: 'Households matching the filter, over all pages',
});
export type HouseholdConnection = InstanceType<typeof HouseholdConnection>;
