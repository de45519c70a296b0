import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, backend } from '../setup/test-db';
import { startTestApp, type TestApp } from '../setup/test-app';
import type { Database } from '../../server/src/db/database';
import { householdBatches } from '../../server/src/modules/households/household.service';
import { D1, loadCoverageData } from '../fixtures/coverage/load';

/*
 * The coverage data set (tests/fixtures/coverage; figures in coverage.db.test.ts). No. KK 75010x01011000NN
 * = household HNN. In (desa, No. KK) order the roster of province 75 is:
 *   D3 75.01.01.1001: H6, H9 · D1 75.01.02.2011: H1, H2, H3 · D2 75.01.02.2014: H4, H5, H10, H11 ·
 *   D4 75.02.01.2004: H7, H8.
 */
const KK: Record<string, string> = {
  H1: '7501020101100001', H2: '7501020101100002', H3: '7501020101100003', H4: '7501020101100004',
  H5: '7501020101100005', H6: '7501010101100006', H7: '7502010101100007', H8: '7502010101100008',
  H9: '7501010101100009', H10: '7501020101100010', H11: '7501020101100011',
};
const NAME_OF = Object.fromEntries(Object.entries(KK).map(([h, kk]) => [kk, h]));
const ALL = ['H6', 'H9', 'H1', 'H2', 'H3', 'H4', 'H5', 'H10', 'H11', 'H7', 'H8'];

let db: Database;
let app: TestApp;
let admin: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  db = await openTestDb();
  app = await startTestApp(db);
  admin = await app.login();
  await loadCoverageData(db);
  for (const [username, role, region] of [
    ['analis', 'ANALYST', null],
    ['operator_telaga', 'OPERATOR', '75.01.02'],
    ['pemirsa', 'VIEWER', null],
  ] as const) {
    const r = await app.gql(
      `mutation($u: String!, $p: String!, $r: Role!, $c: String) { createUser(username: $u, password: $p, role: $r, regionCode: $c) { username } }`,
      { u: username, p: `Rahasia-${username}-2024`, r: role, c: region },
      admin,
    );
    expect(r.errors).toBeUndefined();
    tokens[role] = await app.login(username, `Rahasia-${username}-2024`);
  }
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const LIST = `query($within: String, $filter: HouseholdFilter, $first: Int, $after: String) {
  households(within: $within, filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { noKk dtks desil region { code name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { noKk: string; dtks: boolean; desil: number | null; region: { code: string; name: string } } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function page(vars: Record<string, unknown>, token = admin): Promise<Page> {
  const r = await app.gql<{ households: Page }>(LIST, vars, token);
  expect(r.errors, JSON.stringify(vars)).toBeUndefined();
  return r.data!.households;
}

/** The households of a filter, by name (H1 …), checking totalCount against the page. */
async function names(within: string | undefined, filter: Record<string, unknown>): Promise<string[]> {
  const p = await page({ within, filter, first: 500 });
  const list = p.edges.map((e) => NAME_OF[e.node.noKk]);
  expect(p.totalCount, JSON.stringify(filter)).toBe(list.length);
  expect(p.pageInfo.hasNextPage).toBe(false);
  return list;
}

describe(`households (${backend})`, () => {
  it('lists the roster in (desa, No. KK) order with region, DTKS and desil', async () => {
    expect(await names('75', {})).toEqual(ALL);
    const p = await page({ within: '75.01.02.2011' });
    expect(p.edges.map((e) => e.node)).toEqual([
      { noKk: KK.H1, dtks: true, desil: 1, region: { code: D1, name: 'Bulila' } },
      { noKk: KK.H2, dtks: true, desil: 2, region: { code: D1, name: 'Bulila' } },
      { noKk: KK.H3, dtks: false, desil: null, region: { code: D1, name: 'Bulila' } },
    ]);
    expect(await names(undefined, {})).toEqual(ALL);
  });

  it('pages with cursors: first, after, hasNextPage, endCursor, the default and the cap', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const p: Page = await page({ within: '75.01.02', first: 3, after });
      expect(p.totalCount).toBe(7);
      seen.push(...p.edges.map((e) => NAME_OF[e.node.noKk]));
      pages++;
      expect(p.pageInfo.endCursor).toBe(p.edges[p.edges.length - 1].cursor);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(['H1', 'H2', 'H3', 'H4', 'H5', 'H10', 'H11']);

    const none = await page({ within: '75', first: 0 });
    expect(none).toEqual({ totalCount: 11, edges: [], pageInfo: { hasNextPage: true, endCursor: null } });
    const capped = await page({ within: '75', first: 100_000 });
    expect(capped.edges).toHaveLength(11);
    const last = (await page({ within: '75.01.02', first: 7 })).pageInfo.endCursor;
    const past = await page({ within: '75.01.02', first: 3, after: last });
    expect(past).toEqual({ totalCount: 7, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('filters DTKS, aided / unaided in an aid window, stacked, program, desil — matching the coverage figures', async () => {
    // coverage of province 75: unaidedDtks 2, aidedNonDtks 4, stacked 3; stage 2 only: unaidedDtks 4
    expect(await names('75', { dtks: true, aided: false })).toEqual(['H9', 'H10']);
    expect(await names('75', { dtks: false, aided: true })).toEqual(['H3', 'H5', 'H11', 'H8']);
    expect(await names('75', { minPrograms: 2 })).toEqual(['H1', 'H2', 'H7']);
    expect(await names('75', { dtks: true, aided: false, aid: { stage: 2 } })).toEqual(['H6', 'H9', 'H2', 'H10']);
    expect(await names('75', { minPrograms: 2, aid: { year: 2020 } })).toEqual(['H1', 'H7']);
    expect(await names('75', { minPrograms: 2, aid: { programs: ['PKH', 'BPNT'], year: 2020, stage: 1 } })).toEqual(['H1', 'H7']);
    expect(await names('75', { program: 'pkh' })).toEqual(['H6', 'H1', 'H2', 'H4', 'H7']);
    expect(await names('75', { program: 'BPNT', aid: { year: 2020 } })).toEqual(['H1', 'H5', 'H7']);
    expect(await names('75.01', { aided: true, aid: { programs: ['BLT-DD'] } })).toEqual(['H1', 'H3', 'H11']);
    expect(await names('75', { desil: [1] })).toEqual(['H1', 'H10', 'H7']);
    expect(await names('75', { desil: [1, 2], dtks: true, aided: true })).toEqual(['H6', 'H1', 'H2', 'H7']);
    expect(await names('75.02', { dtks: false })).toEqual(['H8']);
  });

  it('searches by exact NIK, exact No. KK (dots allowed) and a name fragment', async () => {
    expect(await names(undefined, { search: '7501022009050001' })).toEqual(['H4']); // a member who is not the head
    expect(await names(undefined, { search: '75.01.02.0101100005' })).toEqual(['H5']);
    expect(await names(undefined, { search: 'lamato' })).toEqual(['H2', 'H11']);
    expect(await names('75.01.02.2014', { search: 'Lamato' })).toEqual(['H11']);
    expect(await names(undefined, { search: 'SITI AMINAH' })).toEqual(['H1']);
    expect(await names(undefined, { search: '7501020202900009' })).toEqual([]); // a recipient NIK, not in the roster
    expect(await names(undefined, { search: '750102' })).toEqual([]); // no prefix search: it would unmask NIKs
    expect(await names(undefined, { search: '100%' })).toEqual([]); // LIKE wildcards are literal
  });

  it('returns members (head first) and the aid received per program and stage, in one batch', async () => {
    const r = await app.gql<{ households: { edges: { node: { noKk: string; members: unknown[]; programs: unknown[] } }[] } }>(
      `{ households(within: "75.01.02", first: 10) { edges { node { noKk
          members { nik name sex birthDate relation nikValid }
          programs { program name year stage amount payments } } } } }`,
      {},
      admin,
    );
    expect(r.errors).toBeUndefined();
    const byKk = new Map(r.data!.households.edges.map((e) => [e.node.noKk, e.node]));
    expect(byKk.get(KK.H1)!.members).toEqual([
      { nik: '7501020203700001', name: 'ABDUL KADIR HASAN', sex: 'L', birthDate: '1970-03-02', relation: 'KEPALA KELUARGA', nikValid: true },
      { nik: '7501024405750001', name: 'SITI AMINAH DJAFAR', sex: 'P', birthDate: '1975-05-04', relation: 'ISTRI', nikValid: true },
    ]);
    expect(byKk.get(KK.H1)!.programs).toEqual([
      { program: 'BPNT', name: 'Bantuan Pangan Non Tunai', year: 2020, stage: 1, amount: 200_000, payments: 1 },
      { program: 'PKH', name: 'Program Keluarga Harapan', year: 2020, stage: 1, amount: 1_000_000, payments: 2 },
      { program: 'BPNT', name: 'Bantuan Pangan Non Tunai', year: 2020, stage: 2, amount: 200_000, payments: 1 },
      { program: 'BLT-DD', name: 'Bantuan Langsung Tunai Dana Desa', year: 2021, stage: 1, amount: 300_000, payments: 1 },
    ]);
    // H2: its head's NIK row and a No. KK-only row of the same program and stage, plus a No. KK row of 2021
    expect(byKk.get(KK.H2)!.programs).toEqual([
      { program: 'PKH', name: 'Program Keluarga Harapan', year: 2020, stage: 1, amount: 1_000_000, payments: 2 },
      { program: 'BPNT', name: 'Bantuan Pangan Non Tunai', year: 2021, stage: 1, amount: 200_000, payments: 1 },
    ]);
    expect(byKk.get(KK.H5)!.members).toMatchObject([
      { name: 'ARIFIN GOBEL', nikValid: true },
      { name: 'NURHAYATI GOBEL', nikValid: false },
    ]);
    expect(byKk.get(KK.H10)!.programs).toEqual([]);
  });

  it('masks NIK and No. KK per role: ANALYST always, OPERATOR outside their region; VIEWER refused', async () => {
    const q = (token: string) =>
      app.gql<{ households: { edges: { node: { noKk: string; members: { nik: string }[] } }[] } }>(
        `{ households(filter: { search: "7501020203700001" }) { edges { node { noKk members { nik } } } } }`,
        {},
        token,
      );
    const analyst = await q(tokens.ANALYST);
    expect(analyst.data!.households.edges[0].node).toEqual({
      noKk: '750102********01',
      members: [{ nik: '750102********01' }, { nik: '750102********01' }],
    });
    const operator = await q(tokens.OPERATOR); // H1 lies in the operator's kecamatan
    expect(operator.data!.households.edges[0].node.members[1].nik).toBe('7501024405750001');
    const far = await app.gql<{ households: { edges: { node: { noKk: string; members: { nik: string }[] } }[] } }>(
      `{ households(within: "75.02.01.2004", first: 1) { edges { node { noKk members { nik } } } } }`,
      {},
      tokens.OPERATOR,
    );
    expect(far.data!.households.edges[0].node).toEqual({ noKk: '750201********07', members: [{ nik: '750201********01' }] });
    const viewer = await app.gql(`{ households { totalCount } }`, {}, tokens.VIEWER);
    expect(viewer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anon = await app.gql(`{ households { totalCount } }`);
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses bad arguments as BAD_USER_INPUT naming them', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ within: '99.99' }, '99.99'],
      [{ within: 'abc' }, 'abc'],
      [{ filter: { program: 'XYZ' } }, 'XYZ'],
      [{ filter: { aid: { programs: ['PKH', 'NOPE'] } } }, 'NOPE'],
      [{ filter: { search: 'ab' } }, 'search'],
      [{ filter: { desil: [11] } }, 'desil'],
      [{ filter: { minPrograms: -1 } }, 'minPrograms'],
      [{ first: -1 }, 'first'],
      [{ after: 'bm90LWEtY3Vyc29y' }, 'after'],
    ];
    for (const [vars, named] of cases) {
      const r = await app.gql(LIST, vars, admin);
      expect(r.errors?.[0].extensions?.code, JSON.stringify(vars)).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0].message).toContain(named);
    }
  });

  it('streams every match in keyset batches without gaps or repeats', async () => {
    const em = db.orm.em.fork();
    const got: string[] = [];
    for await (const batch of await householdBatches(em, '75', {}, 2)) got.push(...batch.map((h) => NAME_OF[h.no_kk]));
    expect(got).toEqual(ALL);
    const unaided: string[] = [];
    for await (const batch of await householdBatches(em, null, { dtks: true, aided: false, aid: { stage: 2 } }, 1)) {
      unaided.push(...batch.map((h) => NAME_OF[h.no_kk]));
    }
    expect(unaided).toEqual(['H6', 'H9', 'H2', 'H10']);
    await expect(householdBatches(em, '75.0', {})).rejects.toThrow(/75\.0/);
  });
});
