import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../setup/test-db';
import { startTestApp, type TestApp } from '../setup/test-app';
import type { Database } from '../../server/src/db/database';
import { importFile } from '../../server/src/modules/imports/import.service';

/**
 * Duplicate rules, exclusive programs and civil-registry risk through the real import path
 * (importFile → after-import hooks) and the GraphQL API. Fixture: tests/fixtures/quality/*.csv;
 * expected figures are counted by hand from those files (see the comments).
 *
 * Persons (NIK → name, birth date, desa):
 *   P1  7501011203850001 MUHAMMAD RIZKI HASAN  1985-03-12 75.01.01.1001  KK …01
 *   P2  7501011203850002 MOH. RIZKI HASAN      1985-03-12 75.01.01.1001  KK …02  → P1 (Muhammad form, same desa): 1.00
 *   P7  7501011203850003 MUHAMMAD RIZAL        1985-03-12 75.01.01.1001  KK …02  (P2's "twin": shares only Muhammad) → no pair
 *   P3  7501014107700001 Hj. Siti Noerhajati   1970-07-01 75.01.01.1002
 *   P4  7501014107700002 SITI NURHAYATI        1970-07-01 75.01.01.1001  → P3 (title, oe, old j; same kecamatan): 0.95
 *   P5  7501020501600001 Drs. Djoko Soesilo    1960-01-05 75.01.02.2011
 *   P6  7501010501600001 JOKO SUSILO           1960-01-05 75.01.01.1003  → P5 (another kecamatan, same kab): 0.90,
 *       but only once P6 has a recipient row (recipients-more.csv): pairs are kept among recipients only
 *   P10 7501010501610002 JOKO SUSILO           1961-01-05 (another birth date) → no pair
 *   P8  7501014202900001 NUR AINI (P)          1990-02-02 ; P9 7501010202900001 NUR AINI (L) → different sex: 0.70, no pair
 *       (households-update.csv makes P9 female: then 1.00)
 *   P11 7501011708750001 YUSUF PAKAYA          1975-08-17 75.01.01.1001
 *   P12 7571011708750001 YOESOEF PAKAJA        1975-08-17 75.71.01.1001  → P11 (another kab/kota; Yoesoef = Yusuf,
 *       Pakaja ~ Pakaya: Jaro-Winkler 0.9333; IDF over the 12 names: Yusuf ln(13/2.5), Pakaja/Pakaya ln(13/1.5)
 *       → name similarity 0.9622) → 0.35 + 0.45 × 0.9622 + 0.2 × 0.25 = 0.833
 */

const FIX = path.join(import.meta.dirname, '../fixtures/quality');
const P1 = '7501011203850001';
const P2 = '7501011203850002';
const P3 = '7501014107700001';
const P4 = '7501014107700002';
const P5 = '7501020501600001';
const P6 = '7501010501600001';
const P8 = '7501014202900001';
const P9 = '7501010202900001';
const P11 = '7501011708750001';
const P12 = '7571011708750001';

let db: Database;
let app: TestApp;
let admin: string;

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(text, params);

async function load(kind: 'programs' | 'households' | 'recipients' | 'civil-events', file: string) {
  const r = await importFile(db.orm, { kind, filePath: path.join(FIX, file), username: 'admin' });
  expect(r.status, JSON.stringify(r.errors)).toBe('landed');
  expect(r.rejected).toBe(0);
}

const pairsInTable = () =>
  sql<{ nik_a: string; nik_b: string; score: number; reasons: string[]; desa_code: string; kab_code: string }>(
    `select nik_a, nik_b, score, reasons, desa_code, kab_code from duplicate_pair order by score desc, nik_a`,
  );

async function createUser(username: string, role: string, regionCode: string | null = null) {
  const r = await app.gql(
    `mutation($u:String!,$p:String!,$r:Role!,$c:String){ createUser(username:$u,password:$p,role:$r,regionCode:$c){ username } }`,
    { u: username, p: `${username}-pass-1`, r: role, c: regionCode },
    admin,
  );
  expect(r.errors).toBeUndefined();
  return app.login(username, `${username}-pass-1`);
}

const LIST = `query($w:String,$f:AidFilter,$first:Int,$after:String){
  possibleDuplicates(within:$w, filter:$f, first:$first, after:$after){
    totalCount
    edges { cursor node { score reasons a { nik name birthDate region { code } } b { nik name birthDate region { code } } } }
    pageInfo { hasNextPage endCursor }
  } }`;

type ListResult = {
  possibleDuplicates: {
    totalCount: number;
    edges: { cursor: string; node: { score: number; reasons: string[]; a: { nik: string; name: string; birthDate: string; region: { code: string } }; b: { nik: string; region: { code: string } } } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

beforeAll(async () => {
  db = await openTestDb();
  app = await startTestApp(db);
  admin = await app.login();
  await load('programs', 'programs.csv');
  await load('households', 'households.csv');
  await load('recipients', 'recipients.csv');
  await load('civil-events', 'civil-events.csv');
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('duplicate pairs after the imports', () => {
  it('finds exactly the planted pairs of recipients, with the hand-computed scores and reasons', async () => {
    const rows = await pairsInTable();
    // P5/P6 is no pair yet: P6 has no recipient row, so the pair could never be counted
    expect(rows.map((r) => [r.nik_a, r.nik_b, r.score])).toEqual([
      [P1, P2, 1],
      [P3, P4, 0.95],
      [P11, P12, 0.832988],
    ]);
    expect(rows[0]!.reasons).toEqual(['same birth date', 'name similarity 1.00', 'same desa']);
    expect(rows[1]!.reasons).toEqual(['same birth date', 'name similarity 1.00', 'same kecamatan']);
    expect(rows[2]!.reasons).toEqual(['same birth date', 'name similarity 0.96', 'same phonetic key', 'different kab/kota']);
    // placed in the desa of the person with the smaller NIK
    expect(rows.map((r) => r.desa_code)).toEqual(['7501011001', '7501011002', '7501011001']);
  });

  it('stores the normalised names the pairs were found with', async () => {
    const rows = await sql<{ nik: string; name_norm: string }>(`select nik, name_norm from person where nik in (?, ?, ?) order by nik`, [P3, P5, P12]);
    // the old j stays only in the word that shows old spelling: Pakaja keeps its j
    expect(rows.map((r) => r.name_norm)).toEqual(['SITI NURHAYATI', 'JOKO SUSILO', 'YUSUF PAKAJA']);
  });
});

describe('possibleDuplicates (GraphQL)', () => {
  it('lists the pairs whose persons both have recipient rows, best first, equal to the dataQuality figure', async () => {
    const r = await app.gql<ListResult>(LIST, {}, admin);
    expect(r.errors).toBeUndefined();
    const c = r.data!.possibleDuplicates;
    expect(c.totalCount).toBe(3);
    expect(c.edges.map((e) => [e.node.a.nik, e.node.b.nik, e.node.score])).toEqual([
      [P1, P2, 1],
      [P3, P4, 0.95],
      [P11, P12, 0.832988],
    ]);
    expect(c.edges[1]!.node.a).toEqual({ nik: P3, name: 'Hj. Siti Noerhajati', birthDate: '1970-07-01', region: { code: '75.01.01.1002' } });
    expect(c.edges[2]!.node.b.region.code).toBe('75.71.01.1001');
    const dq = await app.gql<{ dataQuality: { possibleDuplicates: number }[] }>(
      `{ dataQuality(level: PROVINCE, within: "75") { possibleDuplicates } }`,
      {},
      admin,
    );
    expect(dq.data!.dataQuality[0]!.possibleDuplicates).toBe(3);
  });

  it('applies the filter and within like the figure', async () => {
    const count = async (vars: Record<string, unknown>) => {
      const r = await app.gql<ListResult>(LIST, vars, admin);
      expect(r.errors).toBeUndefined();
      return r.data!.possibleDuplicates.totalCount;
    };
    expect(await count({ f: { programs: ['bpnt'] } })).toBe(0); // P1's BPNT row matched by No. KK only; P4 has none
    expect(await count({ f: { year: 2020, programs: ['BST', 'PKH'] } })).toBe(2); // P3 has only BPNT
    expect(await count({ f: { year: 2021 } })).toBe(0);
    expect(await count({ w: '75.01.01' })).toBe(3);
    expect(await count({ w: '75.71' })).toBe(0);
    const bad = await app.gql(LIST, { f: { programs: ['NOPE'] } }, admin);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('pages with cursors', async () => {
    const p1 = await app.gql<ListResult>(LIST, { first: 2 }, admin);
    const c1 = p1.data!.possibleDuplicates;
    expect(c1.edges).toHaveLength(2);
    expect(c1.pageInfo.hasNextPage).toBe(true);
    const p2 = await app.gql<ListResult>(LIST, { first: 2, after: c1.pageInfo.endCursor }, admin);
    const c2 = p2.data!.possibleDuplicates;
    expect(c2.edges.map((e) => e.node.a.nik)).toEqual([P11]);
    expect(c2.pageInfo.hasNextPage).toBe(false);
    expect(c2.totalCount).toBe(3);
    const bad = await app.gql(LIST, { after: 'bm9wZQ' }, admin);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('masks NIKs for an analyst and refuses a viewer', async () => {
    const analyst = await createUser('dup-analyst', 'ANALYST');
    const r = await app.gql<ListResult>(LIST, { first: 1 }, analyst);
    expect(r.data!.possibleDuplicates.edges[0]!.node.a.nik).toBe('750101********01');
    expect(r.data!.possibleDuplicates.edges[0]!.node.b.nik).toBe('750101********02');
    expect(JSON.stringify(r.data)).not.toContain(P1);
    const viewer = await createUser('dup-viewer', 'VIEWER');
    const v = await app.gql(LIST, {}, viewer);
    expect(v.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('exclusive programs', () => {
  const Q = `query($y:Int,$p:[String!]){ exclusiveProgramViolations(year:$y, programs:$p){ totalCount amountA amountB
    edges { node { noKk headName year programA programB rowsA rowsB amountA amountB region { code } } } } }`;

  it('lists households paid by BST and BPNT or PKH in 2020, with the money of each', async () => {
    const r = await app.gql<{ exclusiveProgramViolations: { totalCount: number; amountA: number; amountB: number; edges: { node: Record<string, unknown> }[] } }>(Q, {}, admin);
    expect(r.errors).toBeUndefined();
    const c = r.data!.exclusiveProgramViolations;
    // KK …01: BPNT 200 000 (by No. KK) and BST 600 000 (P1); KK …02: BST 600 000 and PKH 750 000 (P2).
    // KK …04 (PKH 2020, BST 2021) is no violation: different years.
    expect(c.totalCount).toBe(2);
    expect(c.edges.map((e) => e.node)).toEqual([
      { noKk: '7501010101100001', headName: 'MUHAMMAD RIZKI HASAN', year: 2020, programA: 'BPNT', programB: 'BST', rowsA: 1, rowsB: 1, amountA: 200000, amountB: 600000, region: { code: '75.01.01.1001' } },
      { noKk: '7501010101100002', headName: 'MOH. RIZKI HASAN', year: 2020, programA: 'BST', programB: 'PKH', rowsA: 1, rowsB: 1, amountA: 600000, amountB: 750000, region: { code: '75.01.01.1001' } },
    ]);
    expect([c.amountA, c.amountB]).toEqual([800000, 1350000]);
    const y = await app.gql<{ exclusiveProgramViolations: { totalCount: number } }>(Q, { y: 2021 }, admin);
    expect(y.data!.exclusiveProgramViolations.totalCount).toBe(0);
    const p = await app.gql<{ exclusiveProgramViolations: { totalCount: number } }>(Q, { p: ['PKH'] }, admin);
    expect(p.data!.exclusiveProgramViolations.totalCount).toBe(1);
  });

  it('a new pair (every year) is applied at once; removing it takes its violations', async () => {
    const add = await app.gql<{ addExclusiveProgramPair: { id: number; programA: string; programB: string; year: number | null } }>(
      `mutation { addExclusiveProgramPair(programA: "pkh", programB: "BPNT") { id programA programB year } }`,
      {},
      admin,
    );
    expect(add.errors).toBeUndefined();
    expect(add.data!.addExclusiveProgramPair).toMatchObject({ programA: 'BPNT', programB: 'PKH', year: null });
    // no household got both BPNT and PKH: still 2
    const r = await app.gql<{ exclusiveProgramViolations: { totalCount: number } }>(Q, {}, admin);
    expect(r.data!.exclusiveProgramViolations.totalCount).toBe(2);
    const del = await app.gql<{ removeExclusiveProgramPair: boolean }>(
      `mutation($id:Int!){ removeExclusiveProgramPair(id:$id) }`,
      { id: add.data!.addExclusiveProgramPair.id },
      admin,
    );
    expect(del.data!.removeExclusiveProgramPair).toBe(true);
    const pairs = await app.gql<{ exclusiveProgramPairs: { programA: string; programB: string; year: number }[] }>(
      `{ exclusiveProgramPairs { programA programB year } }`,
      {},
      admin,
    );
    expect(pairs.data!.exclusiveProgramPairs).toEqual([
      { programA: 'BPNT', programB: 'BST', year: 2020 },
      { programA: 'BST', programB: 'PKH', year: 2020 },
    ]);
  });
});

describe('civil-registry risk', () => {
  it('counts rows paid after a move to another kab/kota and after a death, with their money', async () => {
    const r = await app.gql<{
      civilRegistryRisk: { region: { code: string }; movedRecipients: number; movedAmount: number; deceasedRecipients: number; deceasedAmount: number; byProgram: { program: string; movedRecipients: number; deceasedAmount: number }[] }[];
    }>(
      `{ civilRegistryRisk(level: REGENCY, within: "75") { region { code } movedRecipients movedAmount deceasedRecipients deceasedAmount
         byProgram { program movedRecipients deceasedAmount } } }`,
      {},
      admin,
    );
    expect(r.errors).toBeUndefined();
    const byCode = new Map(r.data!.civilRegistryRisk.map((x) => [x.region.code, x]));
    expect(byCode.size).toBe(6); // every kab/kota of Gorontalo, zeros included
    // P2's BST (paid 2020-05-10) after his move to Kota Gorontalo (2020-04-01); his PKH was paid before it.
    // P8 moved within Kab. Gorontalo: not counted. P1's BST (2020-06-15) after his death (2020-05-01).
    expect(byCode.get('75.01')).toMatchObject({ movedRecipients: 1, movedAmount: 600000, deceasedRecipients: 1, deceasedAmount: 600000 });
    expect(byCode.get('75.01')!.byProgram).toEqual([{ program: 'BST', movedRecipients: 1, deceasedAmount: 600000 }]);
    expect(byCode.get('75.71')).toMatchObject({ movedRecipients: 0, movedAmount: 0, deceasedRecipients: 0, deceasedAmount: 0, byProgram: [] });
    const dq = await app.gql<{ dataQuality: { region: { code: string }; deceasedRecipients: number }[] }>(
      `{ dataQuality(level: REGENCY, within: "75.01") { region { code } deceasedRecipients } }`,
      {},
      admin,
    );
    expect(dq.data!.dataQuality[0]!.deceasedRecipients).toBe(1);
    const f = await app.gql<{ civilRegistryRisk: { movedRecipients: number }[] }>(
      `{ civilRegistryRisk(level: REGENCY, within: "75.01", filter: { programs: ["PKH"] }) { movedRecipients } }`,
      {},
      admin,
    );
    expect(f.data!.civilRegistryRisk[0]!.movedRecipients).toBe(0);
  });
});

describe('reviews, incremental recompute and the threshold', () => {
  const REVIEW = `mutation($a:String!,$b:String!,$v:DuplicateVerdict!){ reviewDuplicatePair(nikA:$a, nikB:$b, verdict:$v, note:"beda orang") }`;

  it('an operator outside the region may not review; a DIFFERENT verdict removes the pair for good', async () => {
    const op = await createUser('dup-op-kota', 'OPERATOR', '75.71');
    const no = await app.gql(REVIEW, { a: P2, b: P1, v: 'DIFFERENT' }, op);
    expect(no.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const yes = await app.gql<{ reviewDuplicatePair: boolean }>(REVIEW, { a: P2, b: P1, v: 'DIFFERENT' }, admin);
    expect(yes.errors).toBeUndefined();
    expect(yes.data!.reviewDuplicatePair).toBe(false);
    const list = await app.gql<ListResult>(LIST, {}, admin);
    expect(list.data!.possibleDuplicates.totalCount).toBe(2);
    const logged = await sql<{ n: number }>(`select count(*)::int as n from audit_log where action = 'duplicate_reviewed'`);
    expect(logged[0]!.n).toBe(1);
  });

  it('a households import recomputes the pairs, keeping the verdict', async () => {
    // P2 renamed "M. RIZKI HASAN" (still P1's double, but reviewed DIFFERENT); P9 now female: P8/P9 pair (1.0, same desa)
    await load('households', 'households-update.csv');
    const rows = await pairsInTable();
    expect(rows.map((r) => [r.nik_a, r.nik_b, r.score])).toEqual([
      [P9, P8, 1],
      [P3, P4, 0.95],
      [P11, P12, 0.832988],
    ]);
  });

  it('a recipients import adds the pairs of the persons its rows match', async () => {
    // P6 gets a BST row: P6/P5 (same kab/kota, another kecamatan, Drs. Djoko Soesilo = Joko Susilo) now counts
    await load('recipients', 'recipients-more.csv');
    const rows = await pairsInTable();
    expect(rows.map((r) => [r.nik_a, r.nik_b, r.score])).toEqual([
      [P9, P8, 1],
      [P3, P4, 0.95],
      [P6, P5, 0.9],
      [P11, P12, 0.832988],
    ]);
    expect(rows[2]!.reasons).toEqual(['same birth date', 'name similarity 1.00', 'same kab/kota']);
  });

  it('a SAME verdict keeps a pair whatever its score', async () => {
    const r = await app.gql<{ reviewDuplicatePair: boolean }>(REVIEW, { a: P11, b: P12, v: 'SAME' }, admin);
    expect(r.data!.reviewDuplicatePair).toBe(true);
    const set = await app.gql<{ setDuplicateThreshold: number }>(`mutation { setDuplicateThreshold(value: 0.95) }`, {}, admin);
    expect(set.errors).toBeUndefined();
    expect(set.data!.setDuplicateThreshold).toBe(0.95);
    const rows = await pairsInTable();
    // P6/P5 (0.90) drops below 0.95; P11/P12 (0.833) stays, confirmed
    expect(rows.map((r) => [r.nik_a, r.nik_b, r.score])).toEqual([
      [P9, P8, 1],
      [P3, P4, 0.95],
      [P11, P12, 0.832988],
    ]);
    expect(rows[2]!.reasons).toContain('confirmed same person by admin');
    const t = await app.gql<{ duplicateThreshold: number }>(`{ duplicateThreshold }`, {}, admin);
    expect(t.data!.duplicateThreshold).toBe(0.95);
    const bad = await app.gql(`mutation { setDuplicateThreshold(value: 1.5) }`, {}, admin);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
