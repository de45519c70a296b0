import { Entity, Enum, PrimaryKey, Property, type Opt } from '@mikro-orm/core';

export enum Role {
  ADMIN = 'ADMIN',
  OPERATOR = 'OPERATOR',
  ANALYST = 'ANALYST',
  VIEWER = 'VIEWER',
}

@Entity({ tableName: 'app_user' })
export class User {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'text', unique: true })
  username!: string;

  @Property({ type: 'text', hidden: true })
  passwordHash!: string;

  @Enum({ type: 'text', items: () => Role })
  role!: Role;

  /** Undotted region code an OPERATOR may write in; null = everywhere. */
  @Property({ type: 'string', length: 10, nullable: true })
  regionCode?: string | null;

  @Property({ type: 'boolean' })
  disabled = false;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /**
   * Tokens carry the version they were signed with; bumping it (password
   * change or reset, disable) makes every older token invalid at once.
   */
  @Property({ type: 'integer' })
  tokenVersion: Opt<number> = 0;

  @Property({ type: 'datetime', nullable: true })
  updatedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  lastLoginAt?: Date | null;
}
