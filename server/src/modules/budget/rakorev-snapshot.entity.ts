import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { FrozenFigures } from './rakorev-snapshot.figures';

/**
 * Figures presented at a rakorev meeting, frozen when the snapshot is made. Never recomputed:
 * a database trigger refuses changes to the figures (Migration20261127040000_budget).
 */
@Entity({ tableName: 'rakorev_snapshot' })
export class RakorevSnapshot {
  // Mapped to a string explicitly: MikroORM 6 maps bigint to a JS bigint by default, which JSON cannot hold.
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  id!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'smallint' })
  year!: number;

  @Property({ type: 'smallint', nullable: true })
  quarter?: number | null;

  /** Undotted code of the region covered; null = all Indonesia. */
  @Property({ type: 'string', length: 10, nullable: true })
  withinCode?: string | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'text', nullable: true })
  createdBy?: string | null;

  /** Latest landed import at freezing time: tells which data the figures include. */
  @Property({ type: new BigIntType('string'), nullable: true })
  lastImportId?: string | null;

  /** The frozen figures (rakorev-snapshot.figures.ts). Lazy: reading a snapshot's header never loads them. */
  @Property({ type: 'json', lazy: true })
  figures!: FrozenFigures;
}
