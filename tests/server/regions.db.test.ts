import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, backend } from '../setup/test-db';
import { startTestApp, type TestApp } from '../setup/test-app';
import type { Database } from '../../server/src/db/database';
import { loadRegions } from '../../server/src/modules/regions/load-regions';

let db: Database;
let app: TestApp;
let token: string;

beforeAll(async () => {
  db = await openTestDb();
  app = await startTestApp(db);
  token = await app.login();
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe(`regions (${backend})`, () => {
  it('refuses queries without a token', async () => {
    const r = await app.gql(`{ regions(level: PROVINCE) { code } }`);
    expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a bad token with a reason', async () => {
    const r = await app.gql(`{ me { username } }`, {}, 'not-a-token');
    expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(r.errors?.[0].message).toMatch(/token is not valid/);
  });

  it('returns the 729 desa/kelurahan of Gorontalo with valid GeoJSON', async () => {
    const r = await app.gql<{ regions: { code: string; level: string; kind: string; geometry: { type: string; coordinates: number[][][][] } }[] }>(
      `{ regions(level: VILLAGE, within: "75") { code level kind geometry(simplify: 0.0005) } }`,
      {},
      token,
    );
    expect(r.errors).toBeUndefined();
    const list = r.data!.regions;
    expect(list).toHaveLength(729);
    expect(list.filter((x) => x.kind === 'kelurahan')).toHaveLength(72);
    expect(list.every((x) => /^75\.\d\d\.\d\d\.\d{4}$/.test(x.code))).toBe(true);
    for (const x of list) {
      expect(['Polygon', 'MultiPolygon']).toContain(x.geometry.type);
      // Gorontalo lies around lon 121–124, lat 0–1.1
      const first = (x.geometry.type === 'Polygon' ? x.geometry.coordinates[0][0] : x.geometry.coordinates[0][0][0]) as unknown as number[];
      expect(first[0]).toBeGreaterThan(121);
      expect(first[0]).toBeLessThan(124);
    }
  });

  it('returns the kecamatan of a kabupaten, and a region itself at its own level', async () => {
    const r = await app.gql<{ regions: { code: string; parentCode: string }[] }>(
      `{ regions(level: DISTRICT, within: "75.02") { code name parentCode } }`,
      {},
      token,
    );
    expect(r.data!.regions.length).toBeGreaterThan(5);
    expect(r.data!.regions.every((x) => x.parentCode === '75.02')).toBe(true);
    const self = await app.gql<{ regions: { code: string; name: string }[] }>(`{ regions(level: REGENCY, within: "7502") { code name } }`, {}, token);
    expect(self.data!.regions).toEqual([{ code: '75.02', name: 'Kabupaten Boalemo' }]);
  });

  it('loads the national overview layers', async () => {
    const p = await app.gql<{ regions: unknown[] }>(`{ regions(level: PROVINCE) { code } }`, {}, token);
    expect(p.data!.regions).toHaveLength(38);
    const k = await app.gql<{ regions: unknown[] }>(`{ regions(level: REGENCY) { code } }`, {}, token);
    expect(k.data!.regions).toHaveLength(514);
  });

  it('rejects unknown and mis-levelled region codes as BAD_USER_INPUT', async () => {
    const a = await app.gql(`{ regions(level: VILLAGE, within: "99.99") { code } }`, {}, token);
    expect(a.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(a.errors?.[0].message).toContain('99.99');
    const b = await app.gql(`{ regions(level: REGENCY, within: "75.01.01") { code } }`, {}, token);
    expect(b.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const c = await app.gql(`{ regions(level: REGENCY, within: "abc") { code } }`, {}, token);
    expect(c.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('loading regions again is idempotent', async () => {
    const before = await db.orm.em.fork().execute(`select count(*)::int n from region`);
    const again = await loadRegions(db.orm.em.fork());
    expect(again.loaded).toBe(false);
    const after = await db.orm.em.fork().execute(`select count(*)::int n from region`);
    expect(after).toEqual(before);
  });
});
