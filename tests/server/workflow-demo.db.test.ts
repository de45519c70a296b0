import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database';
import { loadDemo } from '../../server/src/modules/generator/demo';
import { seedDemoWorkflows, seedDemoWorkflowsTask } from '../../server/src/modules/workflows/demo-seed';
import { newStatus } from '../../server/src/status';
import { backend, openTestDb } from '../setup/test-db';
import { startTestApp, type TestApp } from '../setup/test-app';

// The generated Gorontalo demo (small) gets proposals, complaints and verivali progress from the
// start-up task, made from its own data through the workflow services.

let db: Database;
let app: TestApp;
let token: string;
let dataDir: string;
const logs: string[] = [];
const N = 1500;

beforeAll(async () => {
  db = await openTestDb();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-wf-'));
  const config = { demo: true, demoHouseholds: N, dataDir };
  const status = newStatus();
  await loadDemo({ orm: db.orm, config, status, log: (m) => logs.push(m) });
  await seedDemoWorkflowsTask({ orm: db.orm, config: config as never, status, log: (m) => logs.push(m) });
  app = await startTestApp(db);
  token = await app.login();
}, 300_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const rows = <T>(sql: string) => db.orm.em.fork().execute<T[]>(sql);

describe(`demo workflows (${backend})`, () => {
  it('has proposals at every stage, of both kinds, made from the aided families outside DTKS', async () => {
    const r = await app.gql<{ usulanSummary: { region: { code: string }; total: number; diusulkan: number; diverifikasi: number; disetujui: number; ditolak: number; additions: number; removals: number }[] }>(
      `{ usulanSummary(level: PROVINCE, within: "75") { region { code } total diusulkan diverifikasi disetujui ditolak additions removals } }`,
      {},
      token,
    );
    expect(r.errors).toBeUndefined();
    const s = r.data!.usulanSummary[0];
    expect(s.total).toBeGreaterThan(20);
    for (const k of ['diusulkan', 'diverifikasi', 'disetujui', 'ditolak', 'additions', 'removals'] as const) expect(s[k], k).toBeGreaterThan(0);
    // Every addition was an aided family outside DTKS when proposed (the rule of the candidates).
    const [bad] = await rows<{ n: number }>(
      `select count(*)::int n from usulan u join household h on h.no_kk = u.no_kk
       where u.kind = 'ADDITION' and (h.dtks or not exists (select 1 from payment_match m where m.household_kk = u.no_kk))`,
    );
    expect(bad.n).toBe(0);
    // Histories are in time order and in the past.
    const [order] = await rows<{ n: number }>(
      `select count(*)::int n from usulan_history a join usulan_history b on a.usulan_id = b.usulan_id and b.id > a.id where b.at < a.at or b.at > now()`,
    );
    expect(order.n).toBe(0);
  });

  it('has complaints of every category with response times', async () => {
    const r = await app.gql<{
      pengaduanSummary: {
        total: number;
        baru: number;
        diproses: number;
        selesai: number;
        byCategory: { key: string; count: number }[];
        medianFirstResponseHours: number | null;
        medianResolutionHours: number | null;
      }[];
    }>(`{ pengaduanSummary(level: PROVINCE, within: "75") { total baru diproses selesai byCategory { key count } medianFirstResponseHours medianResolutionHours } }`, {}, token);
    expect(r.errors).toBeUndefined();
    const s = r.data!.pengaduanSummary[0];
    expect(s.total).toBeGreaterThanOrEqual(30);
    expect(s.selesai).toBeGreaterThan(0);
    expect(s.baru + s.diproses).toBeGreaterThan(0);
    for (const c of s.byCategory) expect(c.count, c.key).toBeGreaterThan(0);
    expect(s.medianFirstResponseHours).toBeGreaterThan(1);
    expect(s.medianFirstResponseHours).toBeLessThan(120);
    expect(s.medianResolutionHours).toBeGreaterThan(s.medianFirstResponseHours!);
  });

  it('shows verivali progress per kab/kota, different per kab/kota, rising over time', async () => {
    const r = await app.gql<{ verivaliProgress: { region: { code: string }; flagged: number; fixed: number; rate: number; fixedByImport: number; fixedByWorkflow: number; series: { flagged: number; fixed: number }[] }[] }>(
      `{ verivaliProgress(level: REGENCY, within: "75") { region { code } flagged fixed rate fixedByImport fixedByWorkflow series { flagged fixed } } }`,
      {},
      token,
    );
    expect(r.errors).toBeUndefined();
    const kabs = r.data!.verivaliProgress;
    expect(kabs).toHaveLength(6);
    for (const k of kabs) {
      expect(k.flagged, k.region.code).toBeGreaterThan(0);
      expect(k.rate).toBeGreaterThan(0);
      expect(k.rate).toBeLessThan(1);
      expect(k.series.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < k.series.length; i++) {
        expect(k.series[i].flagged).toBeGreaterThanOrEqual(k.series[i - 1].flagged);
        expect(k.series[i].fixed).toBeGreaterThanOrEqual(k.series[i - 1].fixed);
      }
    }
    expect(kabs.reduce((s, k) => s + k.fixedByImport, 0)).toBeGreaterThan(0);
    expect(kabs.reduce((s, k) => s + k.fixedByWorkflow, 0)).toBeGreaterThan(0);
    expect(new Set(kabs.map((k) => k.rate.toFixed(3))).size).toBeGreaterThan(1);
  });

  it('runs once: the task and the seed leave existing workflows alone', async () => {
    const before = await rows<{ u: number; p: number }>(`select (select count(*)::int from usulan) u, (select count(*)::int from pengaduan) p`);
    await seedDemoWorkflowsTask({ orm: db.orm, config: { demo: true, demoHouseholds: N, dataDir } as never, status: newStatus(), log: () => undefined });
    expect(await seedDemoWorkflows(db.orm, { seed: 'another' })).toMatchObject({ skipped: true });
    expect(await rows(`select (select count(*)::int from usulan) u, (select count(*)::int from pengaduan) p`)).toEqual(before);
  });
});
