import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** One recipient (payment) row as imported. Matching to the roster is derived in SQL (analytics). */
@Entity({ tableName: 'payment' })
export class Payment {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'string', length: 32 })
  program!: string;

  @Property({ type: 'smallint' })
  year!: number;

  @Property({ type: 'smallint' })
  stage!: number;

  @Property({ type: 'string', length: 10 })
  desaCode!: string;

  @Property({ type: 'decimal', precision: 18, scale: 2, runtimeType: 'number' })
  nominal!: number;

  @Property({ type: 'string', length: 32, nullable: true })
  nik?: string | null;

  @Property({ type: 'string', length: 32, nullable: true })
  noKk?: string | null;

  @Property({ type: 'text', nullable: true })
  name?: string | null;

  @Property({ type: 'date', nullable: true })
  paidOn?: string | null;

  @Property({ type: 'boolean' })
  nikValid!: boolean;

  @Property({ type: 'text', nullable: true })
  nikIssue?: string | null;

  @Property({ type: 'character', length: 4 })
  kabCode!: string;

  @Property({ type: 'bigint' })
  importId!: string;

  @Property({ type: 'integer' })
  line!: number;
}
