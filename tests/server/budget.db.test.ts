import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, openTestDb } from '../setup/test-db';
import { startTestApp, type TestApp } from '../setup/test-app';
import type { Database } from '../../server/src/db/database';
import { importBudgetFixture, loadBudgetData } from '../fixtures/budget/load';

/**
 * Budget realisation, its companions and rakorev snapshots over the hand-counted data set of
 * tests/fixtures/budget (load.ts describes it). Budget lines of 2020 in Gorontalo:
 *   75            JPS-PROV whole year  pagu 1,000,000  realisasi 0 (empty)
 *   75.01         JPS-PROV stage 1     pagu   500,000  realisasi 400,000
 *   75.01.01      JPS-PROV stage 3     pagu   200,000  realisasi  50,000
 *   75.01.01.1001 BST      stage 3     pagu   100,000  realisasi 100,000
 *   75.02         BST      stage 1     pagu   300,000  realisasi 300,000
 *   75.05         JPS-PROV stage 2     pagu         0  realisasi  25,000
 * plus 75.01 JPS-PROV 2021 stage 1 (999,000 / 0) and 33.06 BST 2020 stage 2 (70,000 / 35,000).
 */

let db: Database;
let app: TestApp;
let token: string;

type Row = { region: { code: string; name?: string }; allocated: number; disbursed: number; outstanding: number; realisationRate: number };
const FIELDS = 'region { code name } allocated disbursed outstanding realisationRate';

async function q<T = any>(query: string, variables: Record<string, unknown> = {}, as = token): Promise<T> {
  const r = await app.gql<T>(query, variables, as);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!;
}

async function realisation(args: string): Promise<Row[]> {
  return (await q<{ budgetRealisation: Row[] }>(`{ budgetRealisation(${args}) { ${FIELDS} } }`)).budgetRealisation;
}

const byCode = <T extends { region: { code: string } }>(rows: T[]): Map<string, T> => new Map(rows.map((r) => [r.region.code, r]));

/** Checks one row's four figures; the rate within float rounding of the hand-computed ratio. */
function expectFigures(row: Row | undefined, allocated: number, disbursed: number, rate = allocated === 0 ? 0 : disbursed / allocated) {
  expect(row, 'row missing').toBeDefined();
  expect(row!.allocated).toBe(allocated);
  expect(row!.disbursed).toBe(disbursed);
  expect(row!.outstanding).toBe(allocated - disbursed);
  expect(row!.realisationRate).toBeCloseTo(rate, 12);
}

function expectAllZero(rows: Row[], except: string[]) {
  for (const r of rows.filter((x) => !except.includes(x.region.code))) expectFigures(r, 0, 0, 0);
}

beforeAll(async () => {
  db = await openTestDb();
  app = await startTestApp(db);
  token = await app.login();
  await loadBudgetData(db);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe(`budgetRealisation roll-up (${backend})`, () => {
  it('PROVINCE: every province, lines of every level rolled up, other provinces zero', async () => {
    const rows = await realisation('year: 2020, level: PROVINCE');
    expect(rows).toHaveLength(38);
    const m = byCode(rows);
    // 1,000,000 + 500,000 + 200,000 + 100,000 + 300,000 + 0 ; 0 + 400,000 + 50,000 + 100,000 + 300,000 + 25,000
    expectFigures(m.get('75'), 2_100_000, 875_000);
    expect(m.get('75')!.region.name).toBe('Gorontalo');
    expectFigures(m.get('33'), 70_000, 35_000, 0.5);
    expectAllZero(rows, ['75', '33']);
    expect(await realisation('year: 2020, level: PROVINCE, within: "75"')).toEqual([m.get('75')]);
  });

  it('REGENCY: a province line counts in no kab/kota; kecamatan and desa lines count in theirs', async () => {
    const rows = await realisation('year: 2020, level: REGENCY, within: "75"');
    expect(rows.map((r) => r.region.code)).toEqual(['75.01', '75.02', '75.03', '75.04', '75.05', '75.71']);
    const m = byCode(rows);
    expectFigures(m.get('75.01'), 800_000, 550_000, 0.6875); // 500k+200k+100k ; 400k+50k+100k
    expectFigures(m.get('75.02'), 300_000, 300_000, 1);
    expectAllZero(rows, ['75.01', '75.02', '75.05']);
    // realisasi without pagu: rate 0 (nothing allocated), outstanding negative
    expectFigures(m.get('75.05'), 0, 25_000, 0);
    expect(m.get('75.05')!.outstanding).toBe(-25_000);
    const all = await realisation('year: 2020, level: REGENCY');
    expect(all).toHaveLength(514);
    expectFigures(byCode(all).get('33.06'), 70_000, 35_000, 0.5);
    expect(byCode(all).get('75.01')).toEqual(m.get('75.01'));
  });

  it('DISTRICT and VILLAGE: only lines at or below the level count, every region listed', async () => {
    const kec = await realisation('year: 2020, level: DISTRICT, within: "75.01"');
    const regions = await q<{ regions: { code: string }[] }>(`{ regions(level: DISTRICT, within: "75.01") { code } }`);
    expect(kec.map((r) => r.region.code)).toEqual(regions.regions.map((r) => r.code));
    expect(kec.length).toBeGreaterThan(10);
    expectFigures(byCode(kec).get('75.01.01'), 300_000, 150_000, 0.5); // the kab line (75.01) counts in no kecamatan
    expectAllZero(kec, ['75.01.01']);

    const desa = await realisation('year: 2020, level: VILLAGE, within: "75.01.01"');
    expect(desa.length).toBeGreaterThan(5);
    expect(desa.every((r) => r.region.code.startsWith('75.01.01.'))).toBe(true);
    expectFigures(byCode(desa).get('75.01.01.1001'), 100_000, 100_000, 1);
    expectAllZero(desa, ['75.01.01.1001']);
    expect((await realisation('year: 2020, level: VILLAGE, within: "7501011001"')).map((r) => r.region.code)).toEqual(['75.01.01.1001']);
  });

  it('stage: only lines of that stage (whole-year lines never); programs and year filter the lines', async () => {
    const s3 = byCode(await realisation('year: 2020, level: REGENCY, within: "75", stage: 3'));
    expectFigures(s3.get('75.01'), 300_000, 150_000, 0.5);
    expectFigures(s3.get('75.02'), 0, 0, 0);
    expectFigures((await realisation('year: 2020, level: PROVINCE, within: "75", stage: 1'))[0], 800_000, 700_000);
    expectFigures((await realisation('year: 2020, level: PROVINCE, within: "75", stage: 2'))[0], 0, 25_000, 0);
    expectFigures((await realisation('year: 2020, level: PROVINCE, within: "75", stage: 4'))[0], 0, 0, 0);
    expectFigures((await realisation('year: 2020, level: PROVINCE, within: "75", programs: ["BST"]'))[0], 400_000, 400_000, 1);
    expectFigures((await realisation('year: 2020, level: PROVINCE, within: "75", programs: ["bst", "JPS-PROV"]'))[0], 2_100_000, 875_000);
    const y2021 = byCode(await realisation('year: 2021, level: REGENCY, within: "75"'));
    expectFigures(y2021.get('75.01'), 999_000, 0, 0);
    expectAllZero(await realisation('year: 2019, level: REGENCY, within: "75"'), []);
  });

  it('refuses bad arguments as BAD_USER_INPUT and answers no one without a token', async () => {
    for (const args of [
      'year: 2020, level: REGENCY, within: "75.01.01"',
      'year: 2020, level: REGENCY, within: "99"',
      'year: 2020, level: REGENCY, programs: ["NOPE"]',
      'year: 2020, level: REGENCY, programs: []',
      'year: 2020, level: REGENCY, stage: 0',
      'year: 20, level: REGENCY',
    ]) {
      const r = await app.gql(`{ budgetRealisation(${args}) { allocated } }`, {}, token);
      expect(r.errors?.[0]?.extensions?.code, args).toBe('BAD_USER_INPUT');
    }
    const r = await app.gql(`{ budgetRealisation(year: 2020, level: PROVINCE) { allocated } }`);
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe(`budget companions (${backend})`, () => {
  type Stage = { stage: number | null; allocated: number; disbursed: number; outstanding: number; realisationRate: number };
  const stages = async (args: string) =>
    (await q<{ budgetByStage: Stage[] }>(`{ budgetByStage(${args}) { stage allocated disbursed outstanding realisationRate } }`))
      .budgetByStage;
  const compact = (s: Stage[]) => s.map((x) => [x.stage, x.allocated, x.disbursed]);

  it('budgetByStage: a series by stage, whole-year lines last, adding up to the region row', async () => {
    const s = await stages('year: 2020, within: "75"');
    expect(compact(s)).toEqual([
      [1, 800_000, 700_000],
      [2, 0, 25_000],
      [3, 300_000, 150_000],
      [null, 1_000_000, 0],
    ]);
    expect(s[1]!.realisationRate).toBe(0);
    expect(s[0]!.realisationRate).toBeCloseTo(0.875, 12);
    expect(s[2]!.outstanding).toBe(150_000);
    expect(s.reduce((t, x) => t + x.allocated, 0)).toBe(2_100_000);
    expect(compact(await stages('year: 2020, within: "75.01"'))).toEqual([
      [1, 500_000, 400_000],
      [3, 300_000, 150_000],
    ]);
    expect(compact(await stages('year: 2020'))).toEqual([
      [1, 800_000, 700_000],
      [2, 70_000, 60_000],
      [3, 300_000, 150_000],
      [null, 1_000_000, 0],
    ]);
    expect(compact(await stages('year: 2020, within: "75", programs: ["BST"]'))).toEqual([
      [1, 300_000, 300_000],
      [3, 100_000, 100_000],
    ]);
    expect(await stages('year: 2019')).toEqual([]);
  });

  it('largestOutstanding: largest first, only regions with something outstanding', async () => {
    const top = async (args: string) =>
      (await q<{ largestOutstanding: Row[] }>(`{ largestOutstanding(${args}) { ${FIELDS} } }`)).largestOutstanding.map((r) => [
        r.region.code,
        r.outstanding,
      ]);
    expect(await top('year: 2020, level: PROVINCE')).toEqual([
      ['75', 1_225_000],
      ['33', 35_000],
    ]);
    expect(await top('year: 2020, level: PROVINCE, limit: 1')).toEqual([['75', 1_225_000]]);
    expect(await top('year: 2020, level: REGENCY, within: "75"')).toEqual([['75.01', 250_000]]);
    expect(await top('year: 2020, level: DISTRICT, within: "75.01"')).toEqual([['75.01.01', 150_000]]);
    expect(await top('year: 2020, level: REGENCY, within: "75", stage: 1')).toEqual([['75.01', 100_000]]);
    const bad = await app.gql(`{ largestOutstanding(year: 2020, level: REGENCY, limit: 0) { allocated } }`, {}, token);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('disbursementTimeline: payments by month and program, placed as coverage places them', async () => {
    type P = { month: string | null; program: string; amount: number; recipientRows: number; cumulativeAmount: number };
    const tl = async (args: string) =>
      (
        await q<{ disbursementTimeline: P[] }>(`{ disbursementTimeline(${args}) { month program amount recipientRows cumulativeAmount } }`)
      ).disbursementTimeline.map((p) => [p.month, p.program, p.amount, p.recipientRows, p.cumulativeAmount]);
    expect(await tl('year: 2020, within: "75"')).toEqual([
      ['2020-04', 'BST', 600_000, 1, 600_000],
      ['2020-05', 'BST', 600_000, 1, 1_200_000],
      ['2020-05', 'JPS-PROV', 200_000, 1, 200_000],
      ['2020-06', 'JPS-PROV', 200_000, 1, 400_000],
      [null, 'BST', 600_000, 1, 1_800_000], // H3's row has no tanggal_salur
    ]);
    // H1's May row was paid in desa 1002 but is placed in H1's desa 1001; the unmatched June row stays in 1002.
    expect(await tl('year: 2020, within: "75.01.01.1002"')).toEqual([['2020-06', 'JPS-PROV', 200_000, 1, 200_000]]);
    expect(await tl('year: 2020, within: "75.01.01.1001"')).toEqual([
      ['2020-04', 'BST', 600_000, 1, 600_000],
      ['2020-05', 'BST', 600_000, 1, 1_200_000],
      ['2020-05', 'JPS-PROV', 200_000, 1, 200_000],
    ]);
    expect(await tl('year: 2020, programs: ["JPS-PROV"]')).toEqual([
      ['2020-05', 'JPS-PROV', 200_000, 1, 200_000],
      ['2020-06', 'JPS-PROV', 200_000, 1, 400_000],
    ]);
    expect(await tl('year: 2021')).toEqual([]);
  });

  it('budgetCost: realisasi per aided household (coverage’s matching) and per recipient row', async () => {
    type C = {
      region: { code: string };
      disbursed: number;
      paidAmount: number;
      recipientRows: number;
      aidedHouseholds: number;
      costPerAidedHousehold: number;
      costPerRecipientRow: number;
    };
    const cost = async (args: string) =>
      byCode(
        (
          await q<{ budgetCost: C[] }>(
            `{ budgetCost(${args}) { region { code } disbursed paidAmount recipientRows aidedHouseholds costPerAidedHousehold costPerRecipientRow } }`,
          )
        ).budgetCost,
      );
    const kab = await cost('year: 2020, level: REGENCY, within: "75"');
    expect(kab.size).toBe(6);
    // 75.01: rows of H1 (2), H2 (1, by No. KK) and one unmatched = 4 rows, 1,600,000; aided H1 and H2
    expect(kab.get('75.01')).toMatchObject({ disbursed: 550_000, paidAmount: 1_600_000, recipientRows: 4, aidedHouseholds: 2 });
    expect(kab.get('75.01')!.costPerAidedHousehold).toBe(275_000);
    expect(kab.get('75.01')!.costPerRecipientRow).toBe(137_500);
    expect(kab.get('75.02')).toMatchObject({
      disbursed: 300_000,
      paidAmount: 600_000,
      recipientRows: 1,
      aidedHouseholds: 1,
      costPerAidedHousehold: 300_000,
      costPerRecipientRow: 300_000,
    });
    // realisasi with no recipient rows and no aided household: costs 0, not a division by zero
    expect(kab.get('75.05')).toMatchObject({
      disbursed: 25_000,
      recipientRows: 0,
      aidedHouseholds: 0,
      costPerAidedHousehold: 0,
      costPerRecipientRow: 0,
    });

    const s1 = await cost('year: 2020, level: REGENCY, within: "75", stage: 1');
    expect(s1.get('75.01')).toMatchObject({
      disbursed: 400_000,
      paidAmount: 1_000_000,
      recipientRows: 3,
      aidedHouseholds: 2,
      costPerAidedHousehold: 200_000,
    });
    expect(s1.get('75.01')!.costPerRecipientRow).toBeCloseTo(400_000 / 3, 6);

    const desa = await cost('year: 2020, level: VILLAGE, within: "75.01.01"');
    expect(desa.get('75.01.01.1001')).toMatchObject({
      disbursed: 100_000,
      recipientRows: 3,
      aidedHouseholds: 2,
      costPerAidedHousehold: 50_000,
    });
    expect(desa.get('75.01.01.1002')).toMatchObject({ disbursed: 0, recipientRows: 1, aidedHouseholds: 0, costPerAidedHousehold: 0 });
  });
});

describe(`rakorev snapshots (${backend})`, () => {
  const SNAPSHOT = `id title year quarter within { code name } createdBy lastImportId
    totals { region { code } allocated disbursed outstanding realisationRate stages { stage allocated disbursed outstanding realisationRate }
      coverage { households dtksHouseholds aidedHouseholds stackedHouseholds unaidedDtksHouseholds aidedNonDtksHouseholds aidAmount } }
    regencies { region { code name } allocated disbursed outstanding realisationRate stages { stage allocated disbursed outstanding realisationRate }
      coverage { households dtksHouseholds aidedHouseholds stackedHouseholds unaidedDtksHouseholds aidedNonDtksHouseholds aidAmount } }`;
  let first: any;

  it('freezes budget per kab/kota and stage, province totals and coverage', async () => {
    first = (
      await q(
        `mutation { createRakorevSnapshot(title: "Rakorev Triwulan III 2020", year: 2020, quarter: 3, within: "75") { ${SNAPSHOT} } }`,
      )
    ).createRakorevSnapshot;
    expect(first).toMatchObject({
      title: 'Rakorev Triwulan III 2020',
      year: 2020,
      quarter: 3,
      within: { code: '75', name: 'Gorontalo' },
      createdBy: 'admin',
    });
    expect(first.lastImportId).toMatch(/^\d+$/);
    expect(first.regencies.map((r: Row) => r.region.code)).toEqual(['75.01', '75.02', '75.03', '75.04', '75.05', '75.71']);
    const k = byCode<any>(first.regencies);
    expectFigures(k.get('75.01'), 800_000, 550_000, 0.6875);
    expect(k.get('75.01').stages.map((s: any) => [s.stage, s.allocated, s.disbursed])).toEqual([
      [1, 500_000, 400_000],
      [3, 300_000, 150_000],
    ]);
    expect(k.get('75.03').stages).toEqual([]);
    // H1 (DTKS) and H2 aided in 75.01; matched money 600k + 600k + 200k (the unmatched row is not aid)
    expect(k.get('75.01').coverage).toEqual({
      households: 2,
      dtksHouseholds: 1,
      aidedHouseholds: 2,
      stackedHouseholds: 0,
      unaidedDtksHouseholds: 0,
      aidedNonDtksHouseholds: 1,
      aidAmount: 1_400_000,
    });
    expect(first.totals).toHaveLength(1);
    expectFigures(first.totals[0], 2_100_000, 875_000);
    expect(first.totals[0].stages.map((s: any) => [s.stage, s.allocated, s.disbursed])).toEqual([
      [1, 800_000, 700_000],
      [2, 0, 25_000],
      [3, 300_000, 150_000],
      [null, 1_000_000, 0],
    ]);
    expect(first.totals[0].coverage).toMatchObject({ households: 3, dtksHouseholds: 2, aidedHouseholds: 3, aidAmount: 2_000_000 });
  });

  it('stays as frozen after later imports, while live figures move; compares two quarters', async () => {
    await importBudgetFixture(db, 'budgets', 'budgets-later.csv'); // 75.01 stage 1 realisasi 400k → 500k; new 75.03 line 400k / 100k
    await importBudgetFixture(db, 'recipients', 'recipients-later.csv'); // H1 also gets JPS-PROV: stacked
    const live = byCode(await realisation('year: 2020, level: REGENCY, within: "75"'));
    expectFigures(live.get('75.01'), 800_000, 650_000);
    expectFigures(live.get('75.03'), 400_000, 100_000);

    const again = (await q(`query($id: ID!) { rakorevSnapshot(id: $id) { ${SNAPSHOT} } }`, { id: first.id })).rakorevSnapshot;
    expect(again).toEqual(first);
    // the trigger refuses even a direct change of the stored figures
    await expect(db.orm.em.fork().execute(`update rakorev_snapshot set figures = '{}'::jsonb where id = ?`, [first.id])).rejects.toThrow(
      /frozen/,
    );

    // 75.00 is no region; a quarter is 1–4; a title is required
    for (const args of ['title: "x", year: 2020, within: "75.00"', 'title: "x", year: 2020, quarter: 5', 'title: " ", year: 2020']) {
      const bad = await app.gql(`mutation { createRakorevSnapshot(${args}) { id } }`, {}, token);
      expect(bad.errors?.[0]?.extensions?.code, args).toBe('BAD_USER_INPUT');
    }

    const q4 = (
      await q(`mutation { createRakorevSnapshot(title: "Rakorev Triwulan IV 2020", year: 2020, quarter: 4, within: "75") { id } }`)
    ).createRakorevSnapshot.id as string;
    const list = (await q(`{ rakorevSnapshots(year: 2020) { id title quarter regencies { region { code } disbursed } } }`))
      .rakorevSnapshots;
    expect(list.map((s: any) => [s.id, s.quarter])).toEqual([
      [q4, 4],
      [first.id, 3],
    ]);
    expect(list[1].regencies.find((r: any) => r.region.code === '75.01').disbursed).toBe(550_000);
    expect(list[0].regencies.find((r: any) => r.region.code === '75.01').disbursed).toBe(650_000);

    const cmp = (
      await q(
        `query($a: ID!, $b: ID!) { compareRakorevSnapshots(a: $a, b: $b) {
          a { id } b { id }
          totals { region { code } allocatedChange disbursedChange outstandingChange realisationRateChange }
          regencies { region { code } before { disbursed } after { disbursed } allocatedChange disbursedChange outstandingChange realisationRateChange
            coverageChange { households aidedHouseholds stackedHouseholds aidAmount } } } }`,
        { a: first.id, b: q4 },
      )
    ).compareRakorevSnapshots;
    expect([cmp.a.id, cmp.b.id]).toEqual([first.id, q4]);
    expect(cmp.totals).toEqual([
      {
        region: { code: '75' },
        allocatedChange: 400_000,
        disbursedChange: 200_000,
        outstandingChange: 200_000,
        realisationRateChange: expect.any(Number),
      },
    ]);
    expect(cmp.totals[0].realisationRateChange).toBeCloseTo(1_075_000 / 2_500_000 - 875_000 / 2_100_000, 12);
    const c = byCode<any>(cmp.regencies);
    expect(c.get('75.01')).toMatchObject({
      before: { disbursed: 550_000 },
      after: { disbursed: 650_000 },
      allocatedChange: 0,
      disbursedChange: 100_000,
      outstandingChange: -100_000,
      coverageChange: { households: 0, aidedHouseholds: 0, stackedHouseholds: 1, aidAmount: 200_000 },
    });
    expect(c.get('75.01').realisationRateChange).toBeCloseTo(0.125, 12);
    expect(c.get('75.03')).toMatchObject({ allocatedChange: 400_000, disbursedChange: 100_000, outstandingChange: 300_000 });
    expect(c.get('75.02')).toMatchObject({ allocatedChange: 0, disbursedChange: 0, coverageChange: { aidAmount: 0 } });

    expect((await q(`{ rakorevSnapshot(id: "999999") { id } }`)).rakorevSnapshot).toBeNull();
    const missing = await app.gql(`{ compareRakorevSnapshots(a: "${first.id}", b: "999999") { a { id } } }`, {}, token);
    expect(missing.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('VIEWER reads aggregates and snapshots but may not freeze; OPERATOR freezes inside their region only', async () => {
    for (const [username, role, regionCode] of [
      ['budget-viewer', 'VIEWER', null],
      ['budget-operator', 'OPERATOR', '75.02'],
    ] as const) {
      await q(
        `mutation($u: String!, $r: Role!, $c: String) { createUser(username: $u, password: "password-123", role: $r, regionCode: $c) { username } }`,
        {
          u: username,
          r: role,
          c: regionCode,
        },
      );
    }
    const viewer = await app.login('budget-viewer', 'password-123');
    expect(
      (await q(`{ budgetRealisation(year: 2020, level: PROVINCE, within: "75") { allocated } }`, {}, viewer)).budgetRealisation,
    ).toEqual([{ allocated: 2_500_000 }]);
    expect((await q(`{ rakorevSnapshots { id } }`, {}, viewer)).rakorevSnapshots).toHaveLength(2);
    const refused = await app.gql(`mutation { createRakorevSnapshot(title: "x", year: 2020, within: "75") { id } }`, {}, viewer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const operator = await app.login('budget-operator', 'password-123');
    const outside = await app.gql(`mutation { createRakorevSnapshot(title: "x", year: 2020, within: "75") { id } }`, {}, operator);
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const inside = (
      await q(
        `mutation { createRakorevSnapshot(title: "Boalemo 2020", year: 2020, within: "75.02") { regencies { region { code } allocated } totals { region { code } } } }`,
        {},
        operator,
      )
    ).createRakorevSnapshot;
    expect(inside.regencies).toEqual([{ region: { code: '75.02' }, allocated: 300_000 }]);
    expect(inside.totals).toEqual([{ region: { code: '75' } }]);
  });
});
