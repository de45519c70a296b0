import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, openTestDb } from '../setup/test-db';
import { startTestApp, type TestApp } from '../setup/test-app';
import type { Database } from '../../server/src/db/database';
import { runGenerate } from '../../server/src/cli/generate';
import { importBudgetFixture } from '../fixtures/budget/load';

/**
 * The Gorontalo rakorev of quarter III 2020 (domain.md), from the generator's budgets.csv through
 * the real import: Rp17.12 billion of JPS-PROV 2020 allocated, Rp15.47 billion transferred (about
 * 90%), Rp1.64 billion of stage III outstanding in Pohuwato (75.04), Bone Bolango (75.03) and
 * Gorontalo Utara (75.05) only. The budget lines do not depend on the number of households, so a
 * small data set reproduces the full-scale figures.
 */

let db: Database;
let app: TestApp;
let token: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-gorontalo-'));

type Row = { region: { code: string; name: string }; allocated: number; disbursed: number; outstanding: number; realisationRate: number };

async function realisation(args: string): Promise<Row[]> {
  const r = await app.gql<{ budgetRealisation: Row[] }>(
    `{ budgetRealisation(${args}) { region { code name } allocated disbursed outstanding realisationRate } }`,
    {},
    token,
  );
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!.budgetRealisation;
}

beforeAll(async () => {
  expect(await runGenerate(['--households', '300', '--seed', 'rakorev-2020', '--out', dir, '--province', '75'])).toBe(0);
  db = await openTestDb();
  app = await startTestApp(db);
  token = await app.login();
  await importBudgetFixture(db, 'programs', 'programs.csv', dir);
  await importBudgetFixture(db, 'budgets', 'budgets.csv', dir);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`Gorontalo JPS-PROV 2020 from the generated budgets.csv (${backend})`, () => {
  it('province: Rp17.12 bn allocated, Rp15.47 bn disbursed, about 90%', async () => {
    const [prov] = await realisation('year: 2020, level: PROVINCE, within: "75", programs: ["JPS-PROV"]');
    expect(prov!.region).toEqual({ code: '75', name: 'Gorontalo' });
    expect(prov!.allocated).toBe(17_120_000_000);
    expect(prov!.disbursed).toBe(15_470_000_000);
    expect(prov!.outstanding).toBe(1_650_000_000);
    expect(prov!.realisationRate).toBeCloseTo(15.47 / 17.12, 12);
    expect(Math.round(prov!.realisationRate * 100)).toBe(90);
  });

  it('stage III: Rp1.64 bn outstanding, all of it in Pohuwato, Bone Bolango and Gorontalo Utara', async () => {
    const rows = await realisation('year: 2020, level: REGENCY, within: "75", programs: ["JPS-PROV"], stage: 3');
    expect(rows.map((r) => r.region.code)).toEqual(['75.01', '75.02', '75.03', '75.04', '75.05', '75.71']);
    const late = rows.filter((r) => r.outstanding !== 0);
    expect(late.map((r) => r.region.name).sort()).toEqual(['Kabupaten Bone Bolango', 'Kabupaten Gorontalo Utara', 'Kabupaten Pohuwato']);
    expect(late.every((r) => r.outstanding > 0)).toBe(true);
    expect(late.reduce((t, r) => t + r.outstanding, 0)).toBe(1_640_000_000);
    const [prov] = await realisation('year: 2020, level: PROVINCE, within: "75", programs: ["JPS-PROV"], stage: 3');
    expect(prov!.outstanding).toBe(1_640_000_000);

    const top = await app.gql<{ largestOutstanding: { region: { code: string } }[] }>(
      `{ largestOutstanding(year: 2020, level: REGENCY, within: "75", programs: ["JPS-PROV"], stage: 3) { region { code } } }`,
      {},
      token,
    );
    expect(top.data!.largestOutstanding.map((r) => r.region.code).sort()).toEqual(['75.03', '75.04', '75.05']);
  });

  it('the stage series adds up to the year, and the generator’s truth agrees', async () => {
    const r = await app.gql<{ budgetByStage: { stage: number | null; allocated: number; disbursed: number }[] }>(
      `{ budgetByStage(year: 2020, within: "75", programs: ["JPS-PROV"]) { stage allocated disbursed } }`,
      {},
      token,
    );
    const s = r.data!.budgetByStage;
    expect(s.map((x) => x.stage)).toEqual([1, 2, 3]);
    expect(s.reduce((t, x) => t + x.allocated, 0)).toBe(17_120_000_000);
    expect(s.reduce((t, x) => t + x.disbursed, 0)).toBe(15_470_000_000);
    const truth = JSON.parse(fs.readFileSync(path.join(dir, 'truth.json'), 'utf8'));
    expect(truth.budgetFacts.inFile).toMatchObject({
      allocated: 17_120_000_000,
      disbursed: 15_470_000_000,
      stageIIIOutstanding: 1_640_000_000,
    });
  });
});
