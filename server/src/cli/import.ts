import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { loadConfig, type Config } from '../config';
import { UsageError } from './usage';
import { IMPORT_KINDS, isImportKind, type ImportKind, type ImportProgress, type ImportReport } from '../modules/imports/types';
import { CLI_BEARER_PREFIX, readCliAccess } from '../modules/imports/cli-access';

/**
 * `npm run cli -- import <kind> FILE [--strict] [--progress]`: prints the JSON report on stdout;
 * exit 0 landed/unchanged, 1 refused, 2 bad usage. A progress bar goes to stderr on a terminal
 * (`--progress` prints progress as JSON lines on stderr when it is not one, for scripts).
 * With the portal running on the same embedded DATA_DIR the import goes through it (contract §4).
 */
export async function runImport(args: string[]): Promise<number> {
  const flags = new Set(args.filter((a) => a.startsWith('--')));
  const positional = args.filter((a) => !a.startsWith('--'));
  for (const f of flags) if (f !== '--strict' && f !== '--progress') throw new UsageError(`Unknown option "${f}" for import.`);
  const [kind, file, ...extra] = positional;
  if (!kind || !file) throw new UsageError('import needs a kind and a file: import <kind> FILE [--strict].');
  if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}": import one file at a time.`);
  if (!isImportKind(kind)) throw new UsageError(`Unknown import kind "${kind}": one of ${IMPORT_KINDS.join(', ')}.`);
  const filePath = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `File not found: ${filePath}` : `Cannot read ${filePath}: ${(err as Error).message}`);
  }
  if (!stat.isFile()) throw new UsageError(`Not a file: ${filePath}`);

  const config = loadConfig();
  const strict = flags.has('--strict');
  const portal = config.databaseUrl ? null : await runningPortal(config);
  const report = portal
    ? await importViaPortal(portal, kind, filePath, strict)
    : await importDirect(config, kind, filePath, strict, flags.has('--progress'));
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  return report.status === 'refused' ? 1 : 0;
}

interface Portal {
  pid: number;
  port: number;
  dataDir: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/** The portal serving this DATA_DIR's embedded database, when one is running. */
async function runningPortal(config: Config): Promise<Portal | null> {
  const file = path.join(config.dataDir, 'portal.json');
  let info: { pid?: number; port?: number };
  try {
    info = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid?: number; port?: number };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`Cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  if (typeof info.pid !== 'number' || typeof info.port !== 'number' || !alive(info.pid)) return null; // stale: portal gone
  return { pid: info.pid, port: info.port, dataDir: config.dataDir };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function importViaPortal(portal: Portal, kind: ImportKind, filePath: string, strict: boolean): Promise<ImportReport> {
  const base = `http://127.0.0.1:${portal.port}`;
  process.stderr.write(`The portal (pid ${portal.pid}) serves this database: importing through ${base}.\n`);
  // Wait until it is ready (it may still be loading the demo) and has published its CLI secret.
  let waited = false;
  for (;;) {
    if (!alive(portal.pid)) throw new Error(`The portal (pid ${portal.pid}) stopped; run the import again.`);
    let ready: boolean;
    try {
      ready = (await fetch(`${base}/healthz`)).status === 200;
    } catch (err) {
      throw new Error(`The portal (pid ${portal.pid}) does not answer on ${base}: ${(err as Error).message}`, { cause: err });
    }
    const access = readCliAccess(portal.dataDir);
    if (ready && access?.pid === portal.pid) {
      const form = new FormData();
      form.append('file', await fs.openAsBlob(filePath), path.basename(filePath));
      if (strict) form.append('strict', 'true');
      const res = await fetch(`${base}/api/imports/${kind}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${CLI_BEARER_PREFIX}${access.secret}`, 'x-cli-user': os.userInfo().username },
        body: form,
      });
      const body = (await res.json()) as ImportReport | { error: string };
      if ('error' in body) throw new Error(`The portal refused the upload (HTTP ${res.status}): ${body.error}`);
      return body;
    }
    if (!waited) process.stderr.write('Waiting for the portal to finish starting…\n');
    waited = true;
    await sleep(1000);
  }
}

async function importDirect(config: Config, kind: ImportKind, filePath: string, strict: boolean, progressLines: boolean): Promise<ImportReport> {
  // Keep stdout for the report: libraries (the migrator) log with console.log.
  console.log = (...a: unknown[]) => console.error(...a);
  const { prepareDatabase } = await import('../bootstrap');
  const { importFile } = await import('../modules/imports/import.service');
  const tty = process.stderr.isTTY;
  const { db } = await prepareDatabase(config, undefined, (m) => {
    if (tty) process.stderr.write(m + '\n');
  });
  const bar = tty
    ? new cliProgress.SingleBar(
        { format: 'Impor {kind} | {phase} | {rows} baris | {duration_formatted}', hideCursor: true, stream: process.stderr, fps: 5 },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(1, 0, { kind, phase: 'memeriksa berkas', rows: 0 });
  const phaseName: Record<ImportProgress['phase'], string> = {
    inspect: 'memeriksa berkas',
    read: 'membaca & memvalidasi',
    check: 'memeriksa duplikat',
    merge: 'menggabungkan',
    hooks: 'memperbarui ringkasan',
    done: 'selesai',
  };
  try {
    return await importFile(db.orm, {
      kind,
      filePath,
      strict,
      username: `cli:${os.userInfo().username}`,
      onProgress: (p) => {
        bar?.update(0, { phase: phaseName[p.phase], rows: p.rows });
        if (progressLines) process.stderr.write(JSON.stringify(p) + '\n');
      },
    });
  } finally {
    bar?.stop();
    await db.close();
  }
}
