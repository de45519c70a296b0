import type { EntityManager } from '@mikro-orm/postgresql';
import { FOCUS_AREAS, readBoundaries, readCodeList, undot, type GeoFeature } from './region-data';

/** Bump when the shipped region data or its loading changes; a start then reloads regions. */
export const REGIONS_VERSION = 'kemendagri-2025-v1';

interface RegionRow {
  code: string;
  name: string;
  level: number;
  parent: string | null;
  kind: string;
  geom: unknown;
  lat: number | null;
  lng: number | null;
}

/**
 * Loads the shipped regions: every province and kab/kota of Indonesia (overview
 * polygons), and kecamatan + desa/kelurahan of the focus areas, plus every
 * kecamatan code of the country for NIK validation. Idempotent: upserts, and
 * skips entirely when this version was already loaded.
 */
export async function loadRegions(em: EntityManager, onProgress?: (msg: string) => void): Promise<{ loaded: boolean; count: number }> {
  const conn = em.getConnection();
  const done = await conn.execute<{ value: string }[]>(`select value from app_setting where key = 'regions_version'`);
  if (done[0]?.value === REGIONS_VERSION) {
    const [{ n }] = await conn.execute<{ n: number }[]>(`select count(*)::int n from region`);
    return { loaded: false, count: n };
  }
  onProgress?.('Memuat kode wilayah Kemendagri 2025…');
  const codes = readCodeList();
  const byCode = new Map(codes.map((c) => [c.kode, c]));

  const geoms = new Map<string, GeoFeature>();
  const add = (file: string) => readBoundaries(file).forEach((f) => geoms.set(f.properties.kode, f));
  add('indonesia_provinsi_overview');
  add('indonesia_kabkota_overview');
  // Gorontalo in full detail: nests exactly with its desa.
  add('gorontalo_provinsi');
  add('gorontalo_kabkota_from_desa');
  for (const a of FOCUS_AREAS) {
    add(a.kecamatan);
    add(a.desa);
  }

  const rows: RegionRow[] = [];
  const parentOf = (code: string) => (code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : null);
  for (const c of codes) {
    const level = Number(c.level);
    const inFocus = FOCUS_AREAS.some((a) => c.kode === a.prefix || c.kode.startsWith(a.prefix + '.'));
    if (level > 2 && !inFocus) continue;
    const f = geoms.get(c.kode);
    const parent = parentOf(c.kode);
    rows.push({
      code: undot(c.kode),
      name: c.nama,
      level,
      parent: parent && byCode.has(parent) ? undot(parent) : null,
      kind: c.jenis,
      geom: f ? f.geometry : null,
      lat: typeof f?.properties.lat === 'number' ? f.properties.lat : null,
      lng: typeof f?.properties.lng === 'number' ? f.properties.lng : null,
    });
  }
  rows.sort((a, b) => a.level - b.level);
  onProgress?.(`Menyimpan ${rows.length} wilayah dengan batasnya…`);

  await em.transactional(async (tx) => {
    const c = tx;
    // Chunks keep each statement's JSON parameter modest. `offset 0` keeps each lateral step a step:
    // flattened, its expression would be pasted into every reference and ST_MakeValid would run four
    // times per boundary (6.7 s instead of 1.7 s on PostgreSQL).
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await c.execute(
        `insert into region (code, name, level, parent_code, kind, geom, lat, lng, area_km2)
         select r.code, r.name, r.level, r.parent, r.kind, g.geom, r.lat, r.lng,
                case when g.geom is null then null else ST_Area(g.geom::geography) / 1e6 end
         from json_to_recordset(?::json) as r(code text, name text, level int, parent text, kind text, geom json, lat float8, lng float8)
         cross join lateral (select case when r.geom is null then null
              else ST_Multi(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(r.geom::text), 4326), 'method=structure keepcollapsed=false')) end as geom offset 0) g0
         cross join lateral (select case when g0.geom is null then null
              else ST_Multi(ST_CollectionExtract(g0.geom, 3)) end as geom offset 0) g
         on conflict (code) do update set name = excluded.name, level = excluded.level, parent_code = excluded.parent_code,
           kind = excluded.kind, geom = excluded.geom, lat = excluded.lat, lng = excluded.lng, area_km2 = excluded.area_km2`,
        [JSON.stringify(chunk)],
      );
    }
    const kec = codes.filter((c) => c.level === '3').map((c) => ({ code: undot(c.kode), name: c.nama }));
    await c.execute(
      `insert into nik_region (code, name, current)
       select r.code, r.name, true from json_to_recordset(?::json) as r(code text, name text)
       on conflict (code) do update set name = excluded.name`,
      [JSON.stringify(kec)],
    );
    await c.execute(
      `insert into app_setting (key, value) values ('regions_version', ?)
       on conflict (key) do update set value = excluded.value`,
      [REGIONS_VERSION],
    );
  });
  // Fresh statistics: without them the planner guesses one row and picks nested loops over 2k regions.
  await em.execute(`analyze region`);
  await em.execute(`analyze nik_region`);
  return { loaded: true, count: rows.length };
}
