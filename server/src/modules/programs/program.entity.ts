import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'program' })
export class Program {
  @PrimaryKey({ type: 'string', length: 32 })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  /** PUSAT | PROVINSI | KABUPATEN | DESA */
  @Property({ type: 'text', nullable: true })
  fundingSource?: string | null;

  @Property({ type: 'decimal', precision: 18, scale: 2, nullable: true, runtimeType: 'number' })
  monthlyAmount?: number | null;
}
