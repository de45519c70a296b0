import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../graphql/connection';
import { RegionType } from '../regions/region.types';
import { UsulanKind, UsulanReason, UsulanStatus } from './workflow-common';

// Classes are declared before the classes whose decorators reference them (TDZ under esbuild).

@ObjectType('UsulanStep', { description: 'One status step of a proposal: who, when, from → to, with a note' })
export class UsulanStepType {
  @Field(() => UsulanStatus, { nullable: true, description: 'Status before the step; null for the proposal itself' })
  fromStatus!: UsulanStatus | null;

  @Field(() => UsulanStatus)
  status!: UsulanStatus;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => String)
  username!: string;

  @Field(() => GraphQLISODateTime)
  at!: Date;
}

@ObjectType('Usulan', { description: 'A proposal to add a family to DTKS or remove one; the family’s data as it was when proposed' })
export class UsulanType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Batch code; a batch is exported as one DTKS update file' })
  batch!: string;

  @Field(() => UsulanKind)
  kind!: UsulanKind;

  @Field(() => UsulanReason)
  reason!: UsulanReason;

  @Field(() => String, { description: 'Reason in Bahasa Indonesia' })
  reasonLabel!: string;

  @Field(() => UsulanStatus)
  status!: UsulanStatus;

  @Field(() => String, { description: 'No. KK (masked outside an operator’s region and for ANALYST)' })
  noKk!: string;

  @Field(() => String, { nullable: true, description: 'NIK of the head of the family, or of its first member without a head row (masked like noKk)' })
  headNik!: string | null;

  @Field(() => String, { nullable: true })
  headName!: string | null;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => RegionType, { description: 'The desa/kelurahan of the family when proposed' })
  region!: RegionType;

  @Field(() => String, { nullable: true, description: 'Note given with the proposal' })
  note!: string | null;

  @Field(() => ID, { nullable: true, description: 'The complaint (pengaduan) this proposal came from' })
  pengaduanId!: string | null;

  @Field(() => String)
  createdBy!: string;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'Time of the last status step' })
  updatedAt!: Date;

  // history: field resolver (batched per request)
}

export const UsulanConnection = connectionType('Usulan', UsulanType, { description: 'Proposals, newest first' });
export type UsulanConnection = InstanceType<typeof UsulanConnection>;

@InputType('UsulanFilter', { description: 'Every part optional' })
export class UsulanFilter {
  @Field(() => UsulanStatus, { nullable: true })
  status?: UsulanStatus | null;

  @Field(() => UsulanKind, { nullable: true })
  kind?: UsulanKind | null;

  @Field(() => UsulanReason, { nullable: true })
  reason?: UsulanReason | null;

  @Field(() => String, { nullable: true })
  batch?: string | null;
}

@InputType('ProposeUsulanInput')
export class ProposeUsulanInput {
  @Field(() => String, { description: 'No. KK of a family in the roster' })
  noKk!: string;

  @Field(() => UsulanKind)
  kind!: UsulanKind;

  @Field(() => UsulanReason, {
    nullable: true,
    description: 'Required for REMOVAL; for ADDITION defaults to PENERIMA_NON_DTKS when the family receives aid, else MISKIN_BELUM_TERDAFTAR',
  })
  reason?: UsulanReason | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => String, { nullable: true, description: 'Batch code to add the proposal to; a new batch when omitted' })
  batch?: string | null;

  @Field(() => ID, { nullable: true, description: 'The complaint (pengaduan) that led to this proposal' })
  pengaduanId?: string | null;
}

@ObjectType('UsulanBatchResult')
export class UsulanBatchResult {
  @Field(() => String)
  batch!: string;

  @Field(() => Int, { description: 'Proposals created' })
  created!: number;

  @Field(() => Int, { description: 'Candidates skipped because someone proposed them at the same moment' })
  skipped!: number;
}

@ObjectType('UsulanSummary', { description: 'Proposals of one region by status and kind' })
export class UsulanSummaryType {
  @Field(() => RegionType)
  region!: RegionType;

  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  diusulkan!: number;

  @Field(() => Int)
  diverifikasi!: number;

  @Field(() => Int)
  disetujui!: number;

  @Field(() => Int)
  ditolak!: number;

  @Field(() => Int, { description: 'Proposals to add a family to DTKS' })
  additions!: number;

  @Field(() => Int, { description: 'Proposals to remove a family from DTKS' })
  removals!: number;
}
