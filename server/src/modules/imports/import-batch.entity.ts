import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

export interface RowError {
  line: number;
  column: string | null;
  value: string | null;
  message: string;
}

@Entity({ tableName: 'import_batch' })
export class ImportBatch {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'text' })
  fileName!: string;

  @Property({ type: 'character', length: 64 })
  contentHash!: string;

  /** landed | unchanged | refused */
  @Property({ type: 'text' })
  status!: string;

  @Property({ type: 'integer' })
  accepted = 0;

  @Property({ type: 'integer' })
  rejected = 0;

  @Property({ type: 'json' })
  errors: RowError[] = [];

  /** Accepted rows with a flagged NIK. */
  @Property({ type: 'integer' })
  invalidNik = 0;

  @Property({ type: 'bigint', nullable: true })
  byteSize?: string | null;

  /** One sentence for people (why refused, which import made it unchanged, …). */
  @Property({ type: 'text', nullable: true })
  message?: string | null;

  @Property({ type: 'text', nullable: true })
  username?: string | null;

  @Property({ type: 'datetime' })
  startedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  finishedAt?: Date | null;
}
