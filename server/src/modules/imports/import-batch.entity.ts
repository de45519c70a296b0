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

  @Property({ type: 'text', nullable: true })
  username?: string | null;

  @Property({ type: 'datetime' })
  startedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  finishedAt?: Date | null;
}
