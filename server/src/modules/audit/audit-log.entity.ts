import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'audit_log' })
export class AuditLog {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'datetime' })
  at: Date = new Date();

  @Property({ type: 'text', nullable: true })
  username?: string | null;

  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'json' })
  detail: Record<string, unknown> = {};
}
