import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'civil_event' })
export class CivilEvent {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'string', length: 32 })
  nik!: string;

  /** MENINGGAL | PINDAH */
  @Property({ type: 'text' })
  event!: string;

  @Property({ type: 'date' })
  eventDate!: string;

  @Property({ type: 'string', length: 10, nullable: true })
  destDesaCode?: string | null;

  @Property({ type: 'bigint' })
  importId!: string;

  @Property({ type: 'integer' })
  line!: number;
}
