import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, backend } from '../setup/test-db';
import { startTestApp, type TestApp } from '../setup/test-app';
import type { Database } from '../../server/src/db/database';
import { D1, D2, D3, D4, D5, importFixture, loadCoverageData } from '../fixtures/coverage/load';
import { refreshAll } from '../../server/src/modules/analytics/refresh';

/*
 * Hand-counted data set (tests/fixtures/coverage):
 * households (desa, DTKS): H1 D1 Y, H2 D1 Y, H3 D1 N, H4 D2 Y, H5 D2 N, H10 D2 Y, H11 D2 N,
 *   H6 D3 Y, H9 D3 Y, H7 D4 Y, H8 D4 N. D5 has none.
 * matched rows: H1 PKH20/1 ×2 (same person: 1 duplicate), BPNT20/1, BPNT20/2, BLT-DD21/1 (by NIK, despite
 *   the No. KK of H2); H2 PKH20/1 by NIK (row written in D2, placed in D1), PKH20/1 by No. KK only (not a
 *   duplicate of the NIK row), BPNT21/1 (valid NIK not in the roster, matched by No. KK); H3 BLT-DD20/1 ×2
 *   by No. KK with empty NIK (invalid, 1 duplicate); H4 PKH20/2, PKH21/1; H5 BPNT20/1 (invalid NIK, by
 *   No. KK); H11 BLT-DD20/1; H6 PKH20/1 paid after the earliest of two deaths; H7 PKH20/1 paid after
 *   death, PKH20/2 without date, BPNT20/1 paid on the day of death; H8 BLT-DD20/1 paid after a move.
 * unmatched rows: D2 PKH20/1 valid NIK; D5 BPNT20/1 valid NIK + unknown No. KK; D4 PKH20/1 NIK "123";
 *   D3 BPNT20/1 with the invalid roster NIK of H5's wife (never matches a person).
 */

type Cov = [households: number, dtks: number, aided: number, stacked: number, unaidedDtks: number, aidedNonDtks: number, amount: number];
type Dq = [invalidNik: number, unmatched: number, duplicates: number, deceased: number];
type Level = 'PROVINCE' | 'REGENCY' | 'DISTRICT' | 'VILLAGE';

const ZERO_COV: Cov = [0, 0, 0, 0, 0, 0, 0];
const ZERO_DQ: Dq = [0, 0, 0, 0];

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

const COVERAGE = `query($level: RegionLevel!, $within: String, $filter: AidFilter) {
  coverage(level: $level, within: $within, filter: $filter) {
    region { code name level }
    households dtksHouseholds aidedHouseholds stackedHouseholds unaidedDtksHouseholds aidedNonDtksHouseholds aidAmount
  }
}`;
const QUALITY = `query($level: RegionLevel!, $within: String, $filter: AidFilter) {
  dataQuality(level: $level, within: $within, filter: $filter) {
    region { code level }
    invalidNik unmatchedRecipients duplicatePayments deceasedRecipients possibleDuplicates
  }
}`;

type Filter = { programs?: string[]; year?: number; stage?: number } | undefined;

async function coverage(level: Level, within: string | undefined, filter?: Filter): Promise<Map<string, Cov>> {
  const r = await app.gql<{ coverage: ({ region: { code: string; level: string } } & Record<string, number>)[] }>(
    COVERAGE,
    { level, within, filter },
    token,
  );
  expect(r.errors).toBeUndefined();
  const rows = r.data!.coverage;
  expect(rows.every((x) => x.region.level === level)).toBe(true);
  return new Map(
    rows.map((x) => [
      x.region.code,
      [x.households, x.dtksHouseholds, x.aidedHouseholds, x.stackedHouseholds, x.unaidedDtksHouseholds, x.aidedNonDtksHouseholds, x.aidAmount] as Cov,
    ]),
  );
}

async function quality(level: Level, within: string | undefined, filter?: Filter): Promise<Map<string, Dq & { pd: number }>> {
  const r = await app.gql<{ dataQuality: ({ region: { code: string } } & Record<string, number>)[] }>(QUALITY, { level, within, filter }, token);
  expect(r.errors).toBeUndefined();
  return new Map(
    r.data!.dataQuality.map((x) => {
      const t = [x.invalidNik, x.unmatchedRecipients, x.duplicatePayments, x.deceasedRecipients] as Dq & { pd: number };
      t.pd = x.possibleDuplicates;
      return [x.region.code, t];
    }),
  );
}

/** Every listed region has exactly its figures; every other region returned is all zeros. */
function expectFigures<T extends number[]>(got: Map<string, T>, want: Record<string, T>, zero: T, count?: number) {
  if (count !== undefined) expect(got.size).toBe(count);
  for (const [code, figures] of Object.entries(want)) {
    expect(got.has(code), `region ${code} missing`).toBe(true);
    expect([...got.get(code)!], code).toEqual(figures);
  }
  for (const [code, figures] of got) if (!(code in want)) expect([...figures], code).toEqual(zero);
}

/** The same expectations at all four levels, each level's list checked in full. */
async function expectCoverageAllLevels(filter: Filter, want: Record<Level, Record<string, Cov>>) {
  expectFigures(await coverage('PROVINCE', undefined, filter), want.PROVINCE, ZERO_COV, 38);
  expectFigures(await coverage('REGENCY', '75', filter), want.REGENCY, ZERO_COV, 6);
  expectFigures(await coverage('DISTRICT', '75', filter), want.DISTRICT, ZERO_COV);
  expectFigures(await coverage('VILLAGE', '75', filter), want.VILLAGE, ZERO_COV, 729);
}

async function expectQualityAllLevels(filter: Filter, want: Record<Level, Record<string, Dq>>) {
  const strip = (m: Map<string, Dq & { pd: number }>) => new Map([...m].map(([k, v]) => [k, [...v] as Dq]));
  expectFigures(strip(await quality('PROVINCE', undefined, filter)), want.PROVINCE, ZERO_DQ, 38);
  expectFigures(strip(await quality('REGENCY', '75', filter)), want.REGENCY, ZERO_DQ, 6);
  expectFigures(strip(await quality('DISTRICT', '75', filter)), want.DISTRICT, ZERO_DQ);
  expectFigures(strip(await quality('VILLAGE', '75', filter)), want.VILLAGE, ZERO_DQ, 729);
}

describe(`coverage (${backend})`, () => {
  it('counts every field at all four levels without a filter', async () => {
    await expectCoverageAllLevels(undefined, {
      PROVINCE: { '75': [11, 7, 9, 3, 2, 4, 7_000_000] },
      REGENCY: { '75.01': [9, 6, 7, 2, 2, 3, 5_500_000], '75.02': [2, 1, 2, 1, 0, 1, 1_500_000] },
      DISTRICT: {
        '75.01.02': [7, 4, 6, 2, 1, 3, 5_000_000],
        '75.01.01': [2, 2, 1, 0, 1, 0, 500_000],
        '75.02.01': [2, 1, 2, 1, 0, 1, 1_500_000],
      },
      VILLAGE: {
        [D1]: [3, 2, 3, 2, 0, 1, 3_500_000],
        [D2]: [4, 2, 3, 0, 1, 2, 1_500_000],
        [D3]: [2, 2, 1, 0, 1, 0, 500_000],
        [D4]: [2, 1, 2, 1, 0, 1, 1_500_000],
      },
    });
  });

  it('filters one program (at all four levels)', async () => {
    await expectCoverageAllLevels({ programs: ['PKH'] }, {
      PROVINCE: { '75': [11, 7, 5, 0, 2, 0, 4_500_000] },
      REGENCY: { '75.01': [9, 6, 4, 0, 2, 0, 3_500_000], '75.02': [2, 1, 1, 0, 0, 0, 1_000_000] },
      DISTRICT: {
        '75.01.02': [7, 4, 3, 0, 1, 0, 3_000_000],
        '75.01.01': [2, 2, 1, 0, 1, 0, 500_000],
        '75.02.01': [2, 1, 1, 0, 0, 0, 1_000_000],
      },
      VILLAGE: {
        [D1]: [3, 2, 2, 0, 0, 0, 2_000_000],
        [D2]: [4, 2, 1, 0, 1, 0, 1_000_000],
        [D3]: [2, 2, 1, 0, 1, 0, 500_000],
        [D4]: [2, 1, 1, 0, 0, 0, 1_000_000],
      },
    });
  });

  it('filters several programs: distinct households and stacking within the set (at all four levels)', async () => {
    await expectCoverageAllLevels({ programs: ['PKH', 'BPNT'] }, {
      PROVINCE: { '75': [11, 7, 6, 3, 2, 1, 5_500_000] },
      REGENCY: { '75.01': [9, 6, 5, 2, 2, 1, 4_300_000], '75.02': [2, 1, 1, 1, 0, 0, 1_200_000] },
      DISTRICT: {
        '75.01.02': [7, 4, 4, 2, 1, 1, 3_800_000],
        '75.01.01': [2, 2, 1, 0, 1, 0, 500_000],
        '75.02.01': [2, 1, 1, 1, 0, 0, 1_200_000],
      },
      VILLAGE: {
        [D1]: [3, 2, 2, 2, 0, 0, 2_600_000],
        [D2]: [4, 2, 2, 0, 1, 1, 1_200_000],
        [D3]: [2, 2, 1, 0, 1, 0, 500_000],
        [D4]: [2, 1, 1, 1, 0, 0, 1_200_000],
      },
    });
  });

  it('filters year, year + stage, stage alone, and program + year (case-insensitive codes)', async () => {
    const cases: [Filter, Record<string, Cov>][] = [
      [
        { year: 2020 },
        {
          '75': [11, 7, 9, 2, 2, 4, 6_000_000],
          [D1]: [3, 2, 3, 1, 0, 1, 3_000_000],
          [D2]: [4, 2, 3, 0, 1, 2, 1_000_000],
          [D3]: [2, 2, 1, 0, 1, 0, 500_000],
          [D4]: [2, 1, 2, 1, 0, 1, 1_500_000],
        },
      ],
      [
        { year: 2020, stage: 1 },
        {
          '75': [11, 7, 8, 2, 3, 4, 4_800_000],
          [D1]: [3, 2, 3, 1, 0, 1, 2_800_000],
          [D2]: [4, 2, 2, 0, 2, 2, 500_000],
          [D3]: [2, 2, 1, 0, 1, 0, 500_000],
          [D4]: [2, 1, 2, 1, 0, 1, 1_000_000],
        },
      ],
      [
        { stage: 2 },
        {
          '75': [11, 7, 3, 0, 4, 0, 1_200_000],
          [D1]: [3, 2, 1, 0, 1, 0, 200_000],
          [D2]: [4, 2, 1, 0, 1, 0, 500_000],
          [D3]: [2, 2, 0, 0, 2, 0, 0],
          [D4]: [2, 1, 1, 0, 0, 0, 500_000],
        },
      ],
      [
        { programs: ['blt-dd'], year: 2021 },
        {
          '75': [11, 7, 1, 0, 6, 0, 300_000],
          [D1]: [3, 2, 1, 0, 1, 0, 300_000],
          [D2]: [4, 2, 0, 0, 2, 0, 0],
          [D3]: [2, 2, 0, 0, 2, 0, 0],
          [D4]: [2, 1, 0, 0, 1, 0, 0],
        },
      ],
      [
        // several programs with a period (the mask rollup with year and stage keys)
        { programs: ['BPNT', 'BLT-DD'], year: 2020, stage: 1 },
        {
          '75': [11, 7, 6, 0, 5, 4, 1_800_000],
          [D1]: [3, 2, 2, 0, 1, 1, 800_000],
          [D2]: [4, 2, 2, 0, 2, 2, 500_000],
          [D3]: [2, 2, 0, 0, 2, 0, 0],
          [D4]: [2, 1, 2, 0, 0, 1, 500_000],
        },
      ],
      [
        { programs: ['PKH', 'BPNT'], year: 2020, stage: 1 },
        {
          '75': [11, 7, 5, 2, 3, 1, 3_600_000],
          [D1]: [3, 2, 2, 1, 0, 0, 2_200_000],
          [D2]: [4, 2, 1, 0, 2, 1, 200_000],
          [D3]: [2, 2, 1, 0, 1, 0, 500_000],
          [D4]: [2, 1, 1, 1, 0, 0, 700_000],
        },
      ],
    ];
    for (const [filter, want] of cases) {
      const { '75': province, ...desa } = want;
      expectFigures(await coverage('PROVINCE', '75', filter), { '75': province }, ZERO_COV, 1);
      expectFigures(await coverage('VILLAGE', '75', filter), desa, ZERO_COV, 729);
    }
  });

  it('returns regions inside `within` only, zero rows included', async () => {
    const telaga = await coverage('VILLAGE', '75.01.02');
    expect([...telaga.keys()]).toEqual([
      '75.01.02.2011', '75.01.02.2014', '75.01.02.2015', '75.01.02.2016', '75.01.02.2017',
      '75.01.02.2018', '75.01.02.2019', '75.01.02.2020', '75.01.02.2021',
    ]);
    expect(telaga.get('75.01.02.2015')).toEqual(ZERO_COV);
    // a region at its own level: the region itself; undotted codes accepted
    const self = await coverage('VILLAGE', '7501022011');
    expect([...self]).toEqual([[D1, [3, 2, 3, 2, 0, 1, 3_500_000]]]);
    const harapan = await coverage('VILLAGE', D5);
    expect([...harapan]).toEqual([[D5, ZERO_COV]]); // its unmatched row brings no household and no matched amount
  });

  it('refuses unknown regions, level mismatches and unknown programs as BAD_USER_INPUT naming them', async () => {
    const cases: [Level, string | undefined, Filter, string][] = [
      ['VILLAGE', '99.99', undefined, '99.99'],
      ['DISTRICT', '75.01.02.2011', undefined, '75.01.02.2011'],
      ['REGENCY', '75.01.02', undefined, '75.01.02'],
      ['VILLAGE', '75.0', undefined, '75.0'],
      ['VILLAGE', '75', { programs: ['PKH', 'XYZ'] }, 'XYZ'],
      ['VILLAGE', '75', { programs: [] }, 'programs'],
      ['VILLAGE', '11', { programs: ['NOPE'] }, 'NOPE'], // Aceh has no desa loaded: the empty answer is still checked
      ['VILLAGE', '75', { year: 20 }, 'year'],
      ['VILLAGE', '75', { stage: 0 }, 'stage'],
    ];
    for (const [level, within, filter, named] of cases) {
      for (const query of [COVERAGE, QUALITY]) {
        const r = await app.gql(query, { level, within, filter }, token);
        expect(r.errors?.[0].extensions?.code, `${level} ${within} ${JSON.stringify(filter)}`).toBe('BAD_USER_INPUT');
        expect(r.errors?.[0].message).toContain(named);
      }
    }
    const aceh = await coverage('VILLAGE', '11'); // a province without loaded desa: no rows, no error
    expect(aceh.size).toBe(0);
  });

  it('lets every role read the aggregates but nobody without a token', async () => {
    const r = await app.gql(`mutation { createUser(username: "lihat", password: "Lihat-Saja-2024!", role: VIEWER) { username } }`, {}, token);
    expect(r.errors).toBeUndefined();
    const viewer = await app.login('lihat', 'Lihat-Saja-2024!');
    const v = await app.gql<{ coverage: { aidedHouseholds: number }[] }>(
      `{ coverage(level: PROVINCE, within: "75") { aidedHouseholds } }`,
      {},
      viewer,
    );
    expect(v.data!.coverage).toEqual([{ aidedHouseholds: 9 }]);
    const anon = await app.gql(`{ coverage(level: PROVINCE) { aidedHouseholds } }`);
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe(`dataQuality (${backend})`, () => {
  it('counts invalid NIKs, unmatched rows, duplicates and deceased recipients at all four levels', async () => {
    await expectQualityAllLevels(undefined, {
      PROVINCE: { '75': [6, 2, 2, 2] },
      REGENCY: { '75.01': [5, 1, 2, 1], '75.02': [1, 1, 0, 1] },
      DISTRICT: {
        '75.01.02': [4, 1, 2, 0],
        '75.01.01': [1, 0, 0, 1],
        '75.02.01': [1, 0, 0, 1],
        '75.02.02': [0, 1, 0, 0],
      },
      VILLAGE: {
        [D1]: [3, 0, 2, 0],
        [D2]: [1, 1, 0, 0],
        [D3]: [1, 0, 0, 1],
        [D4]: [1, 0, 0, 1],
        [D5]: [0, 1, 0, 0],
      },
    });
  });

  it('filters by program at all four levels', async () => {
    await expectQualityAllLevels({ programs: ['PKH'] }, {
      PROVINCE: { '75': [2, 1, 1, 2] },
      REGENCY: { '75.01': [1, 1, 1, 1], '75.02': [1, 0, 0, 1] },
      DISTRICT: { '75.01.02': [1, 1, 1, 0], '75.01.01': [0, 0, 0, 1], '75.02.01': [1, 0, 0, 1] },
      VILLAGE: { [D1]: [1, 0, 1, 0], [D2]: [0, 1, 0, 0], [D3]: [0, 0, 0, 1], [D4]: [1, 0, 0, 1] },
    });
    await expectQualityAllLevels({ programs: ['BPNT'] }, {
      PROVINCE: { '75': [2, 1, 0, 0] },
      REGENCY: { '75.01': [2, 0, 0, 0], '75.02': [0, 1, 0, 0] },
      DISTRICT: { '75.01.02': [1, 0, 0, 0], '75.01.01': [1, 0, 0, 0], '75.02.02': [0, 1, 0, 0] },
      VILLAGE: { [D2]: [1, 0, 0, 0], [D3]: [1, 0, 0, 0], [D5]: [0, 1, 0, 0] },
    });
  });

  it('filters by period', async () => {
    const stage2 = await quality('VILLAGE', '75', { stage: 2 });
    expect([...stage2.values()].every((v) => [...v].every((n) => n === 0))).toBe(true);
    const y2021 = await quality('PROVINCE', '75', { year: 2021 });
    expect([...y2021.get('75')!]).toEqual([0, 0, 0, 0]);
    const y2020s1 = await quality('VILLAGE', '75', { year: 2020, stage: 1 });
    expect([...y2020s1.get(D1)!]).toEqual([3, 0, 2, 0]);
    expect([...y2020s1.get(D4)!]).toEqual([1, 0, 0, 1]);
    const several = await quality('PROVINCE', '75', { programs: ['PKH', 'BLT-DD'] });
    expect([...several.get('75')!]).toEqual([4, 1, 2, 2]);
  });

  it('counts possible duplicates whose two persons both have rows in the filter', async () => {
    // The planted pair: MUHAMMAD RIZKY LAMATO (D1, PKH 2020/1) and MOHAMAD RISKI LAMATO (D2, BLT-DD 2020/1),
    // same birth date and kecamatan; placed in the desa of the smaller NIK (D1).
    const pd = async (filter: Filter, level: Level = 'VILLAGE') => {
      const m = await quality(level, '75', filter);
      return Object.fromEntries([...m].filter(([, v]) => v.pd > 0).map(([k, v]) => [k, v.pd]));
    };
    expect(await pd(undefined)).toEqual({ [D1]: 1 });
    expect(await pd(undefined, 'REGENCY')).toEqual({ '75.01': 1 });
    expect(await pd({ programs: ['PKH', 'BLT-DD'] })).toEqual({ [D1]: 1 });
    expect(await pd({ programs: ['PKH'] })).toEqual({});
    expect(await pd({ stage: 1 })).toEqual({ [D1]: 1 });
    expect(await pd({ stage: 2 })).toEqual({});
    expect(await pd({ year: 2021 })).toEqual({});
  });
});

describe(`refresh paths agree (${backend})`, () => {
  it('gives the same figures after a full rebuild as after the incremental refreshes of the imports', async () => {
    const levels: [Level, string | undefined][] = [['VILLAGE', '75'], ['DISTRICT', '75'], ['REGENCY', '75']];
    const filters: Filter[] = [undefined, { programs: ['PKH', 'BPNT'] }, { year: 2020, stage: 1 }, { programs: ['BLT-DD'] }];
    const snapshot = async () => {
      const out: unknown[] = [];
      for (const [level, within] of levels) {
        for (const filter of filters) out.push([...(await coverage(level, within, filter))], [...(await quality(level, within, filter))]);
      }
      return out;
    };
    const before = await snapshot();
    await db.orm.em.fork().transactional((tx) => refreshAll(tx));
    expect(await snapshot()).toEqual(before);
    // the full rebuild dropped and re-created the indexes of payment_match and the household facts
    const idx = await db.orm.em.fork().execute<{ indexname: string }[]>(
      `select indexname from pg_indexes where tablename in ('payment_match', 'analytics_household_aid') order by indexname`,
    );
    expect(idx.map((i) => i.indexname)).toEqual([
      'analytics_household_aid_kk_idx',
      'payment_match_household_idx',
      'payment_match_import_brin_idx',
      'payment_match_person_idx',
    ]);
  });
});

describe(`refresh after a roster change (${backend})`, () => {
  it('re-matches earlier rows when a households import adds the person they name', async () => {
    // ORANG LUAR's row (PKH 2020/1, Rp500,000, written in D2) was unmatched; his family now lives in D3.
    await importFixture(db, 'households', 'households-update.csv');
    const cov = await coverage('VILLAGE', '75');
    expect(cov.get(D2)).toEqual([4, 2, 3, 0, 1, 2, 1_500_000]);
    expect(cov.get(D3)).toEqual([3, 3, 2, 0, 1, 0, 1_000_000]);
    expect((await coverage('PROVINCE', '75')).get('75')).toEqual([12, 8, 10, 3, 2, 4, 7_500_000]);
    const dq = await quality('VILLAGE', '75');
    expect([...dq.get(D2)!]).toEqual([1, 0, 0, 0]);
    expect([...dq.get(D3)!]).toEqual([1, 0, 0, 1]);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await coverage('VILLAGE', '75');
    await importFile2('recipients-a.csv');
    expect(await coverage('VILLAGE', '75')).toEqual(before);
  });
});

async function importFile2(file: string) {
  const { importFile } = await import('../../server/src/modules/imports/import.service');
  const { FIXTURES } = await import('../fixtures/coverage/load');
  const r = await importFile(db.orm, { kind: 'recipients', filePath: `${FIXTURES}/${file}` });
  expect(r.status).toBe('unchanged');
}
