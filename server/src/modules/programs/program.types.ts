import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType('Program', { description: 'An aid program of the catalogue (imported as kind "programs")' })
export class ProgramType {
  @Field(() => String, { description: 'Program code, e.g. PKH, BPNT, BLT-DD' })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: 'PUSAT, PROVINSI, KABUPATEN or DESA' })
  fundingSource!: string | null;

  @Field(() => Float, { nullable: true, description: 'Monthly benefit (Rupiah), when fixed' })
  monthlyAmount!: number | null;
}
