import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RegionType } from '../regions/region.types';
import { connectionType, edgeType, PageInfo } from '../../graphql/connection';

export enum DuplicateVerdict {
  SAME = 'SAME',
  DIFFERENT = 'DIFFERENT',
}
registerEnumType(DuplicateVerdict, {
  name: 'DuplicateVerdict',
  description: 'A reviewer’s verdict on a possible duplicate pair: SAME person (always counts) or DIFFERENT persons (never counts again)',
});

@ObjectType('DuplicatePerson', { description: 'One roster person of a possible duplicate pair' })
export class DuplicatePerson {
  @Field(() => String, { description: 'NIK, masked unless the caller may see it in full' })
  nik!: string;

  @Field(() => String, { description: 'Name as written in the roster' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Birth date, YYYY-MM-DD' })
  birthDate!: string | null;

  @Field(() => RegionType, { description: 'Desa/kelurahan of the person’s household' })
  region!: RegionType;
}

@ObjectType('DuplicatePair', { description: 'Two roster persons with different NIKs who are probably one person (contract §5)' })
export class DuplicatePair {
  @Field(() => DuplicatePerson, { description: 'The person with the smaller NIK (the pair is placed in their desa)' })
  a!: DuplicatePerson;

  @Field(() => DuplicatePerson)
  b!: DuplicatePerson;

  @Field(() => Float, { description: 'How likely one person, 0–1; pairs at or above the threshold are listed' })
  score!: number;

  @Field(() => [String], { description: 'Why, e.g. "same birth date", "name similarity 0.93", "same desa"' })
  reasons!: string[];
}

export const DuplicatePairConnection = connectionType('DuplicatePair', DuplicatePair, {
  totalCount: 'Pairs in the whole list (the possibleDuplicates figure of the region)',
});
export type DuplicatePairConnection = InstanceType<typeof DuplicatePairConnection>;

@ObjectType('ExclusiveProgramPair', { description: 'Two programs one household may not receive in the same year' })
export class ExclusiveProgramPair {
  @Field(() => Int)
  id!: number;

  @Field(() => String)
  programA!: string;

  @Field(() => String)
  programB!: string;

  @Field(() => Int, { nullable: true, description: 'The year the rule holds; null = every year' })
  year!: number | null;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@ObjectType('ExclusiveProgramViolation', { description: 'A household paid by both programs of an exclusive pair in one year' })
export class ExclusiveProgramViolation {
  @Field(() => String, { description: 'No. KK, masked unless the caller may see it in full' })
  noKk!: string;

  @Field(() => String, { nullable: true, description: 'Name of the head of the household' })
  headName!: string | null;

  @Field(() => RegionType, { description: 'Desa/kelurahan of the household' })
  region!: RegionType;

  @Field(() => Int)
  year!: number;

  @Field(() => String)
  programA!: string;

  @Field(() => String)
  programB!: string;

  @Field(() => Int, { description: 'Recipient rows of program A that year' })
  rowsA!: number;

  @Field(() => Int)
  rowsB!: number;

  @Field(() => Float, { description: 'Money of program A that year (Rupiah)' })
  amountA!: number;

  @Field(() => Float)
  amountB!: number;
}

const ExclusiveProgramViolationEdge = edgeType('ExclusiveProgramViolation', ExclusiveProgramViolation);

@ObjectType('ExclusiveProgramViolationConnection')
export class ExclusiveProgramViolationConnection {
  @Field(() => Int)
  totalCount!: number;

  @Field(() => Float, { description: 'Money of program A over the whole list (Rupiah)' })
  amountA!: number;

  @Field(() => Float, { description: 'Money of program B over the whole list (Rupiah)' })
  amountB!: number;

  @Field(() => [ExclusiveProgramViolationEdge])
  edges!: InstanceType<typeof ExclusiveProgramViolationEdge>[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType('CivilRiskFigures', { description: 'Recipient rows paid after a move or a death, and their money' })
export class CivilRiskFigures {
  @Field(() => Int, {
    description: 'Rows matched to a person paid after that person’s latest earlier PINDAH went to another kab/kota than the row’s',
  })
  movedRecipients!: number;

  @Field(() => Float, { description: 'Money of those rows (Rupiah)' })
  movedAmount!: number;

  @Field(() => Int, { description: 'Rows matched to a person paid strictly after their death (as deceasedRecipients)' })
  deceasedRecipients!: number;

  @Field(() => Float, { description: 'Money of those rows (Rupiah)' })
  deceasedAmount!: number;
}

@ObjectType('CivilRiskByProgram')
export class CivilRiskByProgram extends CivilRiskFigures {
  @Field(() => String)
  program!: string;
}

@ObjectType('CivilRegistryRisk', { description: 'Money at stake from deaths and moves in one region, for the rows matching the filter' })
export class CivilRegistryRisk extends CivilRiskFigures {
  @Field(() => RegionType)
  region!: RegionType;

  @Field(() => [CivilRiskByProgram], { description: 'The same figures per program (programs with none left out)' })
  byProgram!: CivilRiskByProgram[];
}
