import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, backend } from '../setup/test-db';
import { startTestApp, type TestApp } from '../setup/test-app';
import type { Database } from '../../server/src/db/database';
import { importFixture, loadCoverageData } from '../fixtures/coverage/load';
import { UNVERSIONED_TABLES } from '../../server/src/db/migrations/Migration20261127080000_data_version';

/*
 * The response cache (server/src/graphql/response-cache.ts): aggregates are answered from the cache
 * while the data is unchanged (the `age` header marks a hit), a new answer follows any committed
 * change at once, anonymous requests never see cached data, and household-level queries are never cached.
 */

let db: Database;
let app: TestApp;
let token: string;

beforeAll(async () => {
  db = await openTestDb();
  app = await startTestApp(db);
  token = await app.login();
  await loadCoverageData(db);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const COVERAGE = `query($w: String) { coverage(level: VILLAGE, within: $w) { region { code name } households aidedHouseholds aidAmount } }`;

async function post(query: string, variables: Record<string, unknown>, auth?: string) {
  const res = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { hit: res.headers.get('age') !== null, cacheControl: res.headers.get('cache-control'), contentType: res.headers.get('content-type'), text, body: JSON.parse(text) as { data?: any; errors?: any[] } };
}

const version = async () => (await db.orm.em.fork().execute<{ v: string }[]>(`select version::text as v from data_version`))[0]!.v;

describe(`response cache (${backend})`, () => {
  it('answers a repeated aggregate from the cache, with the same figures and no HTTP caching header', async () => {
    const first = await post(COVERAGE, { w: '75' }, token);
    expect(first.body.errors).toBeUndefined();
    const second = await post(COVERAGE, { w: '75' }, token);
    expect(first.hit).toBe(false);
    expect(second.hit).toBe(true);
    expect(second.text).toBe(first.text);
    expect(second.contentType).toBe(first.contentType);
    expect(second.cacheControl ?? '').not.toMatch(/max-age=[1-9]/);
    // other variables are another answer
    expect((await post(COVERAGE, { w: '75.01' }, token)).hit).toBe(false);
  });

  it('gives the new figures right after an import commits (the data version moves)', async () => {
    const before = await post(COVERAGE, { w: '75' }, token);
    const v = await version();
    await importFixture(db, 'households', 'households-update.csv'); // a family moves into D3 and matches a row
    expect(await version()).not.toBe(v);
    const after = await post(COVERAGE, { w: '75' }, token);
    expect(after.hit).toBe(false);
    expect(after.body).not.toEqual(before.body);
    const d = (r: typeof after) => (r.body.data.coverage as { region: { code: string }; households: number }[]).find((x) => x.region.code === '75.01.01.1001')!;
    expect(d(after).households).toBe(d(before).households + 1);
  });

  it('bumps the version once per committed change, not for a read or a rolled-back change', async () => {
    const v = Number(await version());
    await post(COVERAGE, { w: '75' }, token);
    expect(Number(await version())).toBe(v);
    await db.orm.em
      .fork()
      .transactional(async (tx) => {
        await tx.execute(`update program set name = name where code = 'PKH'`);
        await tx.execute(`update program set name = name where code = 'BPNT'`);
        throw new Error('roll back');
      })
      .catch((e: Error) => expect(e.message).toBe('roll back'));
    expect(Number(await version())).toBe(v);
    await db.orm.em.fork().transactional(async (tx) => {
      await tx.execute(`update program set name = name where code = 'PKH'`);
      await tx.execute(`update program set name = name where code = 'BPNT'`);
    });
    expect(Number(await version())).toBe(v + 1);
  });

  it('keeps the standard directives next to @cacheControl (@include, @skip)', async () => {
    const q = `query($w: Boolean!) { province: regions(level: PROVINCE, within: "75") { name } regency: regions(level: REGENCY, within: "75") @include(if: $w) { code } }`;
    const on = await post(q, { w: true }, token);
    expect(on.body.errors).toBeUndefined();
    expect(on.body.data.regency.length).toBeGreaterThan(1);
    const off = await post(q, { w: false }, token);
    expect(off.body.errors).toBeUndefined();
    expect(off.body.data.regency).toBeUndefined();
  });

  it('every data table bumps the data version (a table added without the trigger would serve stale answers)', async () => {
    const missing = await db.orm.em.fork().execute<{ table: string }[]>(
      `select c.relname as table from pg_class c
       where c.relkind in ('r', 'p') and c.relnamespace = 'public'::regnamespace and c.relname <> all(?::text[])
         and not exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname = c.relname || '_data_version')
       order by 1`,
      [`{${UNVERSIONED_TABLES.join(',')}}`],
    );
    expect(missing).toEqual([]);
  });

  it('never serves cached data without a valid login', async () => {
    await post(COVERAGE, { w: '75' }, token);
    const warm = await post(COVERAGE, { w: '75' }, token);
    expect(warm.hit).toBe(true);
    for (const auth of [undefined, 'not-a-token']) {
      const r = await post(COVERAGE, { w: '75' }, auth);
      expect(r.hit).toBe(false);
      expect(r.body.data?.coverage ?? null).toBeNull();
      expect(r.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('never stores an answer with an error', async () => {
    const bad = { w: '99.99' };
    const first = await post(COVERAGE, bad, token);
    expect(first.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const second = await post(COVERAGE, bad, token);
    expect(second.hit).toBe(false);
    expect(second.body.errors?.[0]?.message).toContain('99.99');
  });

  it('never caches household-level answers, alone or next to an aggregate', async () => {
    const households = `{ households(within: "75", first: 5) { totalCount edges { node { noKk } } } }`;
    await post(households, {}, token);
    expect((await post(households, {}, token)).hit).toBe(false);
    const mixed = `{ coverage(level: PROVINCE) { households } households(within: "75", first: 5) { totalCount } }`;
    await post(mixed, {}, token);
    expect((await post(mixed, {}, token)).hit).toBe(false);
  });
});
