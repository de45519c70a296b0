import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { PengaduanCategory, PengaduanChannel, PengaduanStatus } from './workflow-common';

/**
 * A complaint received by the complaints desk (table pengaduan), about one family
 * (no_kk) or about a desa as a whole. processed_at is the first DIPROSES step,
 * resolved_at the SELESAI step: the two response times are measured from received_at.
 */
@Entity({ tableName: 'pengaduan' })
export class Pengaduan {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'string', length: 32, nullable: true })
  noKk?: string | null;

  @Property({ type: 'string', length: 10 })
  desaCode!: string;

  @Property({ type: 'character', length: 4 })
  kabCode!: string;

  @Enum({ type: 'text', items: () => PengaduanCategory })
  category!: PengaduanCategory;

  @Enum({ type: 'text', items: () => PengaduanChannel })
  channel!: PengaduanChannel;

  @Enum({ type: 'text', items: () => PengaduanStatus })
  status: PengaduanStatus = PengaduanStatus.BARU;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'text', nullable: true })
  reporterName?: string | null;

  @Property({ type: 'datetime' })
  receivedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  processedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  resolvedAt?: Date | null;

  @Property({ type: 'text' })
  createdBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

/** One status step of a complaint (the creation included, from null). */
@Entity({ tableName: 'pengaduan_history' })
export class PengaduanHistory {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'bigint' })
  pengaduanId!: string;

  @Enum({ type: 'text', items: () => PengaduanStatus, nullable: true })
  fromStatus?: PengaduanStatus | null;

  @Enum({ type: 'text', items: () => PengaduanStatus })
  toStatus!: PengaduanStatus;

  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Property({ type: 'text' })
  username!: string;

  @Property({ type: 'datetime' })
  at: Date = new Date();
}
