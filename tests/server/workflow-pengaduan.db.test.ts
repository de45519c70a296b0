import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database';
import { backend, openTestDb } from '../setup/test-db';
import { startTestApp, type TestApp } from '../setup/test-app';
import { D1, D2, kk, loadWorkflowData } from '../fixtures/workflows/load';

/**
 * Complaints (pengaduan) end to end through GraphQL, on the data set of
 * tests/fixtures/workflows/load.ts: K11 has LUKMAN's invalid NIK, K12 MUSA's.
 */

let db: Database;
let app: TestApp;
let admin: string;
let operator: string; // OPERATOR of Kab. Gorontalo (75.01)
let analyst: string;

beforeAll(async () => {
  db = await openTestDb();
  app = await startTestApp(db);
  admin = await app.login();
  await loadWorkflowData(db);
  for (const [u, role, region] of [
    ['op-gorontalo', 'OPERATOR', '75.01'],
    ['analis', 'ANALYST', null],
  ] as const) {
    const r = await app.gql(
      `mutation($u:String!,$p:String!,$r:Role!,$c:String){ createUser(username:$u,password:$p,role:$r,regionCode:$c){ username } }`,
      { u, p: `${u}-pass-1`, r: role, c: region },
      admin,
    );
    expect(r.errors).toBeUndefined();
  }
  operator = await app.login('op-gorontalo', 'op-gorontalo-pass-1');
  analyst = await app.login('analis', 'analis-pass-1');
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

type Pengaduan = {
  id: string;
  noKk: string | null;
  region: { code: string };
  category: string;
  channel: string;
  status: string;
  description: string;
  reporterName: string | null;
  receivedAt: string;
  processedAt: string | null;
  resolvedAt: string | null;
  firstResponseHours: number | null;
  resolutionHours: number | null;
  history: { fromStatus: string | null; status: string; note: string | null; username: string }[];
  flags: { kind: string; nik: string; open: boolean; fixedBy: string | null }[];
};
const FIELDS = `id noKk region { code } category channel status description reporterName receivedAt processedAt resolvedAt
  firstResponseHours resolutionHours history { fromStatus status note username } flags { kind nik open fixedBy }`;

const create = (input: Record<string, unknown>, token = admin) =>
  app.gql<{ createPengaduan: Pengaduan }>(`mutation($i: CreatePengaduanInput!) { createPengaduan(input: $i) { ${FIELDS} } }`, { i: input }, token);
const step = (id: string, status: string, note: string | null = null, fixFlags = false, token = admin) =>
  app.gql<{ setPengaduanStatus: Pengaduan }>(
    `mutation($id: ID!, $s: PengaduanStatus!, $n: String, $f: Boolean) { setPengaduanStatus(id: $id, status: $s, note: $n, fixFlags: $f) { ${FIELDS} } }`,
    { id, s: status, n: note, f: fixFlags },
    token,
  );
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

function expectCode(r: { errors?: { message: string; extensions?: { code?: string } }[] }, code: string, message?: RegExp) {
  expect(r.errors?.[0].extensions?.code, JSON.stringify(r.errors)).toBe(code);
  if (message) expect(r.errors![0].message).toMatch(message);
}

const ids: Record<string, string> = {};

describe(`pengaduan: complaints (${backend})`, () => {
  it('records a complaint about a family and links its open data flags', async () => {
    const r = await create({
      noKk: kk(11),
      category: 'DATA_SALAH',
      channel: 'WHATSAPP',
      description: 'NIK anak salah ketik di KK',
      reporterName: 'Kartini',
      receivedAt: hoursAgo(2),
    });
    expect(r.errors).toBeUndefined();
    const c = r.data!.createPengaduan;
    expect(c).toMatchObject({ noKk: kk(11), region: { code: D1 }, status: 'BARU', processedAt: null, firstResponseHours: null, reporterName: 'Kartini' });
    expect(c.history).toEqual([{ fromStatus: null, status: 'BARU', note: null, username: 'admin' }]);
    expect(c.flags).toEqual([{ kind: 'INVALID_NIK', nik: '7501023102800001', open: true, fixedBy: null }]);
    ids.k11 = c.id;
  });

  it('records complaints about a desa, and about a family not in the roster', async () => {
    const a = await create({ desaCode: D2, category: 'TIDAK_MENERIMA', channel: 'POSKO', description: 'Warga RT 3 belum menerima BLT', receivedAt: hoursAgo(1) });
    expect(a.errors).toBeUndefined();
    expect(a.data!.createPengaduan).toMatchObject({ noKk: null, region: { code: D2 }, flags: [] });
    ids.d2a = a.data!.createPengaduan.id;
    const b = await create({ desaCode: '7501022014', category: 'SALAH_SASARAN', channel: 'SURAT', description: 'Penerima mampu', receivedAt: hoursAgo(5) });
    ids.d2b = b.data!.createPengaduan.id;
    const outside = await create({ noKk: '7501020101209999', desaCode: D1, category: 'TIDAK_MENERIMA', channel: 'TELEPON', description: 'Keluarga baru pindah' });
    expect(outside.errors).toBeUndefined();
    expect(outside.data!.createPengaduan).toMatchObject({ noKk: '7501020101209999', region: { code: D1 } });
  });

  it('refuses complaints it cannot place, with BAD_USER_INPUT', async () => {
    const base = { category: 'LAINNYA', channel: 'WEB', description: 'x' };
    expectCode(await create(base), 'BAD_USER_INPUT', /noKk.*or desaCode/);
    expectCode(await create({ ...base, noKk: '7501020101209999' }), 'BAD_USER_INPUT', /not in the roster; give the desaCode/);
    expectCode(await create({ ...base, noKk: kk(11), desaCode: D2 }), 'BAD_USER_INPUT', /lives in desa 75\.01\.02\.2011, not 75\.01\.02\.2014/);
    expectCode(await create({ ...base, desaCode: '75.01.02' }), 'BAD_USER_INPUT', /not a known desa/);
    expectCode(await create({ ...base, desaCode: D1, description: '   ' }), 'BAD_USER_INPUT', /description/);
    expectCode(await create({ ...base, desaCode: D1, receivedAt: new Date(Date.now() + 86400_000).toISOString() }), 'BAD_USER_INPUT', /future/);
    // A flag of another desa cannot be linked to this one.
    const [musa] = await db.orm.em.fork().execute<{ id: string }[]>(`select id::text as id from verivali_flag where nik = '7502019913600001'`);
    expectCode(await create({ ...base, desaCode: D1, flagIds: [musa.id] }), 'BAD_USER_INPUT', /concerns neither this family nor desa 75\.01\.02\.2011/);
  });

  it('walks BARU → DIPROSES → SELESAI, measuring the response times, and refuses other steps', async () => {
    expectCode(await step(ids.k11, 'SELESAI', 'Sudah'), 'BAD_USER_INPUT', /never processed \(DIPROSES comes before SELESAI\)/);
    expectCode(await step(ids.k11, 'BARU'), 'BAD_USER_INPUT', /cannot go from BARU to BARU|already BARU/);
    const p = await step(ids.k11, 'DIPROSES', 'Diteruskan ke Disdukcapil');
    expect(p.errors).toBeUndefined();
    const c = p.data!.setPengaduanStatus;
    expect(c.status).toBe('DIPROSES');
    expect(c.firstResponseHours).toBeGreaterThanOrEqual(2);
    expect(c.firstResponseHours).toBeLessThan(2.02);
    expectCode(await step(ids.k11, 'DIPROSES'), 'BAD_USER_INPUT', /already DIPROSES/);
    expectCode(await step(ids.k11, 'SELESAI'), 'BAD_USER_INPUT', /needs a note/);
    expectCode(await step(ids.d2a, 'DIPROSES', null, true), 'BAD_USER_INPUT', /fixFlags/);
    const done = await step(ids.k11, 'SELESAI', 'NIK sudah dibetulkan', true);
    expect(done.errors).toBeUndefined();
    const s = done.data!.setPengaduanStatus;
    expect(s.status).toBe('SELESAI');
    expect(s.resolutionHours).toBeGreaterThanOrEqual(s.firstResponseHours!);
    expect(s.flags).toEqual([{ kind: 'INVALID_NIK', nik: '7501023102800001', open: false, fixedBy: 'PENGADUAN' }]);
    expect(s.history.map((h) => [h.fromStatus, h.status, h.note])).toEqual([
      [null, 'BARU', null],
      ['BARU', 'DIPROSES', 'Diteruskan ke Disdukcapil'],
      ['DIPROSES', 'SELESAI', 'NIK sudah dibetulkan'],
    ]);
    expectCode(await step(ids.k11, 'SELESAI', 'lagi'), 'BAD_USER_INPUT', /already SELESAI \(final\)/);
    expectCode(await step('999999', 'DIPROSES'), 'BAD_USER_INPUT', /no complaint 999999/);
    // The flag resolved by the complaint counts as fixed in the verivali progress.
    const v = await app.gql<{ verivaliProgress: { region: { code: string }; fixed: number; fixedByWorkflow: number }[] }>(
      `{ verivaliProgress(within: "75.01") { region { code } fixed fixedByWorkflow } }`,
      {},
      admin,
    );
    expect(v.data!.verivaliProgress).toEqual([{ region: { code: '75.01' }, fixed: 1, fixedByWorkflow: 1 }]);
  });

  it('keeps operators inside their region, and hides reporters from other roles', async () => {
    expectCode(await create({ noKk: kk(12), category: 'DATA_SALAH', channel: 'POSKO', description: 'NIK salah' }, operator), 'FORBIDDEN', /outside your region/);
    const mine = await create({ desaCode: D1, category: 'BANTUAN_GANDA', channel: 'TELEPON', description: 'Dapat dua kali', reporterName: 'Pak RT' }, operator);
    expect(mine.errors).toBeUndefined();
    const d4 = await create({ noKk: kk(12), category: 'DATA_SALAH', channel: 'POSKO', description: 'NIK kepala keluarga salah', reporterName: 'Nadia' });
    expect(d4.data!.createPengaduan.flags.map((f) => f.kind)).toEqual(['INVALID_NIK']);
    expectCode(await step(d4.data!.createPengaduan.id, 'DIPROSES', null, false, operator), 'FORBIDDEN');
    expect((await step(mine.data!.createPengaduan.id, 'DIPROSES', null, false, operator)).errors).toBeUndefined();
    expectCode(await create({ desaCode: D1, category: 'LAINNYA', channel: 'WEB', description: 'x' }, analyst), 'FORBIDDEN');

    const seen = await app.gql<{ pengaduan: { reporterName: string | null; noKk: string } }>(
      `query($id: ID!) { pengaduan(id: $id) { reporterName noKk } }`,
      { id: d4.data!.createPengaduan.id },
      analyst,
    );
    expect(seen.data!.pengaduan).toEqual({ reporterName: null, noKk: '750201********12' });
    const op = await app.gql<{ pengaduan: { reporterName: string | null } }>(`query($id: ID!) { pengaduan(id: $id) { reporterName } }`, { id: d4.data!.createPengaduan.id }, operator);
    expect(op.data!.pengaduan.reporterName).toBeNull();
  });

  it('lists complaints with filters and paging', async () => {
    const q = `query($w: String, $f: PengaduanFilter, $first: Int, $after: String) { pengaduanList(within: $w, filter: $f, first: $first, after: $after) {
      totalCount edges { node { id category status } } pageInfo { hasNextPage endCursor } } }`;
    const all = await app.gql<{ pengaduanList: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(q, { first: 4 }, admin);
    expect(all.data!.pengaduanList.totalCount).toBe(6);
    expect(all.data!.pengaduanList.pageInfo.hasNextPage).toBe(true);
    const rest = await app.gql<{ pengaduanList: { edges: unknown[]; pageInfo: { hasNextPage: boolean } } }>(q, { first: 4, after: all.data!.pengaduanList.pageInfo.endCursor }, admin);
    expect(rest.data!.pengaduanList.edges).toHaveLength(2);
    expect(rest.data!.pengaduanList.pageInfo.hasNextPage).toBe(false);
    const d2 = await app.gql<{ pengaduanList: { totalCount: number } }>(q, { w: D2 }, admin);
    expect(d2.data!.pengaduanList.totalCount).toBe(2);
    const fam = await app.gql<{ pengaduanList: { totalCount: number } }>(q, { f: { noKk: kk(11), status: 'SELESAI' } }, admin);
    expect(fam.data!.pengaduanList.totalCount).toBe(1);
    expectCode(await app.gql(`{ pengaduanList { totalCount } }`, {}, await viewerToken()), 'FORBIDDEN');
  });

  it('counts complaints per region with the median response times', async () => {
    // Process the two D2 complaints: received 1 h and 5 h ago → first responses ≈ 1 h and 5 h, median ≈ 3 h.
    await step(ids.d2a, 'DIPROSES');
    await step(ids.d2b, 'DIPROSES');
    type S = {
      region: { code: string };
      total: number;
      baru: number;
      diproses: number;
      selesai: number;
      byCategory: { key: string; count: number }[];
      byChannel: { key: string; count: number }[];
      medianFirstResponseHours: number | null;
      medianResolutionHours: number | null;
    };
    const q = `query($l: RegionLevel!, $w: String) { pengaduanSummary(level: $l, within: $w) { region { code } total baru diproses selesai
      byCategory { key count } byChannel { key count } medianFirstResponseHours medianResolutionHours } }`;
    const v = await app.gql<{ pengaduanSummary: S[] }>(q, { l: 'VILLAGE', w: '75.01.02' }, admin);
    expect(v.errors).toBeUndefined();
    const by = new Map(v.data!.pengaduanSummary.map((s) => [s.region.code, s]));
    const d2 = by.get(D2)!;
    expect(d2).toMatchObject({ total: 2, baru: 0, diproses: 2, selesai: 0, medianResolutionHours: null });
    expect(d2.medianFirstResponseHours!).toBeGreaterThanOrEqual(3);
    expect(d2.medianFirstResponseHours!).toBeLessThan(3.02);
    const d1 = by.get(D1)!;
    // K11 (SELESAI), the family outside the roster (BARU), the operator's (DIPROSES).
    expect(d1).toMatchObject({ total: 3, baru: 1, diproses: 1, selesai: 1 });
    expect(d1.byCategory).toEqual([
      { key: 'TIDAK_MENERIMA', count: 1 },
      { key: 'SALAH_SASARAN', count: 0 },
      { key: 'BANTUAN_GANDA', count: 1 },
      { key: 'DATA_SALAH', count: 1 },
      { key: 'LAINNYA', count: 0 },
    ]);
    expect(d1.byChannel.find((c) => c.key === 'TELEPON')!.count).toBe(2);
    expect(d1.medianResolutionHours).toBeGreaterThanOrEqual(2);
    const k = await app.gql<{ pengaduanSummary: S[] }>(q, { l: 'REGENCY', w: '75' }, await viewerToken());
    const kabs = new Map(k.data!.pengaduanSummary.map((s) => [s.region.code, s.total]));
    expect(kabs.size).toBe(6);
    expect([kabs.get('75.01'), kabs.get('75.02'), kabs.get('75.03')]).toEqual([5, 1, 0]);
    expect(k.data!.pengaduanSummary.find((s) => s.region.code === '75.03')!.medianFirstResponseHours).toBeNull();
  });
});

let viewer: string | undefined;
async function viewerToken(): Promise<string> {
  if (viewer) return viewer;
  const r = await app.gql(`mutation { createUser(username: "pimpinan", password: "pimpinan-pass-1", role: VIEWER) { username } }`, {}, admin);
  expect(r.errors).toBeUndefined();
  viewer = await app.login('pimpinan', 'pimpinan-pass-1');
  return viewer;
}
