import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database';
import { backend, openTestDb } from '../setup/test-db';
import { startTestApp, type TestApp } from '../setup/test-app';
import { D2, importFixture, kk, loadWorkflowData } from '../fixtures/workflows/load';

/**
 * Re-validation funnel of a JPS-KAB list and verivali progress, on the hand-counted data set of
 * tests/fixtures/workflows/load.ts (see the table there for every family).
 */

let db: Database;
let app: TestApp;
let token: string;
let jpsBatchId: string;

beforeAll(async () => {
  db = await openTestDb();
  app = await startTestApp(db);
  token = await app.login();
  ({ jpsBatchId } = await loadWorkflowData(db));
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

type Step = { step: string; label: string; households: number };
const FUNNEL = `query($b: ID, $p: String, $y: Int, $w: String, $q: Int) {
  revalidationFunnel(batchId: $b, program: $p, year: $y, within: $w, quota: $q) { step label households } }`;

async function funnel(vars: Record<string, unknown>): Promise<Record<string, number>> {
  const r = await app.gql<{ revalidationFunnel: Step[] }>(FUNNEL, vars, token);
  expect(r.errors).toBeUndefined();
  const steps = r.data!.revalidationFunnel;
  expect(steps.map((s) => s.step)).toEqual(['COLLECTED', 'NOT_DUPLICATE', 'PROPOSED', 'VALID', 'REVALIDATE']);
  return Object.fromEntries(steps.map((s) => [s.step, s.households]));
}

describe(`revalidation funnel (${backend})`, () => {
  it('counts the JPS-KAB import in households, step by step', async () => {
    // 9 rows → 8 units (ANDI and RINA are one family). Duplicates: K02 (BPNT 2020), K08 (BLT-DD 2020);
    // K03's PKH is of 2021, so not a duplicate. Valid: K01, K09. Re-validate: K03 (empty NIK),
    // ROBERT TAN (matches nobody), K04 (another name), K07 (no address).
    expect(await funnel({ b: jpsBatchId })).toEqual({ COLLECTED: 8, NOT_DUPLICATE: 6, PROPOSED: 6, VALID: 2, REVALIDATE: 4 });
  });

  it('takes the quota poorest first', async () => {
    // Ranked by desil: K03 (1), K01 (2), K04 (3), K07 (4) | K09 (5), ROBERT TAN (unknown).
    expect(await funnel({ b: jpsBatchId, q: 4 })).toEqual({ COLLECTED: 8, NOT_DUPLICATE: 6, PROPOSED: 4, VALID: 1, REVALIDATE: 3 });
    expect(await funnel({ b: jpsBatchId, q: 0 })).toEqual({ COLLECTED: 8, NOT_DUPLICATE: 6, PROPOSED: 0, VALID: 0, REVALIDATE: 0 });
  });

  it('narrows to a region, and reads the same list by program and year', async () => {
    // Desa D2: K04, K07, K08 (duplicate), K09.
    expect(await funnel({ b: jpsBatchId, w: D2 })).toEqual({ COLLECTED: 4, NOT_DUPLICATE: 3, PROPOSED: 3, VALID: 1, REVALIDATE: 2 });
    expect(await funnel({ p: 'jps-kab', y: 2020 })).toEqual({ COLLECTED: 8, NOT_DUPLICATE: 6, PROPOSED: 6, VALID: 2, REVALIDATE: 4 });
    expect(await funnel({ p: 'JPS-KAB', y: 2021 })).toEqual({ COLLECTED: 0, NOT_DUPLICATE: 0, PROPOSED: 0, VALID: 0, REVALIDATE: 0 });
  });

  it('labels the steps in Bahasa Indonesia', async () => {
    const r = await app.gql<{ revalidationFunnel: Step[] }>(FUNNEL, { b: jpsBatchId }, token);
    expect(r.data!.revalidationFunnel.map((s) => s.label)).toEqual([
      'KK terkumpul',
      'Tidak ganda dengan bansos pusat & BLT-DD',
      'Diusulkan sesuai kuota',
      'Valid (nama, NIK, alamat)',
      'Perlu validasi ulang',
    ]);
  });

  it('refuses lists it cannot count with BAD_USER_INPUT', async () => {
    const [households] = await db.orm.em.fork().execute<{ id: string }[]>(`select id::text as id from import_batch where kind = 'households' limit 1`);
    const [central] = await db.orm.em
      .fork()
      .execute<{ id: string }[]>(`select id::text as id from import_batch where kind = 'recipients' and file_name = 'recipients-central.csv'`);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{}, /batchId.*program and year/],
      [{ p: 'JPS-KAB' }, /program and year/],
      [{ b: '999999' }, /no import 999999/],
      [{ b: households.id }, /households import/],
      [{ b: central.id }, /no rows of a JPS program/],
      [{ b: jpsBatchId, q: -1 }, /quota/],
      [{ p: 'NOPE', y: 2020 }, /unknown program code NOPE/],
      [{ b: jpsBatchId, w: '99.99' }, /99\.99/],
    ];
    for (const [vars, message] of cases) {
      const r = await app.gql(FUNNEL, vars, token);
      expect(r.errors?.[0].extensions?.code, JSON.stringify(vars)).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0].message).toMatch(message);
    }
    // BPNT of the central batch, named explicitly: K02, K05, K13, K14. K02's other 2020 program is JPS-KAB (not central): no duplicate.
    expect(await funnel({ b: central.id, p: 'BPNT' })).toEqual({ COLLECTED: 4, NOT_DUPLICATE: 4, PROPOSED: 4, VALID: 4, REVALIDATE: 0 });
  });
});

type Progress = {
  region: { code: string };
  flagged: number;
  fixed: number;
  open: number;
  rate: number;
  fixedByImport: number;
  fixedByWorkflow: number;
  byKind: { kind: string; flagged: number; fixed: number }[];
  series: { importBatchId: string | null; flagged: number; fixed: number; rate: number }[];
};
const PROGRESS = `query($l: RegionLevel, $w: String) { verivaliProgress(level: $l, within: $w) {
  region { code } flagged fixed open rate fixedByImport fixedByWorkflow byKind { kind flagged fixed } series { at importBatchId flagged fixed rate } } }`;

async function progress(within = '75', level = 'REGENCY'): Promise<Map<string, Progress>> {
  const r = await app.gql<{ verivaliProgress: Progress[] }>(PROGRESS, { l: level, w: within }, token);
  expect(r.errors).toBeUndefined();
  return new Map(r.data!.verivaliProgress.map((p) => [p.region.code, p]));
}
const kinds = (p: Progress) => Object.fromEntries(p.byKind.map((k) => [k.kind, [k.flagged, k.fixed]]));

describe(`verivali progress (${backend})`, () => {
  it('flags what the flawed imports show, per kab/kota', async () => {
    const p = await progress();
    expect(p.size).toBe(6); // every kab/kota of Gorontalo, zeros included
    // Kab. Gorontalo: LUKMAN's invalid NIK, OMAR died, LINA moved to Kab. Boalemo.
    expect(p.get('75.01')).toMatchObject({ flagged: 3, fixed: 0, open: 3, rate: 0 });
    expect(kinds(p.get('75.01')!)).toEqual({ INVALID_NIK: [1, 0], DECEASED: [1, 0], MOVED: [1, 0], DUPLICATE: [0, 0] });
    // Kab. Boalemo: MUSA's invalid NIK, SRI WAHYUNI under two NIKs.
    expect(kinds(p.get('75.02')!)).toEqual({ INVALID_NIK: [1, 0], DECEASED: [0, 0], MOVED: [0, 0], DUPLICATE: [1, 0] });
    expect(p.get('75.03')).toMatchObject({ flagged: 0, fixed: 0, rate: 0, series: [] });
    // Over time in 75.01: the roster import showed 1, the civil events 2 more.
    expect(p.get('75.01')!.series.map((s) => [s.flagged, s.fixed])).toEqual([
      [1, 0],
      [3, 0],
    ]);
    expect(p.get('75.01')!.series.every((s) => s.importBatchId !== null)).toBe(true);
  });

  it('lists the flags behind the figures, with reasons in Bahasa Indonesia', async () => {
    const r = await app.gql<{ verivaliFlags: { totalCount: number; edges: { node: { kind: string; nik: string; noKk: string; description: string; open: boolean; region: { code: string } } }[] } }>(
      `{ verivaliFlags(within: "75.01", open: true) { totalCount edges { node { kind nik noKk description open region { code } } } } }`,
      {},
      token,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.verivaliFlags.totalCount).toBe(3);
    const byKind = new Map(r.data!.verivaliFlags.edges.map((e) => [e.node.kind, e.node]));
    expect(byKind.get('INVALID_NIK')).toMatchObject({ nik: '7501023102800001', noKk: kk(11), open: true, region: { code: '75.01.02.2011' } });
    expect(byKind.get('INVALID_NIK')!.description).toMatch(/^NIK tidak valid: Tanggal lahir/);
    expect(byKind.get('DECEASED')!.description).toBe('Meninggal (2020-08-01), masih tercatat dalam KK');
    expect(byKind.get('MOVED')!.description).toBe('Pindah ke 75.02.01.2004 (2020-09-01), masih tercatat di KK lama');
  });

  it('a corrected households file fixes flags: progress goes up', async () => {
    const fix = await importFixture(db, 'households', 'households-fix.csv');
    const p = await progress();
    // LUKMAN's NIK corrected, LINA now listed in a family of Kab. Boalemo; OMAR still listed.
    expect(p.get('75.01')).toMatchObject({ flagged: 3, fixed: 2, open: 1, rate: 2 / 3, fixedByImport: 2, fixedByWorkflow: 0 });
    expect(kinds(p.get('75.01')!)).toEqual({ INVALID_NIK: [1, 1], DECEASED: [1, 0], MOVED: [1, 1], DUPLICATE: [0, 0] });
    const last = p.get('75.01')!.series.at(-1)!;
    expect(last).toMatchObject({ importBatchId: fix.batchId, flagged: 3, fixed: 2, rate: 2 / 3 });
    expect(p.get('75.02')).toMatchObject({ flagged: 2, fixed: 0 });
    // The same progress at the province level sums both kab/kota.
    expect((await progress('75', 'PROVINCE')).get('75')).toMatchObject({ flagged: 5, fixed: 2, rate: 2 / 5 });
  });

  it('approving the removal of a deceased family resolves its flag (a workflow fix)', async () => {
    const batch = await app.gql<{ proposeUsulanBatch: { batch: string; created: number } }>(
      `mutation { proposeUsulanBatch(within: "${D2}", kind: REMOVAL, note: "Meninggal, lapor desa") { batch created } }`,
      {},
      token,
    );
    expect(batch.errors).toBeUndefined();
    expect(batch.data!.proposeUsulanBatch.created).toBe(1); // OMAR's family, the only member died
    const code = batch.data!.proposeUsulanBatch.batch;
    for (const status of ['DIVERIFIKASI', 'DISETUJUI']) {
      const r = await app.gql(`mutation($b: String!, $s: UsulanStatus!) { setUsulanBatchStatus(batch: $b, status: $s) }`, { b: code, s: status }, token);
      expect(r.errors).toBeUndefined();
      expect(r.data!.setUsulanBatchStatus).toBe(1);
    }
    const p = await progress();
    expect(p.get('75.01')).toMatchObject({ flagged: 3, fixed: 3, open: 0, rate: 1, fixedByImport: 2, fixedByWorkflow: 1 });
    const series = p.get('75.01')!.series;
    expect(series.map((s) => [s.flagged, s.fixed])).toEqual([
      [1, 0],
      [3, 0],
      [3, 2],
      [3, 3],
    ]);
    expect(series.at(-1)!.importBatchId).toBeNull();
    const flags = await app.gql<{ verivaliFlags: { edges: { node: { fixedBy: string; fixedRef: string } }[] } }>(
      `{ verivaliFlags(within: "75.01", kind: DECEASED) { edges { node { fixedBy fixedRef } } } }`,
      {},
      token,
    );
    expect(flags.data!.verivaliFlags.edges.map((e) => e.node.fixedBy)).toEqual(['USULAN']);
    // The roster still lists OMAR, but a resolved record does not come back with the next import.
    await importFixture(db, 'civil-events', 'civil-events-more.csv');
    expect((await progress()).get('75.01')).toMatchObject({ flagged: 3, fixed: 3 });
  });
});
