import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backend, openTestDb } from '../setup/test-db';
import { openDatabase, type Database } from '../../server/src/db/database';
import { startEmbedded } from '../../server/src/db/embedded';
import { DESA, PROGRAMS_CSV, nik, tmpDir, writeFile, removeTmpDirs } from '../fixtures/imports/helpers';

/**
 * The CLI door on its own database (no portal): exit codes, and killing it in the
 * middle of an import leaves the database as it was; running it again then works.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = tmpDir();
let env: NodeJS.ProcessEnv;
let pgDb: Database | undefined;

/** Opens the CLI's database for a look (embedded: only while no CLI runs on it). */
async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  if (pgDb) return fn(pgDb);
  const db = await openDatabase({ dataDir: env.DATA_DIR });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

function cli(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', ...args], { cwd: ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

beforeAll(async () => {
  const base = { ...process.env, ADMIN_PASSWORD: 'cli-test-password', DEMO: '0' };
  if (backend === 'embedded') {
    // Start the CLI's DATA_DIR from the migrated, region-loaded snapshot (a first start would take a minute).
    const dataDir = tmpDir('bansos-cli-');
    const pg = await startEmbedded({ dataDir: path.join(dataDir, 'pgdata'), loadDataDir: new Blob([fs.readFileSync(inject('snapshotFile'))]) });
    await pg.close();
    env = { ...base, DATA_DIR: dataDir, DATABASE_URL: '' };
  } else {
    pgDb = await openTestDb();
    env = { ...base, DATA_DIR: tmpDir('bansos-cli-'), DATABASE_URL: pgDb.url };
  }
});
afterAll(async () => {
  removeTmpDirs();
  await pgDb?.close();
});

describe(`import CLI (${backend})`, () => {
  it('exit 0 landed (JSON on stdout), 1 refused, 2 bad usage', { timeout: 300_000 }, async () => {
    const ok = await cli(['import', 'programs', writeFile(dir, 'programs.csv', PROGRAMS_CSV)]).done;
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ kind: 'programs', file: 'programs.csv', status: 'landed', accepted: 4, rejected: 0 });
    const refused = await cli(['import', 'programs', writeFile(dir, 'empty.csv', '')]).done;
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ status: 'refused' });
    for (const args of [['import'], ['import', 'people', 'x.csv'], ['import', 'programs', '/no/such/file.csv'], ['import', 'programs', 'a.csv', '--fast']]) {
      const bad = await cli(args).done;
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.stdout).toBe('');
    }
  });

  it('killing the CLI mid-import leaves the database as it was; running it again lands the file', { timeout: 400_000 }, async () => {
    const ROWS = 70_000; // ≈ 6 MB: big enough (≥ 50k estimated rows into an empty table) for the bulk path of imports/bulk.ts
    const lines = ['program,tahun,tahap,kode_desa,nominal,nik'];
    for (let i = 0; i < ROWS; i++) lines.push(`PKH,2020,${1 + (i % 4)},${i % 2 ? DESA.kayubulan : DESA.dembe},${1000 + (i % 50)},${nik('750101', 1 + (i % 28), 1 + (i % 12), i % 100, 1 + (i % 9999))}`);
    const file = writeFile(dir, 'big-recipients.csv', lines.join('\n') + '\n');
    // as the first test left it: no payments; the programs import and the refused empty file in the history
    const before = [{ n: 0, b: 2 }];

    const run = cli(['import', 'recipients', file, '--progress']);
    // kill -9 once the import is inside its transaction, reading rows
    await new Promise<void>((resolve, reject) => {
      let buf = '';
      run.child.stderr!.on('data', (d) => {
        buf += d;
        if (/"phase":"read"/.test(buf)) {
          run.child.kill('SIGKILL');
          resolve();
        }
      });
      run.done.then((r) => reject(new Error(`the CLI ended before it could be killed: ${r.code} ${r.stderr}`)));
    });
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');

    const schema = (db: Database) =>
      db.orm.em.fork().execute<{ name: string }[]>(
        `select indexname as name from pg_indexes where tablename = 'payment'
         union all select conname from pg_constraint where conrelid = 'payment'::regclass order by 1`,
      );
    const [after, schemaAfterKill] = await withDb(async (db) => [
      await db.orm.em.fork().execute<{ n: number; b: number }[]>(`select (select count(*) from payment)::int n, (select count(*) from import_batch)::int b`),
      await schema(db),
    ]);
    expect(after).toEqual(before);
    // the bulk load had dropped these inside its transaction: the kill rolled that back too
    expect(schemaAfterKill.map((r) => r.name)).toEqual(
      expect.arrayContaining(['payment_desa_code_fkey', 'payment_desa_idx', 'payment_import_id_fkey', 'payment_import_idx', 'payment_kk_idx', 'payment_nik_idx', 'payment_pkey', 'payment_program_fkey']),
    );

    const again = await cli(['import', 'recipients', file]).done;
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'landed', accepted: ROWS, rejected: 0 });
    const [landed, schemaAfter] = await withDb(async (db) => [await db.orm.em.fork().execute<{ n: number }[]>(`select count(*)::int n from payment`), await schema(db)]);
    expect(landed[0]!.n).toBe(before[0]!.n + ROWS);
    expect(schemaAfter).toEqual(schemaAfterKill); // indexes and keys rebuilt as they were
  });
});

