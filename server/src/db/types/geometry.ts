import { Type } from '@mikro-orm/core';

export type GeoJsonGeometry = { type: string; coordinates: unknown };

/**
 * PostGIS geometry(MultiPolygon,4326) as GeoJSON objects in JS.
 * Conversion happens in SQL (ST_AsGeoJSON / ST_GeomFromGeoJSON), so no WKB parsing in Node.
 */
export class MultiPolygonType extends Type<GeoJsonGeometry | null, string | null> {
  override convertToDatabaseValue(value: GeoJsonGeometry | null): string | null {
    return value ? JSON.stringify(value) : null;
  }

  override convertToJSValue(value: string | GeoJsonGeometry | null): GeoJsonGeometry | null {
    if (value == null) return null;
    return typeof value === 'string' ? (JSON.parse(value) as GeoJsonGeometry) : value;
  }

  override convertToDatabaseValueSQL(key: string): string {
    return `ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${key}), 4326))`;
  }

  override convertToJSValueSQL(key: string): string {
    return `ST_AsGeoJSON(${key})`;
  }

  override getColumnType(): string {
    return 'geometry(MultiPolygon, 4326)';
  }
}
