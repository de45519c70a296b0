import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database';
import { backend, openTestDb } from '../setup/test-db';
import { startTestApp, type TestApp } from '../setup/test-app';
import { D1, D2, D4, importFixture, kk, loadWorkflowData } from '../fixtures/workflows/load';

/**
 * DTKS proposals (usulan) end to end through GraphQL and the export route, on the hand-counted
 * data set of tests/fixtures/workflows/load.ts. Aided families outside DTKS: D1 → K01, K02;
 * D2 → K04, K07, K08, K09; D4 → K05, K13, K14.
 */

let db: Database;
let app: TestApp;
let admin: string;
let operator: string; // OPERATOR of Kab. Gorontalo (75.01)
let analyst: string;
let viewer: string;

async function createUser(username: string, role: string, regionCode: string | null = null): Promise<string> {
  const password = `${username}-pass-1`;
  const r = await app.gql(
    `mutation($u:String!,$p:String!,$r:Role!,$c:String){ createUser(username:$u,password:$p,role:$r,regionCode:$c){ username } }`,
    { u: username, p: password, r: role, c: regionCode },
    admin,
  );
  expect(r.errors).toBeUndefined();
  return app.login(username, password);
}

beforeAll(async () => {
  db = await openTestDb();
  app = await startTestApp(db);
  admin = await app.login();
  await loadWorkflowData(db);
  operator = await createUser('op-gorontalo', 'OPERATOR', '75.01');
  analyst = await createUser('analis', 'ANALYST');
  viewer = await createUser('pimpinan', 'VIEWER');
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const USULAN = `id batch kind reason reasonLabel status noKk headNik headName address region { code } note createdBy
  history { fromStatus status note username }`;
type Usulan = {
  id: string;
  batch: string;
  kind: string;
  reason: string;
  reasonLabel: string;
  status: string;
  noKk: string;
  headNik: string | null;
  headName: string | null;
  address: string | null;
  region: { code: string };
  note: string | null;
  createdBy: string;
  history: { fromStatus: string | null; status: string; note: string | null; username: string }[];
};

const propose = (input: Record<string, unknown>, token = admin) =>
  app.gql<{ proposeUsulan: Usulan }>(`mutation($i: ProposeUsulanInput!) { proposeUsulan(input: $i) { ${USULAN} } }`, { i: input }, token);
const proposeBatch = (within: string, kind: string, token = admin, batch?: string) =>
  app.gql<{ proposeUsulanBatch: { batch: string; created: number; skipped: number } }>(
    `mutation($w: String!, $k: UsulanKind!, $b: String) { proposeUsulanBatch(within: $w, kind: $k, batch: $b, note: "Penerima JPS di luar DTKS") { batch created skipped } }`,
    { w: within, k: kind, b: batch },
    token,
  );
const setStatus = (ids: string[], status: string, note: string | null = null, token = admin) =>
  app.gql<{ setUsulanStatus: Usulan[] }>(
    `mutation($ids: [ID!]!, $s: UsulanStatus!, $n: String) { setUsulanStatus(ids: $ids, status: $s, note: $n) { ${USULAN} } }`,
    { ids, s: status, n: note },
    token,
  );
const list = (vars: Record<string, unknown>, token = admin) =>
  app.gql<{ usulanList: { totalCount: number; edges: { cursor: string; node: Usulan }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(
    `query($w: String, $f: UsulanFilter, $first: Int, $after: String) { usulanList(within: $w, filter: $f, first: $first, after: $after) {
      totalCount edges { cursor node { ${USULAN} } } pageInfo { hasNextPage endCursor } } }`,
    vars,
    token,
  );

function expectCode(r: { errors?: { message: string; extensions?: { code?: string } }[] }, code: string, message?: RegExp) {
  expect(r.errors?.[0].extensions?.code, JSON.stringify(r.errors)).toBe(code);
  if (message) expect(r.errors![0].message).toMatch(message);
}

let batchD1: string;
const idOf = new Map<string, string>(); // No. KK → proposal id

describe(`usulan: proposals to DTKS (${backend})`, () => {
  it('proposes every aided family outside DTKS of a desa as one batch', async () => {
    const r = await proposeBatch(D1, 'ADDITION');
    expect(r.errors).toBeUndefined();
    expect(r.data!.proposeUsulanBatch).toMatchObject({ created: 2, skipped: 0 });
    batchD1 = r.data!.proposeUsulanBatch.batch;
    expect(batchD1).toMatch(/^USL-\d{8}-\d{4}$/);
    const l = await list({ f: { batch: batchD1 } });
    expect(l.data!.usulanList.totalCount).toBe(2);
    const nodes = l.data!.usulanList.edges.map((e) => e.node);
    for (const n of nodes) idOf.set(n.noKk, n.id);
    expect(nodes.map((n) => n.noKk).sort()).toEqual([kk(1), kk(2)]);
    const k1 = nodes.find((n) => n.noKk === kk(1))!;
    expect(k1).toMatchObject({
      kind: 'ADDITION',
      reason: 'PENERIMA_NON_DTKS',
      reasonLabel: 'Penerima bansos belum terdaftar di DTKS',
      status: 'DIUSULKAN',
      headNik: '7501020101800001',
      headName: 'ANDI LATIF',
      address: 'Dusun Satu',
      region: { code: D1 },
      note: 'Penerima JPS di luar DTKS',
      createdBy: 'admin',
      history: [{ fromStatus: null, status: 'DIUSULKAN', note: 'Penerima JPS di luar DTKS', username: 'admin' }],
    });
    // Nothing left to propose there now: refused rather than an empty batch.
    expectCode(await proposeBatch(D1, 'ADDITION'), 'BAD_USER_INPUT', /75\.01\.02\.2011 has no aided family outside DTKS/);
  });

  it('refuses proposals that make no sense, saying why', async () => {
    expectCode(await propose({ noKk: kk(3), kind: 'ADDITION' }), 'BAD_USER_INPUT', /already in DTKS/);
    expectCode(await propose({ noKk: kk(1), kind: 'ADDITION' }), 'BAD_USER_INPUT', new RegExp(`open proposal: usulan ${idOf.get(kk(1))}`));
    expectCode(await propose({ noKk: kk(10), kind: 'REMOVAL', reason: 'TIDAK_MISKIN' }), 'BAD_USER_INPUT', /not in DTKS/);
    expectCode(await propose({ noKk: kk(3), kind: 'REMOVAL' }), 'BAD_USER_INPUT', /REMOVAL needs a reason/);
    expectCode(await propose({ noKk: kk(10), kind: 'ADDITION', reason: 'MENINGGAL' }), 'BAD_USER_INPUT', /not a reason for ADDITION/);
    expectCode(await propose({ noKk: '7501020101209999', kind: 'ADDITION' }), 'BAD_USER_INPUT', /not in the roster/);
    expectCode(await propose({ noKk: 'KK-12', kind: 'ADDITION' }), 'BAD_USER_INPUT', /not a No\. KK/);
    expectCode(await propose({ noKk: kk(10), kind: 'ADDITION', batch: 'bad batch!' }), 'BAD_USER_INPUT', /not a batch code/);
  });

  it('proposes single families, with the default reason and into a named batch', async () => {
    const a = await propose({ noKk: kk(10), kind: 'ADDITION', batch: 'DESA-BULILA-2020' });
    expect(a.errors).toBeUndefined();
    // JOKO SUSILO's family receives nothing: a poor family not registered yet.
    expect(a.data!.proposeUsulan).toMatchObject({ reason: 'MISKIN_BELUM_TERDAFTAR', batch: 'DESA-BULILA-2020', status: 'DIUSULKAN' });
    const b = await propose({ noKk: kk(3), kind: 'REMOVAL', reason: 'TIDAK_MISKIN', batch: 'DESA-BULILA-2020', note: 'Sudah mampu' });
    expect(b.errors).toBeUndefined();
    expect(b.data!.proposeUsulan).toMatchObject({ kind: 'REMOVAL', reason: 'TIDAK_MISKIN', headName: 'CITRA NUR' });
    idOf.set(kk(10), a.data!.proposeUsulan.id);
    idOf.set(kk(3), b.data!.proposeUsulan.id);
  });

  it('walks DIUSULKAN → DIVERIFIKASI → DISETUJUI / DITOLAK and refuses steps out of order', async () => {
    const k1 = idOf.get(kk(1))!;
    const k2 = idOf.get(kk(2))!;
    expectCode(await setStatus([k1], 'DISETUJUI'), 'BAD_USER_INPUT', new RegExp(`usulan ${k1}: it was never verified`));
    expectCode(await setStatus([k1], 'DIUSULKAN'), 'BAD_USER_INPUT', /cannot go back/);
    expectCode(await setStatus([k1, '999999'], 'DIVERIFIKASI'), 'BAD_USER_INPUT', /no proposal with id 999999/);

    const v = await setStatus([k1, k2], 'DIVERIFIKASI', 'Dicek lapangan 12 Mei');
    expect(v.errors).toBeUndefined();
    expect(v.data!.setUsulanStatus.map((u) => u.status)).toEqual(['DIVERIFIKASI', 'DIVERIFIKASI']);

    // All or none: K02 is fine, K10 was never verified → nothing changes.
    expectCode(await setStatus([k2, idOf.get(kk(10))!], 'DISETUJUI'), 'BAD_USER_INPUT', /Nothing was changed/);
    const still = await list({ f: { batch: batchD1, status: 'DIVERIFIKASI' } });
    expect(still.data!.usulanList.totalCount).toBe(2);

    const ok = await setStatus([k1], 'DISETUJUI', 'Layak');
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.setUsulanStatus[0].history.map((h) => [h.fromStatus, h.status, h.note])).toEqual([
      [null, 'DIUSULKAN', 'Penerima JPS di luar DTKS'],
      ['DIUSULKAN', 'DIVERIFIKASI', 'Dicek lapangan 12 Mei'],
      ['DIVERIFIKASI', 'DISETUJUI', 'Layak'],
    ]);
    expectCode(await setStatus([k2], 'DITOLAK'), 'BAD_USER_INPUT', /rejection \(DITOLAK\) needs a note/);
    expect((await setStatus([k2], 'DITOLAK', 'Sudah menerima BPNT')).data!.setUsulanStatus[0].status).toBe('DITOLAK');
    expectCode(await setStatus([k1], 'DITOLAK', 'x'), 'BAD_USER_INPUT', /already DISETUJUI \(final\)/);
    expectCode(await setStatus([k2], 'DIVERIFIKASI'), 'BAD_USER_INPUT', /already DITOLAK \(final\)/);

    // An approved addition the roster has not caught up with blocks a new one; a rejected one does not.
    expectCode(await propose({ noKk: kk(1), kind: 'ADDITION' }), 'BAD_USER_INPUT', /was approved on .* has not reached the roster/);
    const again = await propose({ noKk: kk(2), kind: 'ADDITION', note: 'Diusulkan ulang' });
    expect(again.errors).toBeUndefined();
    idOf.set(`${kk(2)}#2`, again.data!.proposeUsulan.id);
  });

  it('keeps operators inside their region (FORBIDDEN), and lets them work there', async () => {
    expectCode(await propose({ noKk: kk(5), kind: 'ADDITION' }, operator), 'FORBIDDEN', /75\.02\.01\.2004 is outside your region 75\.01/);
    expectCode(await proposeBatch(D4, 'ADDITION', operator), 'FORBIDDEN');
    expectCode(await proposeBatch('75', 'ADDITION', operator), 'FORBIDDEN');
    const d4 = await proposeBatch(D4, 'ADDITION', admin, 'BOALEMO-1');
    expect(d4.data!.proposeUsulanBatch.created).toBe(3); // K05, K13, K14
    const d4ids = (await list({ f: { batch: 'BOALEMO-1' } })).data!.usulanList.edges.map((e) => e.node.id);
    expectCode(await setStatus(d4ids, 'DIVERIFIKASI', null, operator), 'FORBIDDEN');
    // Mixed: one in region, one outside → FORBIDDEN, nothing changes.
    expectCode(await setStatus([idOf.get(kk(10))!, d4ids[0]], 'DIVERIFIKASI', null, operator), 'FORBIDDEN');

    const mine = await proposeBatch(D2, 'ADDITION', operator);
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.proposeUsulanBatch.created).toBe(4); // K04, K07, K08, K09
    const n = await app.gql(`mutation($b: String!) { setUsulanBatchStatus(batch: $b, status: DIVERIFIKASI, note: "Verifikasi desa") }`, { b: mine.data!.proposeUsulanBatch.batch }, operator);
    expect(n.data).toEqual({ setUsulanBatchStatus: 4 });
    const none = await app.gql(`mutation($b: String!) { setUsulanBatchStatus(batch: $b, status: DIVERIFIKASI) }`, { b: mine.data!.proposeUsulanBatch.batch }, operator);
    expectCode(none, 'BAD_USER_INPUT', /no proposal of batch .* is DIUSULKAN/);
    // Roles that may not write at all.
    expectCode(await propose({ noKk: kk(10), kind: 'ADDITION' }, analyst), 'FORBIDDEN');
    expectCode(await propose({ noKk: kk(10), kind: 'ADDITION' }, viewer), 'FORBIDDEN');
  });

  it('records every transition in the audit log', async () => {
    const rows = await db.orm.em
      .fork()
      .execute<{ username: string; detail: { entity: string; to: string; count?: number } }[]>(
        `select username, detail from audit_log where action = 'workflow_transition' order by id`,
      );
    const usulanRows = rows.filter((r) => r.detail.entity === 'usulan');
    // D1 batch, K10, K03, verify K01+K02, approve K01, reject K02, K02 again, D4 batch, D2 batch, D2 verify.
    expect(usulanRows).toHaveLength(10);
    expect(usulanRows.filter((r) => r.username === 'op-gorontalo').map((r) => r.detail.to)).toEqual(['DIUSULKAN', 'DIVERIFIKASI']);
    expect(usulanRows.at(-1)!.detail.count).toBe(4);
  });

  it('lists proposals newest first with paging, masking numbers per role', async () => {
    const all = await list({ w: '75' });
    expect(all.data!.usulanList.totalCount).toBe(12);
    const p1 = await list({ w: '75', first: 5 });
    expect(p1.data!.usulanList.edges).toHaveLength(5);
    expect(p1.data!.usulanList.pageInfo.hasNextPage).toBe(true);
    const p2 = await list({ w: '75', first: 10, after: p1.data!.usulanList.pageInfo.endCursor });
    expect(p2.data!.usulanList.edges).toHaveLength(7);
    expect(p2.data!.usulanList.pageInfo.hasNextPage).toBe(false);
    const ids = [...p1.data!.usulanList.edges, ...p2.data!.usulanList.edges].map((e) => Number(e.node.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(12);
    expect((await list({ w: '75.02' })).data!.usulanList.totalCount).toBe(3);
    expect((await list({ f: { kind: 'REMOVAL' } })).data!.usulanList.totalCount).toBe(1);
    expect((await list({ f: { status: 'DITOLAK' } })).data!.usulanList.edges.map((e) => e.node.noKk)).toEqual([kk(2)]);

    const masked = await list({ f: { batch: batchD1 } }, analyst);
    expect(masked.data!.usulanList.edges.map((e) => e.node.noKk).sort()).toEqual(['750102********01', '750102********02']);
    expect(masked.data!.usulanList.edges.every((e) => /\*{8}/.test(e.node.headNik!))).toBe(true);
    // The operator sees full numbers in their region, masked outside it.
    const op = await list({ f: { batch: 'BOALEMO-1' } }, operator);
    expect(op.data!.usulanList.edges.every((e) => e.node.noKk.includes('*'))).toBe(true);
    expect((await list({ f: { batch: batchD1 } }, operator)).data!.usulanList.edges.every((e) => !e.node.noKk.includes('*'))).toBe(true);
    expectCode(await list({}, viewer), 'FORBIDDEN');
    expectCode(await list({ after: 'bm9wZQ' }), 'BAD_USER_INPUT');
    const one = await app.gql<{ usulan: Usulan | null }>(`query($id: ID!) { usulan(id: $id) { id status } }`, { id: idOf.get(kk(1)) }, admin);
    expect(one.data!.usulan).toMatchObject({ status: 'DISETUJUI' });
    expect((await app.gql(`{ usulan(id: "999999") { id } }`, {}, admin)).data).toEqual({ usulan: null });
  });

  it('counts proposals per region and status, zeros included (every role)', async () => {
    type S = { region: { code: string }; total: number; diusulkan: number; diverifikasi: number; disetujui: number; ditolak: number; additions: number; removals: number };
    const q = `query($l: RegionLevel!, $w: String) { usulanSummary(level: $l, within: $w) {
      region { code } total diusulkan diverifikasi disetujui ditolak additions removals } }`;
    const r = await app.gql<{ usulanSummary: S[] }>(q, { l: 'REGENCY', w: '75' }, viewer);
    expect(r.errors).toBeUndefined();
    const by = new Map(r.data!.usulanSummary.map((s) => [s.region.code, s]));
    expect(by.size).toBe(6);
    // 75.01: K01 approved, K02 rejected + proposed again, K10, K03 (removal), D2 batch of 4 verified.
    expect(by.get('75.01')).toEqual({ region: { code: '75.01' }, total: 9, diusulkan: 3, diverifikasi: 4, disetujui: 1, ditolak: 1, additions: 8, removals: 1 });
    expect(by.get('75.02')).toMatchObject({ total: 3, diusulkan: 3, additions: 3 });
    expect(by.get('75.03')).toMatchObject({ total: 0 });
    const v = await app.gql<{ usulanSummary: S[] }>(q, { l: 'VILLAGE', w: '75.01.02' }, admin);
    const villages = new Map(v.data!.usulanSummary.map((s) => [s.region.code, s.total]));
    expect(villages.get(D1)).toBe(5);
    expect(villages.get(D2)).toBe(4);
    expect([...villages.values()].reduce((a, b) => a + b, 0)).toBe(9);
    expectCode(await app.gql(q, { l: 'REGENCY', w: '75.01.02' }, admin), 'BAD_USER_INPUT', /below the requested level/);
  });

  it('exports a batch as a DTKS update file (CSV and XLSX), authenticated and audited', async () => {
    const get = (format: string, batch: string, token?: string) =>
      fetch(`${app.url}/api/exports/usulan.${format}?batch=${encodeURIComponent(batch)}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const csv = await get('csv', batchD1, admin);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain(`usulan-dtks-${batchD1}.csv`);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe(
      'no_kk,nik_kepala,nama_kepala,alamat,kode_desa,nama_desa,kecamatan,kabupaten_kota,jenis_usulan,alasan,status,tanggal_usulan,tanggal_status,batch,id_usulan,catatan',
    );
    expect(lines).toHaveLength(3);
    const k1 = lines[1].split(',');
    expect(k1.slice(0, 5)).toEqual([kk(1), '7501020101800001', 'ANDI LATIF', 'Dusun Satu', '7501022011']);
    expect(k1.slice(8, 11)).toEqual(['PENAMBAHAN', 'Penerima bansos belum terdaftar di DTKS', 'Disetujui']);
    expect(k1[11]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(k1[13]).toBe(batchD1);
    expect(lines[2].split(',')[10]).toBe('Ditolak');

    const xlsx = await get('xlsx', 'DESA-BULILA-2020', analyst);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const sheet = wb.worksheets[0];
    expect(sheet.rowCount).toBe(3);
    const rows = [2, 3].map((i) => (sheet.getRow(i).values as unknown[]).slice(1));
    // ANALYST: numbers masked, names kept.
    expect(rows.map((r) => r[0])).toEqual(['750102********03', '750102********10']);
    expect(rows.map((r) => r[8])).toEqual(['PENGHAPUSAN', 'PENAMBAHAN']);
    expect(rows[0][9]).toBe('Tidak lagi miskin');

    expect((await get('csv', batchD1)).status).toBe(401);
    expect((await get('csv', batchD1, viewer)).status).toBe(403);
    expect((await get('csv', 'NO-SUCH-BATCH', admin)).status).toBe(404);
    expect((await fetch(`${app.url}/api/exports/usulan.csv`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(400);

    const audits = await db.orm.em
      .fork()
      .execute<{ username: string; detail: { list: string; rows: number; niks: number } }[]>(
        `select username, detail from audit_log where action = 'export' and detail->>'list' = 'usulan' order by id`,
      );
    expect(audits.map((a) => [a.username, a.detail.rows, a.detail.niks])).toEqual([
      ['admin', 2, 2],
      ['analis', 2, 0],
    ]);
  });

  it('lets an approved family be proposed again once the roster was re-imported without it in DTKS', async () => {
    // K01's addition was approved; a later households file still lists it outside DTKS.
    await importFixture(db, 'households', 'households-k01.csv');
    const r = await propose({ noKk: kk(1), kind: 'ADDITION', note: 'Belum masuk DTKS setelah pemutakhiran' });
    expect(r.errors).toBeUndefined();
    expect(r.data!.proposeUsulan).toMatchObject({ status: 'DIUSULKAN', reason: 'PENERIMA_NON_DTKS' });
  });
});
