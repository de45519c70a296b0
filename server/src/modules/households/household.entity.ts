import { Collection, Entity, OneToMany, PrimaryKey, Property } from '@mikro-orm/core';
import { Person } from './person.entity';

@Entity({ tableName: 'household' })
export class Household {
  @PrimaryKey({ type: 'string', length: 32 })
  noKk!: string;

  @Property({ type: 'string', length: 10 })
  desaCode!: string;

  @Property({ type: 'character', length: 4 })
  kabCode!: string;

  @Property({ type: 'boolean' })
  dtks = false;

  @Property({ type: 'smallint', nullable: true })
  desil?: number | null;

  @Property({ type: 'string', length: 32, nullable: true })
  headNik?: string | null;

  @Property({ type: 'text', nullable: true })
  address?: string | null;

  @Property({ type: 'bigint', nullable: true })
  importId?: string | null;

  @OneToMany(() => Person, (p) => p.household)
  members = new Collection<Person>(this);
}
