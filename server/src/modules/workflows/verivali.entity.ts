import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { FlagFixedBy, VerivaliFlagKind } from './workflow-common';

/**
 * A roster record that needed a fix (table verivali_flag): a person with an invalid
 * NIK, a deceased or moved person still listed in a family, or a probable duplicate
 * person. Written only by the set-based refresh after each import (verivali.service.ts)
 * and by workflow actions that resolve it; never edited by hand.
 */
@Entity({ tableName: 'verivali_flag' })
export class VerivaliFlag {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Enum({ type: 'text', items: () => VerivaliFlagKind })
  kind!: VerivaliFlagKind;

  /** What identifies the flagged record across imports: the NIK, or "nikA|nikB" for a duplicate pair. */
  @Property({ type: 'text' })
  recordKey!: string;

  @Property({ type: 'string', length: 32, nullable: true })
  nik?: string | null;

  @Property({ type: 'string', length: 32, nullable: true })
  noKk?: string | null;

  /** DUPLICATE: the second person of the pair and their family. */
  @Property({ type: 'string', length: 32, nullable: true })
  otherNik?: string | null;

  @Property({ type: 'string', length: 32, nullable: true })
  otherKk?: string | null;

  @Property({ type: 'string', length: 10 })
  desaCode!: string;

  @Property({ type: 'character', length: 4 })
  kabCode!: string;

  @Property({ type: 'text', nullable: true })
  detail?: string | null;

  @Property({ type: 'bigint' })
  firstSeenBatch!: string;

  @Property({ type: 'datetime' })
  firstSeenAt!: Date;

  @Property({ type: 'bigint', nullable: true })
  fixedBatch?: string | null;

  @Property({ type: 'datetime', nullable: true })
  fixedAt?: Date | null;

  @Enum({ type: 'text', items: () => FlagFixedBy, nullable: true })
  fixedBy?: FlagFixedBy | null;

  /** usulan.id or pengaduan.id of the workflow action that fixed it. */
  @Property({ type: 'bigint', nullable: true })
  fixedRef?: string | null;
}
