/**
 * Coverage benchmark (issue 4): the generated Gorontalo data set (≈350 000 households,
 * 1.25 M persons, ≈0.9–1 M payment rows) imported through the real import path — so the
 * analytics rollups are built by the after-import hook, as in production — then, on real
 * PostgreSQL/PostGIS (DATABASE_URL) and on the embedded PGlite:
 *   - p50 / p95 over ≥ 30 runs, through GraphQL over HTTP (the real createApp, a logged-in
 *     admin), of coverage(level: VILLAGE, within: "75"), coverage(level: REGENCY), filtered
 *     coverage (one program; several programs + year + stage) and dataQuality(VILLAGE, "75");
 *   - the same aggregation as the hand-written SQL (the .sql file the resolver runs) sent
 *     directly over one pg connection: the baseline; the ratio GraphQL / SQL is the API's cost;
 *   - for reference, the same figures computed straight from the raw tables (join + group by,
 *     no rollups), which is what the rollups save;
 *   - households(filter: { search: <exact NIK> }) over HTTP and its lookups in SQL.
 *
 * Usage:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- coverage \
 *     [--households 350000] [--seed 1] [--dir /tmp/bench-coverage] [--reuse] [--runs 30]
 *     [--no-embedded] [--no-postgres] [--keep]
 * The database `bansos_bench_coverage` on that server is dropped and re-created (kept with --keep).
 * --reuse keeps an already generated data set in --dir (same households and seed); --reuse-db measures
 * again on the PostGIS database an earlier run kept with --keep, without importing.
 */
import fs from 'node:fs';
import http from 'node:http';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { createApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { migrate, openDatabase, type Database } from '../../server/src/db/database';
import { sqlFile } from '../../server/src/db/sql';
import { ensureAdmin } from '../../server/src/modules/auth/auth.service';
import { loadRegions } from '../../server/src/modules/regions/load-regions';
import { importFile } from '../../server/src/modules/imports/import.service';
import type { ImportKind } from '../../server/src/modules/imports/types';
import { generateDataSet, DEFAULT_RATES } from '../../server/src/modules/generator/generate';
import type { Truth } from '../../server/src/modules/generator/truth';
import { refreshAll } from '../../server/src/modules/analytics/refresh';

const BENCH_DB = 'bansos_bench_coverage';
const SQL_DIR = path.resolve(import.meta.dirname, '../../server/src/modules/analytics/sql');
const ADMIN_PASSWORD = 'bench-admin-password';

function args() {
  const a = process.argv.slice(2);
  const get = (flag: string, dflt: string) => {
    const i = a.indexOf(flag);
    return i >= 0 && a[i + 1] ? a[i + 1]! : dflt;
  };
  const runs = Number(get('--runs', '30'));
  if (!Number.isInteger(runs) || runs < 30) throw new Error(`--runs must be a whole number ≥ 30, got ${get('--runs', '30')}.`);
  return {
    households: Number(get('--households', '350000')),
    seed: get('--seed', '1'),
    dir: path.resolve(get('--dir', '/tmp/bench-coverage')),
    reuse: a.includes('--reuse'),
    runs,
    embedded: !a.includes('--no-embedded'),
    postgres: !a.includes('--no-postgres'),
    keep: a.includes('--keep'),
    /** PostGIS only: measure again on the database a previous run left with --keep (no import). */
    reuseDb: a.includes('--reuse-db'),
  };
}

const ms = (v: number) => `${v.toFixed(1).padStart(7)} ms`;

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

interface Stat {
  p50: number;
  p95: number;
  runs: number;
}

async function measure(runs: number, f: (i: number) => Promise<unknown>, warmup = 3): Promise<Stat> {
  for (let i = 0; i < warmup; i++) await f(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await f(i);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((x, y) => x - y);
  return { p50: percentile(times, 50), p95: percentile(times, 95), runs };
}

/** Parameters of coverage.sql / data-quality.sql, as analytics.service.ts passes them. */
function figureParams(level: 1 | 2 | 3 | 4, within: string | null, filter: { programs?: string[]; year?: number; stage?: number } = {}) {
  const len = { 1: 2, 2: 4, 3: 6, 4: 10 }[level];
  const programs = filter.programs ? `{${filter.programs.map((p) => `"${p.toUpperCase()}"`).join(',')}}` : null;
  return { level, len, within, programs, year: filter.year ?? null, stage: filter.stage ?? null, yk: filter.year ?? -1, sk: filter.stage ?? -1 };
}

/** runSql's named parameters → $n, so the baseline sends exactly the resolver's statement over plain pg. */
function positional(sql: string, params: Record<string, unknown>): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const text = sql.replace(/--[^\n]*/g, '').replace(/(?<!:):([a-zA-Z_][a-zA-Z0-9_]*)/g, (_m, name: string) => {
    values.push(params[name]);
    return `$${values.length}`;
  });
  return { text, values };
}

/**
 * Reference: the coverage of every desa of the province straight from the raw tables, the matching
 * rule inlined (valid NIK → person, else No. KK → household), no rollups. (The data set is one province.)
 */
const RAW_COVERAGE = `
with m as (
  select p.program, p.nominal, coalesce(pe.no_kk, hk.no_kk) as kk
  from payment p
  left join person pe on p.nik_valid and pe.nik = p.nik
  left join household hk on pe.nik is null and hk.no_kk = p.no_kk
),
per_household as materialized (
  select kk, count(distinct program) as programs, sum(nominal) as amount from m where kk is not null group by kk
)
select r.code,
       count(h.no_kk) as households,
       count(h.no_kk) filter (where h.dtks) as dtks_households,
       count(x.kk) as aided,
       count(x.kk) filter (where x.programs >= 2) as stacked,
       count(h.no_kk) filter (where h.dtks and x.kk is null) as unaided_dtks,
       count(x.kk) filter (where not h.dtks) as aided_non_dtks,
       coalesce(sum(x.amount), 0)::float8 as aid_amount
from region r
left join household h on h.desa_code = r.code
left join per_household x on x.kk = h.no_kk
where r.level = 4 and r.code like '75%'
group by r.code
order by r.code`;

/**
 * The HTTP client runs in its own process, as a browser would: the server's event loop does only
 * the server's work (parsing ~150 kB of JSON per answer would otherwise be billed to the API).
 * It sends `bodies` in turn, `runs` times after `warmup` rounds, sequentially on one keep-alive
 * connection, and reports the latency of each request in ms. With \`bump\` (a database URL) it moves
 * data_version before each request, outside the timed part: every request is then a response-cache
 * miss, as the first request after an import is.
 */
const CLIENT_JS = `
const http = require('node:http');
const { url, token, bodies, runs, warmup, bump } = JSON.parse(process.env.BENCH_CLIENT);
const db = bump ? new (require('pg').Client)({ connectionString: bump }) : null;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const post = (body) => new Promise((resolve, reject) => {
  const payload = JSON.stringify(body);
  const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload), authorization: 'Bearer ' + token } }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => {
      const answer = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (answer.errors) reject(new Error(JSON.stringify(answer.errors)));
      else resolve(answer);
    });
  });
  req.on('error', reject);
  req.end(payload);
});
(async () => {
  if (db) await db.connect();
  const times = [];
  for (let i = -warmup; i < runs; i++) {
    const body = bodies[(i + warmup) % bodies.length];
    if (db) await db.query('update data_version set version = version + 1');
    const t = process.hrtime.bigint();
    await post(body);
    if (i >= 0) times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  process.stdout.write(JSON.stringify(times));
  agent.destroy();
  if (db) await db.end();
})().catch((err) => { console.error(err); process.exit(1); });
`;

function httpTimes(url: string, token: string, bodies: object[], runs: number, warmup = 3, bump?: string): Promise<Stat> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CLIENT_JS], {
      env: { ...process.env, BENCH_CLIENT: JSON.stringify({ url, token, bodies, runs, warmup, bump }) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`benchmark client exited with ${code}`));
      const times = (JSON.parse(out) as number[]).sort((x, y) => x - y);
      resolve({ p50: percentile(times, 50), p95: percentile(times, 95), runs: times.length });
    });
  });
}

interface Case {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  file: string;
  params: Record<string, unknown>;
  rows: number;
}

const COVERAGE_FIELDS = `region { code name level } households dtksHouseholds aidedHouseholds stackedHouseholds unaidedDtksHouseholds aidedNonDtksHouseholds aidAmount`;
const QUALITY_FIELDS = `region { code name level } invalidNik unmatchedRecipients duplicatePayments deceasedRecipients possibleDuplicates`;

function cases(): Case[] {
  const cov = (filter?: object) =>
    `query($level: RegionLevel!, $within: String${filter ? ', $filter: AidFilter' : ''}) { coverage(level: $level, within: $within${filter ? ', filter: $filter' : ''}) { ${COVERAGE_FIELDS} } }`;
  const several = { programs: ['PKH', 'BPNT', 'BST'], year: 2020, stage: 2 };
  return [
    { name: 'coverage(VILLAGE, within "75")', query: cov(), variables: { level: 'VILLAGE', within: '75' }, file: 'coverage', params: figureParams(4, '75'), rows: 729 },
    { name: 'coverage(REGENCY)', query: cov(), variables: { level: 'REGENCY' }, file: 'coverage', params: figureParams(2, null), rows: 514 },
    {
      name: 'coverage(VILLAGE, "75", PKH)',
      query: cov({}),
      variables: { level: 'VILLAGE', within: '75', filter: { programs: ['PKH'] } },
      file: 'coverage',
      params: figureParams(4, '75', { programs: ['PKH'] }),
      rows: 729,
    },
    {
      name: 'coverage(VILLAGE, "75", PKH+BPNT+BST 2020/2)',
      query: cov({}),
      variables: { level: 'VILLAGE', within: '75', filter: several },
      file: 'coverage',
      params: figureParams(4, '75', several),
      rows: 729,
    },
    {
      name: 'dataQuality(VILLAGE, within "75")',
      query: `query($level: RegionLevel!, $within: String) { dataQuality(level: $level, within: $within) { ${QUALITY_FIELDS} } }`,
      variables: { level: 'VILLAGE', within: '75' },
      file: 'data-quality',
      params: figureParams(4, '75'),
      rows: 729,
    },
  ];
}

interface BackendResult {
  backend: string;
  counts: Record<string, number>;
  importMs: Record<string, number>;
  refreshAllMs: number;
  queries: { name: string; graphql: Stat; uncached: Stat; sql: Stat; ratio: number; uncachedRatio: number }[];
  raw: Stat;
  nikSearch: { graphql: Stat; sql: Stat };
}

/** Migrates, loads regions and imports the data set through importFile (analytics refreshed by its hook). */
async function loadData(db: Database, o: ReturnType<typeof args>): Promise<{ importMs: Record<string, number>; refreshAllMs: number }> {
  const importMs: Record<string, number> = {};
  let t = Date.now();
  await migrate(db.orm);
  await loadRegions(db.orm.em.fork());
  console.log(`  migrate + regions                  ${((Date.now() - t) / 1000).toFixed(1)} s`);
  for (const [kind, file] of [
    ['programs', 'programs.csv'],
    ['households', 'households.csv'],
    ['recipients', 'recipients.csv'],
    ['civil-events', 'civil-events.csv'],
  ] as [ImportKind, string][]) {
    t = Date.now();
    const r = await importFile(db.orm, { kind, filePath: path.join(o.dir, file), username: 'bench' });
    importMs[kind] = Date.now() - t;
    if (r.status !== 'landed') throw new Error(`import ${kind}: ${r.status} — ${r.message}`);
    console.log(`  import ${kind.padEnd(28)}${(importMs[kind]! / 1000).toFixed(1)} s (${r.accepted} rows, analytics refresh included)`);
  }
  t = Date.now();
  await db.orm.em.fork().transactional((tx) => refreshAll(tx));
  const refreshAllMs = Date.now() - t;
  console.log(`  analytics full rebuild on its own  ${(refreshAllMs / 1000).toFixed(1)} s`);
  return { importMs, refreshAllMs };
}

async function runBackend(label: string, db: Database, o: ReturnType<typeof args>, load: boolean): Promise<BackendResult> {
  console.log(`\n== ${label} ==`);
  if (!load) await migrate(db.orm); // a kept database from an earlier version of the schema
  const { importMs, refreshAllMs } = load ? await loadData(db, o) : { importMs: {}, refreshAllMs: 0 };
  // What autovacuum does shortly after a load in production: statistics and the visibility map
  // (index-only scans), for the model tables too, which the benchmark reads right away.
  const t = Date.now();
  await db.orm.em.fork().getConnection().execute('vacuum analyze');
  console.log(`  vacuum analyze                     ${((Date.now() - t) / 1000).toFixed(1)} s`);

  const em = db.orm.em.fork();
  const [counts] = await em.execute<Record<string, number>[]>(
    `select (select count(*) from household)::int as households, (select count(*) from person)::int as persons,
            (select count(*) from payment)::int as payments, (select count(*) from analytics_aid_rollup)::int as aid_rollup_rows,
            (select count(*) from analytics_desa_rollup)::int as desa_rollup_rows, (select count(*) from analytics_household_aid)::int as household_aid_rows,
            (select count(*) from duplicate_pair)::int as duplicate_pairs`,
  );
  console.log(`  ${JSON.stringify(counts)}`);

  // The real app over HTTP, as a client sees it.
  const config = { ...loadConfig({}), dataDir: os.tmpdir(), adminPassword: ADMIN_PASSWORD, jwtSecret: 'bench-secret' };
  await ensureAdmin(db.orm.em.fork(), { adminPassword: ADMIN_PASSWORD, dataDir: os.tmpdir() });
  const { app, stop } = await createApp({ orm: db.orm, config });
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const post = (body: object, token?: string) =>
    new Promise<{ data?: Record<string, unknown[]>; errors?: unknown[] }>((resolve, reject) => {
      const payload = JSON.stringify(body);
      const req = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
            } catch (err) {
              reject(err);
            }
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const login = await post({ query: `mutation { login(username: "admin", password: "${ADMIN_PASSWORD}") { token } }` });
  const token = (login.data as unknown as { login: { token: string } }).login.token;

  // The baseline connection: plain pg, no ORM, no HTTP.
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const queries: BackendResult['queries'] = [];
  try {
    console.log(
      `  ${'query'.padEnd(46)} ${'GraphQL p50'.padStart(11)} ${'p95'.padStart(10)}   ${'SQL p50'.padStart(10)} ${'p95'.padStart(10)}   ratio` +
        `   ${'uncached p50'.padStart(12)} ${'p95'.padStart(10)}   ratio`,
    );
    for (const c of cases()) {
      const check = await post({ query: c.query, variables: c.variables }, token);
      if (check.errors) throw new Error(`${c.name}: ${JSON.stringify(check.errors)}`);
      const got = Object.values(check.data!)[0]!.length;
      if (got !== c.rows) throw new Error(`${c.name}: ${got} rows, expected ${c.rows}`);
      // as a client sees it: repeated views of unchanged data come from the response cache
      const graphql = await httpTimes(url, token, [{ query: c.query, variables: c.variables }], o.runs);
      // the first request after an import: the resolver, its SQL and graphql-js execution
      const uncached = await httpTimes(url, token, [{ query: c.query, variables: c.variables }], o.runs, 3, db.url);
      const stmt = positional(sqlFile(SQL_DIR, c.file), c.params);
      const sql = await measure(o.runs, () => client.query(stmt.text, stmt.values));
      const ratio = graphql.p50 / sql.p50;
      const uncachedRatio = uncached.p50 / sql.p50;
      queries.push({ name: c.name, graphql, uncached, sql, ratio, uncachedRatio });
      console.log(
        `  ${c.name.padEnd(46)} ${ms(graphql.p50)} ${ms(graphql.p95)}   ${ms(sql.p50)} ${ms(sql.p95)}   ${ratio.toFixed(2)}×` +
          `   ${ms(uncached.p50).padStart(12)} ${ms(uncached.p95)}   ${uncachedRatio.toFixed(2)}×`,
      );
    }

    // Reference without rollups (a few runs: it is slow by design).
    const raw = await measure(5, () => client.query(RAW_COVERAGE), 1);
    console.log(`  ${'reference: same figures from raw tables'.padEnd(46)} ${''.padStart(23)}   ${ms(raw.p50)} ${ms(raw.p95)}   (5 runs)`);

    // Exact NIK search: random roster NIKs (a fixed sample), the household with members.
    const sample = (await client.query<{ nik: string }>(`select nik from person tablesample system (1) repeatable (7) limit 200`)).rows.map((r) => r.nik);
    const nikQuery = `query($s: String!) { households(filter: { search: $s }, first: 5) { totalCount edges { node { noKk members { nik name } } } } }`;
    const nikCheck = await post({ query: nikQuery, variables: { s: sample[0] } }, token);
    if (nikCheck.errors || (nikCheck.data as unknown as { households: { totalCount: number } }).households.totalCount !== 1) {
      throw new Error(`NIK search: ${JSON.stringify(nikCheck)}`);
    }
    const nikGraphql = await httpTimes(url, token, sample.map((s) => ({ query: nikQuery, variables: { s } })), o.runs);
    const nikParams = {
      within: null, dtks: null, desil: null, name: null, aided: null, min_programs: null, program: null,
      programs: null, year: null, stage: null, after_desa: null, after_kk: null, offset: 0, limit: 5, with_total: true, named: null,
    };
    const nikSql = await measure(o.runs, (i) => {
      const stmt = positional(sqlFile(SQL_DIR, 'households'), { ...nikParams, number: sample[(i + sample.length) % sample.length] });
      return client.query(stmt.text, stmt.values);
    });
    console.log(`  ${'households(search: exact NIK) + members'.padEnd(46)} ${ms(nikGraphql.p50)} ${ms(nikGraphql.p95)}   ${ms(nikSql.p50)} ${ms(nikSql.p95)}   (SQL: the list query only)`);
    return { backend: label, counts, importMs, refreshAllMs, queries, raw, nikSearch: { graphql: nikGraphql, sql: nikSql } };
  } finally {
    await client.end();
    agent.destroy();
    await new Promise<void>((r) => server.close(() => r()));
    await stop();
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

async function main() {
  const o = args();
  console.log(`Coverage benchmark: ${o.households} households, seed ${o.seed}, data in ${o.dir}, ${o.runs} runs per query`);
  const truthFile = path.join(o.dir, 'truth.json');
  if (o.reuse && fs.existsSync(truthFile)) {
    const truth = JSON.parse(fs.readFileSync(truthFile, 'utf8')) as Truth;
    if (truth.households !== o.households || truth.seed !== o.seed) {
      throw new Error(`--reuse: ${truthFile} is for ${truth.households} households / seed ${truth.seed}, not ${o.households} / ${o.seed}.`);
    }
    console.log(`  reusing the generated data set`);
  } else {
    const t = Date.now();
    await generateDataSet({ households: o.households, seed: o.seed, out: o.dir, province: '75', ...DEFAULT_RATES });
    console.log(`  generated in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }

  const results: BackendResult[] = [];
  const url = process.env.DATABASE_URL;
  if (o.postgres) {
    if (!url) {
      console.error('DATABASE_URL is not set: the PostGIS part needs a real PostgreSQL with PostGIS (e.g. postgres://postgres@127.0.0.1:5432/postgres); use --no-postgres to skip it.');
      process.exit(2);
    }
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    if (!o.reuseDb) {
      await admin.query(`drop database if exists ${BENCH_DB} with (force)`);
      await admin.query(`create database ${BENCH_DB}`);
    }
    const db = await openDatabase({ databaseUrl: withDatabase(url, BENCH_DB) });
    try {
      results.push(await runBackend('PostgreSQL/PostGIS', db, o, !o.reuseDb));
    } finally {
      await db.close();
      if (!o.keep && !o.reuseDb) await admin.query(`drop database if exists ${BENCH_DB} with (force)`);
      await admin.end();
    }
  }
  if (o.embedded) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bansos-bench-coverage-'));
    const db = await openDatabase({ dataDir });
    try {
      results.push(await runBackend('embedded PGlite', db, o, true));
    } finally {
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  console.log('\n' + JSON.stringify({ bench: 'coverage', households: o.households, seed: o.seed, runs: o.runs, results }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
