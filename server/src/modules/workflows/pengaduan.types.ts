import { Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../graphql/connection';
import { RegionType } from '../regions/region.types';
import { PengaduanCategory, PengaduanChannel, PengaduanStatus } from './workflow-common';

// Classes are declared before the classes whose decorators reference them (TDZ under esbuild).

@ObjectType('PengaduanStep', { description: 'One status step of a complaint' })
export class PengaduanStepType {
  @Field(() => PengaduanStatus, { nullable: true, description: 'Status before the step; null for receiving the complaint' })
  fromStatus!: PengaduanStatus | null;

  @Field(() => PengaduanStatus)
  status!: PengaduanStatus;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => String)
  username!: string;

  @Field(() => GraphQLISODateTime)
  at!: Date;
}

@ObjectType('Pengaduan', { description: 'A complaint received by the complaints desk (posko pengaduan), about a family or a desa' })
export class PengaduanType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'No. KK the complaint is about (masked per role and region); null for a desa complaint' })
  noKk!: string | null;

  @Field(() => RegionType, { description: 'The desa/kelurahan' })
  region!: RegionType;

  @Field(() => PengaduanCategory)
  category!: PengaduanCategory;

  @Field(() => PengaduanChannel)
  channel!: PengaduanChannel;

  @Field(() => PengaduanStatus)
  status!: PengaduanStatus;

  @Field(() => String)
  description!: string;

  @Field(() => String, { nullable: true, description: 'Who complained; shown only to ADMIN and to an OPERATOR of the region' })
  reporterName!: string | null;

  @Field(() => GraphQLISODateTime)
  receivedAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'First DIPROSES step' })
  processedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'SELESAI step' })
  resolvedAt!: Date | null;

  @Field(() => Float, { nullable: true, description: 'Hours from receiving to the first DIPROSES step' })
  firstResponseHours!: number | null;

  @Field(() => Float, { nullable: true, description: 'Hours from receiving to SELESAI' })
  resolutionHours!: number | null;

  @Field(() => String)
  createdBy!: string;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  // history, flags: field resolvers (batched per request)
}

export const PengaduanConnection = connectionType('Pengaduan', PengaduanType, { description: 'Complaints, newest first' });
export type PengaduanConnection = InstanceType<typeof PengaduanConnection>;

@InputType('PengaduanFilter', { description: 'Every part optional' })
export class PengaduanFilter {
  @Field(() => PengaduanStatus, { nullable: true })
  status?: PengaduanStatus | null;

  @Field(() => PengaduanCategory, { nullable: true })
  category?: PengaduanCategory | null;

  @Field(() => PengaduanChannel, { nullable: true })
  channel?: PengaduanChannel | null;

  @Field(() => String, { nullable: true })
  noKk?: string | null;
}

@InputType('CreatePengaduanInput')
export class CreatePengaduanInput {
  @Field(() => String, { nullable: true, description: 'The family complained about; in the roster → placed in its desa' })
  noKk?: string | null;

  @Field(() => String, { nullable: true, description: 'The desa (required for a desa complaint or a family not in the roster)' })
  desaCode?: string | null;

  @Field(() => PengaduanCategory)
  category!: PengaduanCategory;

  @Field(() => PengaduanChannel)
  channel!: PengaduanChannel;

  @Field(() => String)
  description!: string;

  @Field(() => String, { nullable: true })
  reporterName?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the desk received it (a letter may be recorded later); default now' })
  receivedAt?: Date | null;

  @Field(() => [ID], { nullable: true, description: 'Verivali flags of the same family or desa to link, besides the family’s open flags (linked automatically)' })
  flagIds?: string[] | null;
}

@ObjectType('PengaduanCount', { description: 'Complaints with one category or channel' })
export class PengaduanCountType {
  @Field(() => String, { description: 'The category or channel code' })
  key!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('PengaduanSummary', { description: 'Complaints of one region: counts and median response times' })
export class PengaduanSummaryType {
  @Field(() => RegionType)
  region!: RegionType;

  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  baru!: number;

  @Field(() => Int)
  diproses!: number;

  @Field(() => Int)
  selesai!: number;

  @Field(() => [PengaduanCountType], { description: 'Per category (every category, zeros included)' })
  byCategory!: PengaduanCountType[];

  @Field(() => [PengaduanCountType], { description: 'Per channel (every channel, zeros included)' })
  byChannel!: PengaduanCountType[];

  @Field(() => Float, { nullable: true, description: 'Median hours from receiving to the first DIPROSES step, over complaints processed; null when none' })
  medianFirstResponseHours!: number | null;

  @Field(() => Float, { nullable: true, description: 'Median hours from receiving to SELESAI, over complaints resolved; null when none' })
  medianResolutionHours!: number | null;
}
