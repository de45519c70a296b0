/**
 * Duplicate-detection benchmark (issue 5): Gorontalo at full scale (≈350 000 households,
 * 1.25 M persons) with planted fuzzy duplicates — the same person under a second NIK, a
 * name variant, the same birth date — imported into a real PostgreSQL/PostGIS, then:
 *   - detection: refreshDuplicates({ all: true }) as after a households import — word statistics over
 *     the whole roster, candidate pairs among the persons with matched payment rows (the only pairs
 *     the possibleDuplicates figure can count), scoring, writing — timed on its own (normalised
 *     names are written by the households import itself);
 *   - precision and recall against truth.json `fuzzyDuplicates` (planted among recipients; the
 *     generator keeps unplanted look-alikes out of the recipients, not out of the whole roster);
 *   - a naive baseline: exact NIK only (what a plain key join finds), and for reference
 *     exact name + birth date within a kab/kota;
 *   - the moved-recipient rows (civil-registry risk) against truth.json `movedRows`, and the time of
 *     the other data-quality rebuilds of the after-import hook.
 *
 * Usage:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- dedup \
 *     [--households 350000] [--seed 1] [--dir /tmp/bench-dedup] [--reuse] [--keep]
 * The database `bansos_bench_dedup` on that server is dropped and re-created (kept with --keep).
 * --reuse keeps an already generated data set in --dir (same households and seed).
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { migrate, openDatabase } from '../../server/src/db/database';
import { loadRegions } from '../../server/src/modules/regions/load-regions';
import { importFile } from '../../server/src/modules/imports/import.service';
import type { ImportKind } from '../../server/src/modules/imports/types';
import { generateDataSet, DEFAULT_RATES } from '../../server/src/modules/generator/generate';
import type { Truth } from '../../server/src/modules/generator/truth';
import { dedupThreshold, refreshDuplicates } from '../../server/src/modules/quality/dedup.service';
import { refreshCivilRisk, refreshExclusiveViolations } from '../../server/src/modules/quality/quality.service';

const BENCH_DB = 'bansos_bench_dedup';

function args() {
  const a = process.argv.slice(2);
  const get = (flag: string, dflt: string) => {
    const i = a.indexOf(flag);
    return i >= 0 && a[i + 1] ? a[i + 1]! : dflt;
  };
  return {
    households: Number(get('--households', '350000')),
    seed: get('--seed', '1'),
    dir: path.resolve(get('--dir', '/tmp/bench-dedup')),
    reuse: a.includes('--reuse'),
    keep: a.includes('--keep'),
  };
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function timed<T>(label: string, f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t = Date.now();
  const value = await f();
  const ms = Date.now() - t;
  console.log(`  ${label.padEnd(34)} ${secs(ms)}`);
  return { value, ms };
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

const pairKey = (x: string, y: string) => (x < y ? `${x}|${y}` : `${y}|${x}`);

function score(found: Set<string>, truth: Set<string>) {
  let tp = 0;
  for (const k of found) if (truth.has(k)) tp++;
  return {
    found: found.size,
    truePositives: tp,
    precision: found.size ? tp / found.size : null,
    recall: truth.size ? tp / truth.size : null,
  };
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set: this benchmark needs a real PostgreSQL with PostGIS (e.g. postgres://postgres@127.0.0.1:5432/postgres).');
    process.exit(2);
  }
  const o = args();
  console.log(`Dedup benchmark: ${o.households} households, seed ${o.seed}, data in ${o.dir}`);

  const truthFile = path.join(o.dir, 'truth.json');
  let truth: Truth;
  if (o.reuse && fs.existsSync(truthFile)) {
    truth = JSON.parse(fs.readFileSync(truthFile, 'utf8')) as Truth;
    if (truth.households !== o.households || truth.seed !== o.seed) {
      throw new Error(`--reuse: ${truthFile} is for ${truth.households} households / seed ${truth.seed}, not ${o.households} / ${o.seed}.`);
    }
    console.log(`  reusing the generated data set (${truth.persons} persons)`);
  } else {
    truth = (
      await timed('generate', () =>
        generateDataSet({ households: o.households, seed: o.seed, out: o.dir, province: '75', ...DEFAULT_RATES }),
      )
    ).value;
  }
  console.log(`  ${truth.persons} persons, ${truth.fuzzyDuplicates.length} planted fuzzy duplicate pairs`);

  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${BENCH_DB} with (force)`);
  await admin.query(`create database ${BENCH_DB}`);
  const db = await openDatabase({ databaseUrl: withDatabase(url, BENCH_DB) });
  const imports: Record<string, number> = {};
  try {
    await timed('migrate + regions', async () => {
      await migrate(db.orm);
      await loadRegions(db.orm.em.fork());
    });
    const load = async (kind: ImportKind, file: string) => {
      const { value: r, ms } = await timed(`import ${kind}`, () => importFile(db.orm, { kind, filePath: path.join(o.dir, file), username: 'bench' }));
      if (r.status !== 'landed') throw new Error(`import ${kind}: ${r.status} — ${r.message}`);
      imports[kind] = ms;
    };
    await load('programs', 'programs.csv');
    await load('households', 'households.csv'); // each import includes its after-import hooks (analytics, then data quality)
    await load('recipients', 'recipients.csv');
    await load('civil-events', 'civil-events.csv');

    // Detection on its own: every pair recomputed, as after a households import.
    const threshold = await dedupThreshold(db.orm.em.fork());
    const det = await timed('detection (full recompute)', () => db.orm.em.fork().transactional((tx) => refreshDuplicates(tx, { all: true })));
    const stats = det.value;

    const em = db.orm.em.fork();
    // Truth NIKs as they are in the roster: a planted invalid roster NIK stands for its valid one.
    const rosterNik = new Map(truth.invalidNik.filter((x) => x.roster).map((x) => [x.validNik, x.nik]));
    const inRoster = (n: string) => rosterNik.get(n) ?? n;
    const truthPairs = new Set(truth.fuzzyDuplicates.map(([x, y]) => pairKey(inRoster(x), inRoster(y))));

    const found = new Set((await em.execute<{ nik_a: string; nik_b: string }[]>(`select nik_a, nik_b from duplicate_pair`)).map((r) => pairKey(r.nik_a, r.nik_b)));
    const ours = score(found, truthPairs);
    // duplicate_pair holds pairs of persons with matched payment rows only (what the possibleDuplicates
    // figure can count); the generator plants its pairs among recipients and keeps unplanted look-alikes
    // out of them, so precision here is meaningful (its small name pool makes namesakes common elsewhere).

    const base = await timed('baseline: exact NIK', () =>
      em.execute<{ a: string; b: string }[]>(`select a.nik as a, b.nik as b from person a join person b on a.nik = b.nik and a.ctid < b.ctid`),
    );
    const naive = score(new Set(base.value.map((r) => pairKey(r.a, r.b))), truthPairs);
    const exact = await timed('reference: exact name + birth date', () =>
      em.execute<{ a: string; b: string }[]>(
        `select a.nik as a, b.nik as b from person a join person b
           on a.birth_date = b.birth_date and a.kab_code = b.kab_code and upper(a.name) = upper(b.name) and a.nik < b.nik`,
      ),
    );
    const exactName = score(new Set(exact.value.map((r) => pairKey(r.a, r.b))), truthPairs);

    // Misses and false pairs, a few of each, to see what the matcher gets wrong.
    const missed = [...truthPairs].filter((k) => !found.has(k)).slice(0, 8);
    const falsePairs = [...found].filter((k) => !truthPairs.has(k)).slice(0, 5);
    const show = async (keys: string[]) => {
      const out: string[] = [];
      for (const k of keys) {
        const [x, y] = k.split('|');
        const rows = await em.execute<{ nik: string; name: string; birth_date: string; desa_code: string }[]>(
          `select p.nik, p.name, p.birth_date::text as birth_date, h.desa_code from person p join household h on h.no_kk = p.no_kk where p.nik in (?, ?) order by p.nik`,
          [x, y],
        );
        const s = await em.execute<{ score: number; reasons: string[] }[]>(`select score, reasons from duplicate_pair where nik_a = ? and nik_b = ?`, [x, y]);
        out.push(`    ${rows.map((r) => `${r.name} (${r.birth_date}, ${r.desa_code})`).join('  ~  ')}${s[0] ? `  score ${s[0].score} [${s[0].reasons.join(', ')}]` : ''}`);
      }
      return out;
    };

    // the other data-quality rebuilds of the after-import hook, for the record
    const otherMs: Record<string, number> = {};
    otherMs.exclusiveViolations = (await timed('exclusive violations rebuild', () => db.orm.em.fork().transactional((tx) => refreshExclusiveViolations(tx)))).ms;
    otherMs.civilRisk = (await timed('civil-registry risk rebuild', () => db.orm.em.fork().transactional((tx) => refreshCivilRisk(tx)))).ms;
    const [m] = await em.execute<{ n: number }[]>(`select coalesce(sum(moved_rows), 0)::int as n from civil_risk_rollup`);
    const moved = { ours: m!.n, truth: truth.counts.movedRows };

    const fmt = (v: number | null) => (v === null ? 'n/a' : v.toFixed(4));
    console.log('\nResults');
    console.log(`  persons compared (recipients)      ${stats.persons}`);
    console.log(`  candidate pairs (blocking)         ${stats.candidates}`);
    console.log(`  threshold                          ${threshold}`);
    console.log(`  detection time                     ${secs(det.ms)}   (goal ≤ 60 s)`);
    console.log(`  detection phases (ms)              ${JSON.stringify(stats.phases)}`);
    console.log(
      `  ours:                      pairs ${ours.found}, true ${ours.truePositives} of ${truthPairs.size}: ` +
        `precision ${fmt(ours.precision)}, recall ${fmt(ours.recall)}   (goal ≥ 0.95 each)`,
    );
    console.log(`  baseline exact NIK:        pairs ${naive.found}: precision ${fmt(naive.precision)}, recall ${fmt(naive.recall)}`);
    console.log(`  reference exact name+date: pairs ${exactName.found}: precision ${fmt(exactName.precision)}, recall ${fmt(exactName.recall)}`);
    console.log(`  moved-recipient rows: ours ${moved.ours}, truth ${moved.truth}`);
    if (missed.length) console.log(`  missed (first ${missed.length}):\n${(await show(missed)).join('\n')}`);
    if (falsePairs.length) console.log(`  false pairs (first ${falsePairs.length}):\n${(await show(falsePairs)).join('\n')}`);
    console.log(
      '\n' +
        JSON.stringify({
          bench: 'dedup',
          households: o.households,
          persons: stats.persons,
          plantedPairs: truthPairs.size,
          threshold,
          detectionMs: det.ms,
          importMs: imports,
          candidates: stats.candidates,
          phases: stats.phases,
          ours,
          baselineExactNik: naive,
          referenceExactNameDate: exactName,
          moved,
          otherMs,
        }),
    );
  } finally {
    await db.close();
    if (!o.keep) await admin.query(`drop database if exists ${BENCH_DB} with (force)`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
