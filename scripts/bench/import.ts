/**
 * Import benchmark (issue 3): a 1M-person households file (~110 MB, the "100 MB file"
 * case) and a 1M-row recipients file, imported through the real import path
 * (importFile: stream, validate, stage, merge, one transaction) on real PostgreSQL/PostGIS
 * (DATABASE_URL) and on the embedded PGlite. Baseline: a plain COPY of the same CSV
 * bytes into a bare table (text columns, no keys or indexes) on the same database —
 * COPY FROM STDIN on PostgreSQL, PGlite's COPY FROM '/dev/blob' on the embedded one.
 * Prints rows/s, the ratio import / bare COPY, the phases, and the peak memory of this
 * process during each import (the file is streamed: memory must not grow with its size).
 *
 * Usage:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- import \
 *     [--rows 1000000] [--dir /tmp/bench-import] [--reuse] [--no-embedded] [--no-postgres] [--keep] [--no-hooks] [--only households|recipients]
 * --no-hooks leaves out the other modules' after-import hooks (analytics rollups, duplicate
 * pairs, verivali), to time the import path alone; by default they run, as in production.
 * The database `bansos_bench_import` on that server is dropped and re-created (kept with --keep).
 * The files are written deterministically from the real desa codes of the loaded regions.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { migrate, openDatabase, type Database } from '../../server/src/db/database';
import { loadRegions } from '../../server/src/modules/regions/load-regions';
import { FOCUS_AREAS, readCodeList, undot } from '../../server/src/modules/regions/region-data';
import { importFile } from '../../server/src/modules/imports/import.service';
import type { ImportKind, ImportProgress } from '../../server/src/modules/imports/types';
import { afterImportHooks } from '../../server/src/modules/imports/after-import';
import { NameMaker } from '../../server/src/modules/generator/name-pools';
import { Rng } from '../../server/src/modules/generator/rng';

const BENCH_DB = 'bansos_bench_import';

function args() {
  const a = process.argv.slice(2);
  const get = (flag: string, dflt: string) => {
    const i = a.indexOf(flag);
    return i >= 0 && a[i + 1] ? a[i + 1]! : dflt;
  };
  const rows = Number(get('--rows', '1000000'));
  if (!Number.isInteger(rows) || rows < 1000) throw new Error(`--rows must be a whole number ≥ 1000, got ${get('--rows', '')}.`);
  return {
    rows,
    dir: path.resolve(get('--dir', '/tmp/bench-import')),
    reuse: a.includes('--reuse'),
    embedded: !a.includes('--no-embedded'),
    postgres: !a.includes('--no-postgres'),
    keep: a.includes('--keep'),
    hooks: !a.includes('--no-hooks'),
    only: a.includes('--only') ? [get('--only', '')] : ['households', 'recipients'],
  };
}

/** The generator's seeded stream (server/src/modules/generator/rng.ts): the same files on every machine. */
function rng(seed: number): () => number {
  const r = new Rng(seed, 0);
  return () => r.float();
}

const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const p4 = (n: number) => String(n).padStart(4, '0');
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const PROGRAMS = [
  ['PKH', 'Program Keluarga Harapan', 'PUSAT', ''],
  ['BPNT', 'Bantuan Pangan Non Tunai', 'PUSAT', '200000'],
  ['BST', 'Bantuan Sosial Tunai', 'PUSAT', '600000'],
  ['BLT-DD', 'BLT Dana Desa', 'DESA', '300000'],
] as const;

class Out {
  private buf: string[] = [];
  private size = 0;
  constructor(private readonly ws: fs.WriteStream) {}
  async line(s: string) {
    this.buf.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) await this.flush();
  }
  async flush() {
    const chunk = this.buf.join('\n') + '\n';
    this.buf = [];
    this.size = 0;
    if (!this.ws.write(chunk)) await new Promise<void>((r) => this.ws.once('drain', () => r()));
  }
  async close() {
    if (this.buf.length) await this.flush();
    await new Promise<void>((r) => this.ws.end(r));
  }
}

/** Writes programs.csv, households.csv (`rows` persons) and recipients.csv (`rows` payment rows). */
async function writeFiles(dir: string, rows: number) {
  fs.mkdirSync(dir, { recursive: true });
  const prefixes = FOCUS_AREAS.map((a) => undot(a.prefix));
  const desa = readCodeList()
    .filter((c) => String(c.level) === '4' && prefixes.some((p) => undot(c.kode).startsWith(p)))
    .map((c) => undot(c.kode));
  const rand = rng(20261127);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  fs.writeFileSync(path.join(dir, 'programs.csv'), ['kode,nama,sumber_dana,nominal_bulanan', ...PROGRAMS.map((p) => p.join(','))].join('\n') + '\n');

  const hh = new Out(fs.createWriteStream(path.join(dir, 'households.csv')));
  await hh.line('no_kk,nik,nama,kode_desa,jenis_kelamin,tanggal_lahir,hubungan,alamat,dtks,desil');
  const people: { nik: string; kk: string; desa: string; name: string }[] = [];
  const used = new Set<string>();
  const unique = (make: () => string) => {
    for (;;) {
      const v = make();
      if (!used.has(v)) {
        used.add(v);
        return v;
      }
    }
  };
  const names = new NameMaker('gorontalo');
  const nameRng = new Rng(20261127, 1);
  let persons = 0;
  while (persons < rows) {
    const d = pick(desa);
    const kec = d.slice(0, 6);
    const kk = unique(() => `${kec}${p2(1 + Math.floor(rand() * 28))}${p2(1 + Math.floor(rand() * 12))}${p2(10 + Math.floor(rand() * 14))}${p4(1 + Math.floor(rand() * 9999))}`);
    const size = Math.min(rows - persons, 1 + Math.floor(rand() * 6));
    const dtks = rand() < 0.4 ? 'Y' : 'N';
    const desil = dtks === 'Y' ? String(1 + Math.floor(rand() * 4)) : '';
    const surname = names.surname(nameRng);
    for (let m = 0; m < size; m++) {
      const female = m === 1 || (m > 1 && rand() < 0.5);
      const year = m < 2 ? 1950 + Math.floor(rand() * 50) : 2000 + Math.floor(rand() * 24);
      const month = 1 + Math.floor(rand() * 12);
      const day = 1 + Math.floor(rand() * DAYS[month - 1]!);
      let nik = unique(() => `${kec}${p2(female ? day + 40 : day)}${p2(month)}${p2(year % 100)}${p4(1 + Math.floor(rand() * 9999))}`);
      if (persons % 997 === 0) nik = unique(() => `${kec}${p2(32 + Math.floor(rand() * 8))}${p2(month)}${p2(year % 100)}${p4(1 + Math.floor(rand() * 9999))}`); // a few impossible dates
      // the generator's name pools: as many distinct spellings as a real roster (≈ 1 row in 13 brings a new one)
      const name = names.full(names.given(nameRng, female, year), surname);
      const rel = m === 0 ? 'KEPALA KELUARGA' : m === 1 ? 'ISTRI' : 'ANAK';
      await hh.line(`${kk},${nik},${name},${d},${female ? 'P' : 'L'},${year}-${p2(month)}-${p2(day)},${rel},"Dusun ${1 + (persons % 7)}, RT ${p2(1 + (persons % 20))}",${dtks},${desil}`);
      people.push({ nik, kk, desa: d, name });
      persons++;
    }
  }
  await hh.close();

  const rec = new Out(fs.createWriteStream(path.join(dir, 'recipients.csv')));
  await rec.line('program,tahun,tahap,kode_desa,nominal,nik,no_kk,nama,tanggal_salur');
  for (let i = 0; i < rows; i++) {
    const who = pick(people);
    const [code, , , monthly] = pick(PROGRAMS);
    const stage = 1 + Math.floor(rand() * 4);
    const amount = monthly ? Number(monthly) * 3 : 750000;
    await rec.line(`${code},2020,${stage},${who.desa},${amount},${who.nik},${who.kk},${who.name},2020-${p2(stage * 3)}-${p2(1 + Math.floor(rand() * 28))}`);
  }
  await rec.close();
}

function countLines(file: string): number {
  let n = 0;
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(1 << 20);
  for (let r = fs.readSync(fd, buf); r > 0; r = fs.readSync(fd, buf)) for (let i = 0; i < r; i++) if (buf[i] === 10) n++;
  fs.closeSync(fd);
  return n - 1; // header
}

interface Measure {
  seconds: number;
  /** Time spent in the after-import hooks of other modules (analytics rollups, duplicates, verivali). */
  hookSeconds: number;
  rowsPerSec: number;
  peakRssMb: number;
  peakHeapMb: number;
  phases: string;
  accepted: number;
}

async function timedImport(db: Database, kind: ImportKind, file: string, rows: number): Promise<Measure> {
  global.gc?.();
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 100);
  const t0 = performance.now();
  const marks: [string, number][] = [];
  let last = '';
  const r = await importFile(db.orm, {
    kind,
    filePath: file,
    username: 'bench',
    onProgress: (p: ImportProgress) => {
      if (p.phase !== last) marks.push([p.phase, performance.now() - t0]);
      last = p.phase;
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  sample();
  if (r.status !== 'landed') throw new Error(`${kind} import did not land: ${r.message}`);
  const span = (i: number) => ((marks[i + 1]?.[1] ?? seconds * 1000) - marks[i]![1]) / 1000;
  const phases = marks.map(([p], i) => `${p} ${span(i).toFixed(1)}s`).join(', ');
  const hooksAt = marks.findIndex(([p]) => p === 'hooks');
  return { hookSeconds: hooksAt >= 0 ? span(hooksAt) : 0, seconds, rowsPerSec: rows / seconds, peakRssMb: peakRss / 2 ** 20, peakHeapMb: peakHeap / 2 ** 20, phases, accepted: r.accepted };
}

const BARE: Record<'households' | 'recipients', string> = {
  households: 'no_kk text, nik text, nama text, kode_desa text, jenis_kelamin text, tanggal_lahir text, hubungan text, alamat text, dtks text, desil text',
  recipients: 'program text, tahun text, tahap text, kode_desa text, nominal text, nik text, no_kk text, nama text, tanggal_salur text',
};

/** Plain COPY of the same CSV bytes into a bare table (the baseline). */
async function bareCopy(db: Database, kind: 'households' | 'recipients', file: string): Promise<number> {
  const table = `bare_${kind}`;
  const em = db.orm.em.fork();
  await em.execute(`drop table if exists ${table}`);
  await em.execute(`create table ${table} (${BARE[kind]})`);
  const t0 = performance.now();
  if (db.embedded) {
    await db.embedded.copyFromFile(`copy ${table} from '/dev/blob' with (format csv, header true)`, file);
  } else {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), client.query(copyFrom(`copy ${table} from stdin with (format csv, header true)`)));
    } finally {
      await client.end();
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  await em.execute(`drop table ${table}`);
  return seconds;
}

async function benchBackend(label: string, db: Database, dir: string, rows: Record<'households' | 'recipients', number>, only: string[]) {
  await migrate(db.orm);
  await loadRegions(db.orm.em.fork());
  const p = await importFile(db.orm, { kind: 'programs', filePath: path.join(dir, 'programs.csv') });
  if (p.status === 'refused') throw new Error(`programs: ${p.message}`);
  console.log(`\n== ${label} ==`);
  for (const kind of ['households', 'recipients'] as const) {
    if (!only.includes(kind)) continue;
    const file = path.join(dir, `${kind}.csv`);
    // Each timed load starts from a checkpoint: none pays for flushing what the one before it wrote.
    await db.orm.em.getConnection().execute('checkpoint');
    const m = await timedImport(db, kind, file, rows[kind]);
    await db.orm.em.getConnection().execute('checkpoint');
    const bare = await bareCopy(db, kind, file);
    const mb = fs.statSync(file).size / 2 ** 20;
    const own = m.seconds - m.hookSeconds;
    const rate = (s: number) => `${Math.round(rows[kind] / s).toLocaleString('en')} rows/s`;
    console.log(
      `${kind.padEnd(10)} ${rows[kind].toLocaleString('en')} rows (${mb.toFixed(0)} MB), accepted ${m.accepted.toLocaleString('en')}\n` +
        `           import ${m.seconds.toFixed(1)} s = ${rate(m.seconds)} (without the other modules' after-import hooks: ${own.toFixed(1)} s = ${rate(own)})\n` +
        `           bare COPY ${bare.toFixed(1)} s = ${rate(bare)} | ratio import / COPY ${(m.seconds / bare).toFixed(2)}× (without hooks ${(own / bare).toFixed(2)}×)\n` +
        `           peak memory of the importing process: RSS ${m.peakRssMb.toFixed(0)} MB, JS heap ${m.peakHeapMb.toFixed(0)} MB`,
    );
    console.log(`           phases: ${m.phases}`);
  }
}

async function main() {
  const o = args();
  const haveFiles = ['programs.csv', 'households.csv', 'recipients.csv'].every((f) => fs.existsSync(path.join(o.dir, f)));
  if (!(o.reuse && haveFiles)) {
    const t = performance.now();
    await writeFiles(o.dir, o.rows);
    console.log(`files written to ${o.dir} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  if (!o.hooks) afterImportHooks.length = 0;
  console.log(`after-import hooks: ${afterImportHooks.length ? afterImportHooks.map((h) => h.name || '(anonymous)').join(', ') : 'none'}`);
  const rows = { households: countLines(path.join(o.dir, 'households.csv')), recipients: countLines(path.join(o.dir, 'recipients.csv')) };
  console.log(`machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, node ${process.version}`);

  if (o.postgres) {
    const url = process.env.DATABASE_URL;
    if (!url) console.log('\n(DATABASE_URL unset: PostgreSQL skipped)');
    else {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`drop database if exists ${BENCH_DB} with (force)`);
      await admin.query(`create database ${BENCH_DB}`);
      const u = new URL(url);
      u.pathname = `/${BENCH_DB}`;
      const db = await openDatabase({ databaseUrl: u.toString() });
      try {
        const [{ v }] = await db.orm.em.fork().execute<{ v: string }[]>(`select version() as v`);
        await benchBackend(`PostgreSQL (${v.split(' on ')[0]})`, db, o.dir, rows, o.only);
      } finally {
        await db.close();
        if (!o.keep) await admin.query(`drop database if exists ${BENCH_DB} with (force)`);
        await admin.end();
      }
    }
  }
  if (o.embedded) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bansos-bench-import-'));
    const db = await openDatabase({ dataDir });
    try {
      await benchBackend('embedded PGlite + PostGIS', db, o.dir, rows, o.only);
    } finally {
      await db.close();
      if (!o.keep) fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
