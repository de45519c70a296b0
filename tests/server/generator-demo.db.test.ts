import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database';
import { loadDemo } from '../../server/src/modules/generator/demo';
import type { Truth } from '../../server/src/modules/generator/truth';
import { newStatus } from '../../server/src/status';
import { backend, openTestDb } from '../setup/test-db';
import { startTestApp, type TestApp } from '../setup/test-app';

// The demo start-up task end to end on a small data set: generate, import every file through
// importFile, and the database then shows exactly what truth.json says was planted.

let db: Database;
let app: TestApp;
let token: string;
let dataDir: string;
let truth: Truth;
const logs: string[] = [];
const progress: number[] = [];

const N = 250;

beforeAll(async () => {
  db = await openTestDb();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-'));
  const status = newStatus();
  const watched = new Proxy(status, {
    set(target, key, value) {
      if (key === 'progress' && typeof value === 'number') progress.push(value);
      return Reflect.set(target, key, value);
    },
  });
  await loadDemo({ orm: db.orm, config: { demo: true, demoHouseholds: N, dataDir }, status: watched, log: (m) => logs.push(m) });
  truth = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo', 'truth.json'), 'utf8')) as Truth;
  app = await startTestApp(db);
  token = await app.login();
}, 180_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => (await db.orm.em.fork().execute<T[]>(sql, params))[0]!;

describe(`demo start-up task (${backend})`, () => {
  it('imports the generated files in order, all rows accepted, with progress from 0 to 1', () => {
    const landed = logs.filter((l) => / landed: /.test(l));
    expect(landed.map((l) => l.split(' ')[1])).toEqual(['programs', 'households', 'civil-events', 'recipients', 'budgets']);
    for (const l of landed) expect(l).toMatch(/ 0 rejected/);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!).toBeGreaterThanOrEqual(progress[i - 1]! - 1e-9);
  });

  it('the roster and payments in the database are the generated ones', async () => {
    const r = await one<{ households: number; persons: number; dtks: number; payments: number }>(
      `select (select count(*)::int from household) households, (select count(*)::int from person) persons,
              (select count(*)::int from household where dtks) dtks, (select count(*)::int from payment) payments`,
    );
    const rows = Object.values(truth.counts.byProgram).reduce((s, p) => s + p.rows, 0);
    expect(r).toEqual({ households: N, persons: truth.persons, dtks: truth.counts.dtksHouseholds, payments: rows });
  });

  it('coverage and data quality of the province equal truth.json', async () => {
    const q = await app.gql(
      `{ coverage(level: PROVINCE, within: "75") { households dtksHouseholds aidedHouseholds stackedHouseholds unaidedDtksHouseholds aidedNonDtksHouseholds aidAmount }
         dataQuality(level: PROVINCE, within: "75") { invalidNik unmatchedRecipients duplicatePayments deceasedRecipients } }`,
      {},
      token,
    );
    expect(q.errors).toBeUndefined();
    const c = truth.counts;
    expect(q.data!.coverage[0]).toEqual({
      households: c.households,
      dtksHouseholds: c.dtksHouseholds,
      aidedHouseholds: c.aidedHouseholds,
      stackedHouseholds: c.stackedHouseholds,
      unaidedDtksHouseholds: c.unaidedDtksHouseholds,
      aidedNonDtksHouseholds: c.aidedNonDtksHouseholds,
      aidAmount: c.aidAmount,
    });
    expect(q.data!.dataQuality[0]).toEqual({
      invalidNik: c.invalidNikRows,
      unmatchedRecipients: c.unmatchedRows,
      duplicatePayments: c.duplicatePayments,
      deceasedRecipients: c.deceasedRows,
    });
  });

  it('the rakorev JPS figures are in the budget lines', async () => {
    const b = await one<{ pagu: number; real: number; out3: number }>(
      `select sum(allocated)::float8 pagu, sum(disbursed)::float8 real,
              sum(allocated - disbursed) filter (where stage = 3)::float8 out3
       from budget_line where program = 'JPS-PROV' and year = 2020 and region_code like '75%'`,
    );
    expect(b).toEqual({ pagu: 17_120_000_000, real: 15_470_000_000, out3: 1_640_000_000 });
  });

  it('a second start does nothing; an interrupted one resumes (landed files are unchanged)', async () => {
    const before = await one<{ n: number }>(`select count(*)::int n from import_batch`);
    const again: string[] = [];
    await loadDemo({ orm: db.orm, config: { demo: true, demoHouseholds: N, dataDir }, status: newStatus(), log: (m) => again.push(m) });
    expect(again).toEqual([]);
    expect((await one<{ n: number }>(`select count(*)::int n from import_batch`)).n).toBe(before.n);

    await db.orm.em.fork().execute(`update app_setting set value = 'loading' where key = 'demo_state'`);
    const resumed: string[] = [];
    await loadDemo({ orm: db.orm, config: { demo: true, demoHouseholds: N, dataDir }, status: newStatus(), log: (m) => resumed.push(m) });
    expect(resumed.filter((l) => / unchanged: /.test(l))).toHaveLength(5);
    expect((await one<{ n: number }>(`select count(*)::int n from household`)).n).toBe(N);
    expect((await one<{ v: string }>(`select value v from app_setting where key = 'demo_state'`)).v).toBe('done');
  }, 120_000);

  it('DEMO=0 never loads anything', async () => {
    const fresh: string[] = [];
    await loadDemo({ orm: db.orm, config: { demo: false, demoHouseholds: N, dataDir }, status: newStatus(), log: (m) => fresh.push(m) });
    expect(fresh).toEqual([]);
  });
});
