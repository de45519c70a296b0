import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { MultiPolygonType, type GeoJsonGeometry } from '../../db/types/geometry';

export enum RegionLevel {
  PROVINCE = 'PROVINCE',
  REGENCY = 'REGENCY',
  DISTRICT = 'DISTRICT',
  VILLAGE = 'VILLAGE',
}

export const LEVEL_NUMBER: Record<RegionLevel, 1 | 2 | 3 | 4> = {
  PROVINCE: 1,
  REGENCY: 2,
  DISTRICT: 3,
  VILLAGE: 4,
};
export const LEVEL_BY_NUMBER: Record<number, RegionLevel> = {
  1: RegionLevel.PROVINCE,
  2: RegionLevel.REGENCY,
  3: RegionLevel.DISTRICT,
  4: RegionLevel.VILLAGE,
};
/** Undotted code length per level: 2, 4, 6, 10. */
export const CODE_LENGTH: Record<number, number> = { 1: 2, 2: 4, 3: 6, 4: 10 };

@Entity({ tableName: 'region' })
export class Region {
  @PrimaryKey({ type: 'string', length: 10 })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'smallint' })
  level!: number;

  @Property({ type: 'string', length: 10, nullable: true })
  parentCode?: string | null;

  /** provinsi, kabupaten, kota, kecamatan, desa, kelurahan */
  @Enum({ type: 'text', items: ['provinsi', 'kabupaten', 'kota', 'kecamatan', 'desa', 'kelurahan'] })
  kind!: string;

  @Property({ type: MultiPolygonType, nullable: true, lazy: true, fieldName: 'geom' })
  geom?: GeoJsonGeometry | null;

  @Property({ type: 'double', nullable: true })
  areaKm2?: number | null;

  @Property({ type: 'double', nullable: true })
  lat?: number | null;

  @Property({ type: 'double', nullable: true })
  lng?: number | null;
}
