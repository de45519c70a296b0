import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Household } from './household.entity';

@Entity({ tableName: 'person' })
export class Person {
  @PrimaryKey({ type: 'string', length: 32 })
  nik!: string;

  @ManyToOne(() => Household, { fieldName: 'no_kk' })
  household!: Household;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  nameNorm?: string | null;

  @Property({ type: 'character', length: 1, nullable: true })
  sex?: string | null;

  @Property({ type: 'date', nullable: true })
  birthDate?: string | null;

  @Property({ type: 'text', nullable: true })
  relation?: string | null;

  @Property({ type: 'text', nullable: true })
  address?: string | null;

  @Property({ type: 'boolean' })
  nikValid!: boolean;

  /** Reason code when the NIK is invalid (see quality/nik.ts). */
  @Property({ type: 'text', nullable: true })
  nikIssue?: string | null;

  @Property({ type: 'character', length: 4 })
  kabCode!: string;
}
