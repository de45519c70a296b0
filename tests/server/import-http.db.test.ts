import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, openTestDb } from '../setup/test-db';
import { startTestApp, type TestApp } from '../setup/test-app';
import type { Database } from '../../server/src/db/database';
import { publishCliAccess } from '../../server/src/modules/imports/cli-access';
import { DESA, PROGRAMS_CSV, count, csv, dataFingerprint, nik, tmpDir, writeFile, removeTmpDirs } from '../fixtures/imports/helpers';

/** The upload door (POST /api/imports/:kind), the history, and the CLI going through a running portal. */

let db: Database;
let app: TestApp;
let admin: string;
let operator: string;
let analyst: string;
const dir = tmpDir();
const ROOT = path.resolve(import.meta.dirname, '../..');
const REC = ['program', 'tahun', 'tahap', 'kode_desa', 'nominal', 'nik'];

async function upload(kind: string, content: string | Buffer, token?: string, fields: Record<string, string> = {}, name = 'data.csv') {
  const form = new FormData();
  form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await fetch(`${app.url}/api/imports/${kind}`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

beforeAll(async () => {
  process.env.IMPORT_MAX_UPLOAD_MB = '1';
  db = await openTestDb();
  app = await startTestApp(db);
  admin = await app.login();
  for (const [u, role, region] of [['op7501', 'OPERATOR', '75.01'], ['analis', 'ANALYST', null]] as const) {
    const r = await app.gql(`mutation($u:String!,$r:Role!,$g:String){ createUser(username:$u, password:"rahasia-panjang-123", role:$r, regionCode:$g){ username } }`, { u, r: role, g: region }, admin);
    expect(r.errors).toBeUndefined();
  }
  operator = await app.login('op7501', 'rahasia-panjang-123');
  analyst = await app.login('analis', 'rahasia-panjang-123');
});
afterAll(async () => {
  removeTmpDirs();
  delete process.env.IMPORT_MAX_UPLOAD_MB;
  await app?.close();
  await db?.close();
});

describe(`import upload endpoint (${backend})`, () => {
  it('refuses callers without a token (401) and roles that may not write (403)', async () => {
    const before = await dataFingerprint(db.orm);
    expect((await upload('programs', PROGRAMS_CSV)).status).toBe(401);
    expect((await upload('programs', PROGRAMS_CSV, 'bad-token')).status).toBe(401);
    const r = await upload('programs', PROGRAMS_CSV, analyst);
    expect(r.status).toBe(403);
    expect(r.body.error).toMatch(/ANALYST/);
    expect((await upload('programs', PROGRAMS_CSV, operator)).status).toBe(403); // the catalogue is national
    expect(await dataFingerprint(db.orm)).toEqual(before);
  });

  it('answers 404 for an unknown kind and 400 without a file', async () => {
    expect((await upload('people', PROGRAMS_CSV, admin)).status).toBe(404);
    const res = await fetch(`${app.url}/api/imports/programs`, { method: 'POST', body: new FormData(), headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(400);
  });

  it('lands an upload (200), says unchanged for the same bytes (200), refuses a bad header (422)', async () => {
    const first = await upload('programs', PROGRAMS_CSV, admin, {}, 'program-Désa 2020.csv');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ kind: 'programs', file: 'program-Désa 2020.csv', status: 'landed', accepted: 4, rejected: 0, errors: [] });
    const again = await upload('programs', PROGRAMS_CSV, admin);
    expect(again).toMatchObject({ status: 200, body: { status: 'unchanged' } });
    const bad = await upload('programs', 'kode;judul\nX;y\n', admin);
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ status: 'refused', accepted: 0 });
    expect(bad.body.errors[0].message).toMatch(/nama/);
  });

  it('honours strict from the form', async () => {
    const text = csv([REC, ['PKH', 2020, 1, DESA.kayubulan, 5, nik('750101', 1, 1, 80, 1)], ['PKH', 2020, 1, DESA.kayubulan, 'x', nik('750101', 1, 1, 80, 2)]]);
    const r = await upload('recipients', text, admin, { strict: 'true' });
    expect(r).toMatchObject({ status: 422, body: { status: 'refused', rejected: 1 } });
    expect(await count(db.orm, `select count(*) from payment`)).toBe(0);
  });

  it('an OPERATOR lands rows inside their region only', async () => {
    const text = csv([REC, ['PKH', 2020, 2, DESA.kayubulan, 5, nik('750101', 1, 1, 80, 1)], ['PKH', 2020, 2, DESA.dembe, 6, nik('750101', 1, 1, 80, 2)]]);
    const r = await upload('recipients', text, operator);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'landed', accepted: 1, rejected: 1 });
    expect(r.body.errors).toEqual([{ line: 3, column: 'kode_desa', value: DESA.dembe, message: expect.stringMatching(/di luar wilayah Anda \(75\.01\)/) }]);
    expect(await count(db.orm, `select count(*) from payment where desa_code = ?`, [DESA.kayubulan])).toBe(1);
    expect(await count(db.orm, `select count(*) from import_batch where username = 'op7501' and status = 'landed'`)).toBe(1);
  });

  it('answers 413 with a clear message above the upload limit', async () => {
    const big = Buffer.alloc(1024 * 1024 + 10, 'a');
    const r = await upload('recipients', big, admin);
    expect(r.status).toBe(413);
    expect(r.body.error).toMatch(/lebih besar dari 1 MB/);
  });

  it('lists the history: ADMIN all imports, OPERATOR their own, others 403', async () => {
    const all = (await (await fetch(`${app.url}/api/imports`, { headers: { authorization: `Bearer ${admin}` } })).json()) as { username: string; status: string }[];
    expect(all.length).toBe(await count(db.orm, `select count(*) from import_batch`));
    expect(new Set(all.map((r) => r.username))).toEqual(new Set(['admin', 'op7501']));
    const own = (await (await fetch(`${app.url}/api/imports`, { headers: { authorization: `Bearer ${operator}` } })).json()) as { username: string }[];
    expect(own.length).toBe(1);
    expect(own.every((r) => r.username === 'op7501')).toBe(true);
    expect((await fetch(`${app.url}/api/imports`, { headers: { authorization: `Bearer ${analyst}` } })).status).toBe(403);
    // one import with its errors: the owner and ADMIN see it, another OPERATOR's or unknown id is 404
    const mine = own[0] as unknown as { id: string };
    const detail = (await (await fetch(`${app.url}/api/imports/${mine.id}`, { headers: { authorization: `Bearer ${operator}` } })).json()) as { errors: { line: number }[]; rejected: number };
    expect(detail).toMatchObject({ rejected: 1, errors: [{ line: 3 }] });
    const adminsImport = all.find((r) => r.username === 'admin') as unknown as { id: string };
    expect((await fetch(`${app.url}/api/imports/${adminsImport.id}`, { headers: { authorization: `Bearer ${operator}` } })).status).toBe(404);
    expect((await fetch(`${app.url}/api/imports/${adminsImport.id}`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(200);
    expect((await fetch(`${app.url}/api/imports/999999`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(404);
  });

  it('accepts the local CLI secret for imports only, and the CLI uses it when the portal runs', async () => {
    const dataDir = tmpDir('bansos-portal-');
    const access = publishCliAccess(dataDir);
    expect(fs.statSync(path.join(dataDir, 'portal-cli.json')).mode & 0o777).toBe(0o600);
    const wrong = await upload('programs', PROGRAMS_CSV, 'cli:not-the-secret');
    expect(wrong.status).toBe(401);
    // GraphQL does not take it
    const gql = await app.gql(`{ me { username } }`, {}, `cli:${access.secret}`);
    expect(gql.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // the CLI finds this "portal" through DATA_DIR/portal.json and uploads to it
    fs.writeFileSync(path.join(dataDir, 'portal.json'), JSON.stringify({ pid: process.pid, port: Number(new URL(app.url).port) }));
    const file = writeFile(dir, 'cli-budget.csv', csv([['program', 'tahun', 'kode_wilayah', 'pagu'], ['PKH', 2020, '75', 1000]]));
    const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', 'import', 'budgets', file], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(out.stderr).toMatch(/through http:\/\/127\.0\.0\.1/);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ kind: 'budgets', file: 'cli-budget.csv', status: 'landed', accepted: 1 });
    expect(await count(db.orm, `select count(*) from import_batch where kind = 'budgets' and username like 'cli:%'`)).toBe(1);
  });
});
