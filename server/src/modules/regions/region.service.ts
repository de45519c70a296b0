import type { EntityManager } from '@mikro-orm/postgresql';
import { CODE_LENGTH, LEVEL_BY_NUMBER, LEVEL_NUMBER, RegionLevel } from './region.entity';
import { dot, undot } from './region-data';
import { badInput } from '../../graphql/errors';

export interface RegionRow {
  code: string; // undotted
  name: string;
  level: number;
  parent_code: string | null;
  kind: string;
  area_km2: number | null;
  lat: number | null;
  lng: number | null;
}

export function toRegionType(r: RegionRow) {
  return {
    code: dot(r.code),
    name: r.name,
    level: LEVEL_BY_NUMBER[r.level],
    parentCode: r.parent_code ? dot(r.parent_code) : null,
    kind: r.kind,
    areaKm2: r.area_km2,
    lat: r.lat,
    lng: r.lng,
  };
}

/** Accepts 75.01.01.2001 or 7501012001; returns the undotted code or throws BAD_USER_INPUT. */
export function parseRegionCode(code: string, argName = 'within'): string {
  const c = undot(code.trim());
  if (!/^\d+$/.test(c) || ![2, 4, 6, 10].includes(c.length)) {
    throw badInput(`${argName}: "${code}" is not a Kemendagri region code (expected e.g. 75, 75.01, 75.01.01 or 75.01.01.2001).`, { argumentName: argName });
  }
  return c;
}

/**
 * Resolves `within` for a level: checks the region exists and is at or above
 * the level. Returns the undotted prefix (or null for everywhere).
 */
export async function resolveWithin(em: EntityManager, level: RegionLevel, within?: string | null): Promise<string | null> {
  if (within == null || within === '') return null;
  const code = parseRegionCode(within);
  const rows = await em.execute<{ level: number }[]>(`select level from region where code = ?`, [code]);
  if (!rows[0]) throw badInput(`within: region ${dot(code)} is not known to the portal.`, { argumentName: 'within' });
  if (rows[0].level > LEVEL_NUMBER[level]) {
    throw badInput(`within: region ${dot(code)} is a ${LEVEL_BY_NUMBER[rows[0].level]}, below the requested level ${level}.`, {
      argumentName: 'within',
    });
  }
  return code;
}

export async function listRegions(em: EntityManager, level: RegionLevel, within?: string | null): Promise<RegionRow[]> {
  const prefix = await resolveWithin(em, level, within);
  const lvl = LEVEL_NUMBER[level];
  return em.execute<RegionRow[]>(
    `select code, name, level, parent_code, kind, area_km2, lat, lng from region
     where level = ? and (?::text is null or code like ? || '%') order by code`,
    [lvl, prefix, prefix],
  );
}

/** GeoJSON geometry for many regions in one query; tolerance in degrees simplifies (topology-preserving). */
export async function geometriesFor(em: EntityManager, codes: readonly string[], tolerance: number): Promise<Map<string, unknown>> {
  const rows = await em.execute<{ code: string; g: string | null }[]>(
    `select code, ST_AsGeoJSON(case when ?::float8 > 0 then ST_SimplifyPreserveTopology(geom, ?::float8) else geom end, 6) g
     from region where code = any(?::text[])`,
    [tolerance, tolerance, `{${codes.join(',')}}`],
  );
  return new Map(rows.map((r) => [r.code, r.g ? JSON.parse(r.g) : null]));
}

export { CODE_LENGTH };
