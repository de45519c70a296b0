import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../graphql/connection';
import { RegionType } from '../regions/region.types';
import { FlagFixedBy, VerivaliFlagKind } from './workflow-common';

// Classes are declared before the classes whose decorators reference them (TDZ under esbuild).

@ObjectType('VerivaliFlag', { description: 'A roster record that needed a fix (verivali), from the import that first showed it until it was fixed' })
export class VerivaliFlagType {
  @Field(() => ID)
  id!: string;

  @Field(() => VerivaliFlagKind)
  kind!: VerivaliFlagKind;

  @Field(() => String, { description: 'What needs fixing, in Bahasa Indonesia' })
  description!: string;

  @Field(() => String, { nullable: true, description: 'NIK of the person (first person of a duplicate pair); masked per role and region' })
  nik!: string | null;

  @Field(() => String, { nullable: true, description: 'No. KK of the person’s family (masked like nik)' })
  noKk!: string | null;

  @Field(() => String, { nullable: true, description: 'DUPLICATE: NIK of the second person (masked)' })
  otherNik!: string | null;

  @Field(() => String, { nullable: true, description: 'DUPLICATE: No. KK of the second person (masked)' })
  otherKk!: string | null;

  @Field(() => RegionType, { description: 'The desa the record is placed in' })
  region!: RegionType;

  @Field(() => Boolean, { description: 'Not fixed yet' })
  open!: boolean;

  @Field(() => ID, { description: 'The import that first showed it' })
  firstSeenImportId!: string;

  @Field(() => GraphQLISODateTime)
  firstSeenAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  fixedAt!: Date | null;

  @Field(() => FlagFixedBy, { nullable: true })
  fixedBy!: FlagFixedBy | null;

  @Field(() => ID, { nullable: true, description: 'IMPORT: the import that no longer showed it' })
  fixedImportId!: string | null;

  @Field(() => ID, { nullable: true, description: 'USULAN / PENGADUAN: id of the proposal or complaint that resolved it' })
  fixedRef!: string | null;
}

export const VerivaliFlagConnection = connectionType('VerivaliFlag', VerivaliFlagType, { description: 'Verivali flags, newest first' });
export type VerivaliFlagConnection = InstanceType<typeof VerivaliFlagConnection>;

@ObjectType('VerivaliKindProgress', { description: 'Flags of one kind in a region and how many are fixed' })
export class VerivaliKindProgressType {
  @Field(() => VerivaliFlagKind)
  kind!: VerivaliFlagKind;

  @Field(() => Int)
  flagged!: number;

  @Field(() => Int)
  fixed!: number;

  @Field(() => Float, { description: 'fixed / flagged; 0 when nothing was flagged' })
  rate!: number;
}

@ObjectType('VerivaliPoint', { description: 'Progress at one moment: after an import, or after a workflow action that fixed records' })
export class VerivaliPointType {
  @Field(() => GraphQLISODateTime)
  at!: Date;

  @Field(() => ID, { nullable: true, description: 'The import of this moment; null for a workflow action' })
  importBatchId!: string | null;

  @Field(() => Int, { description: 'Records flagged up to this moment' })
  flagged!: number;

  @Field(() => Int, { description: 'Of them, fixed up to this moment' })
  fixed!: number;

  @Field(() => Float, { description: 'fixed / flagged' })
  rate!: number;
}

@ObjectType('VerivaliProgress', { description: 'Verivali progress of one region: records that needed a fix, and how many are fixed (e.g. “70% selesai”)' })
export class VerivaliProgressType {
  @Field(() => RegionType)
  region!: RegionType;

  @Field(() => Int, { description: 'Records flagged as needing a fix, ever' })
  flagged!: number;

  @Field(() => Int, { description: 'Of them, fixed since (by a later import or a workflow action)' })
  fixed!: number;

  @Field(() => Int, { description: 'flagged − fixed' })
  open!: number;

  @Field(() => Float, { description: 'fixed / flagged; 0 when nothing was flagged' })
  rate!: number;

  @Field(() => Int, { description: 'Fixed because a later import corrected the data' })
  fixedByImport!: number;

  @Field(() => Int, { description: 'Fixed by a workflow action (an approved removal, a closed complaint)' })
  fixedByWorkflow!: number;

  @Field(() => [VerivaliKindProgressType])
  byKind!: VerivaliKindProgressType[];

  @Field(() => [VerivaliPointType], { description: 'Cumulative progress over time, oldest first (empty when nothing was flagged)' })
  series!: VerivaliPointType[];
}
