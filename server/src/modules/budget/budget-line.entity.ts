import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'budget_line' })
export class BudgetLine {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'string', length: 32 })
  program!: string;

  @Property({ type: 'smallint' })
  year!: number;

  /** null = the whole year */
  @Property({ type: 'smallint', nullable: true })
  stage?: number | null;

  @Property({ type: 'string', length: 10 })
  regionCode!: string;

  @Property({ type: 'decimal', precision: 18, scale: 2, runtimeType: 'number' })
  allocated!: number;

  @Property({ type: 'decimal', precision: 18, scale: 2, runtimeType: 'number' })
  disbursed = 0;

  @Property({ type: 'bigint' })
  importId!: string;

  @Property({ type: 'integer' })
  line!: number;
}
