/**
 * Load benchmark (issue 9): 50 concurrent authenticated clients drive a rakorev-like mix of
 * GraphQL queries (coverage maps, budget realisation, region boundaries, household search,
 * data quality) against the portal for 30 s, on the full demo data set (Gorontalo,
 * 350,000 households generated and imported through the real import path).
 *
 * The portal runs in this process (the real createApp on DATABASE_URL, as `npm start` would),
 * the load generator (autocannon) in a worker thread, so the two do not share an event loop.
 * Prints throughput, latency p50/p95/p99 and errors (transport errors, timeouts, non-2xx and
 * GraphQL `errors` in 200 answers), then the goal: p95 ≤ 300 ms and 0 errors.
 *
 * Usage:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- load \
 *     [--households 350000] [--connections 50] [--rate 1] [--duration 30] [--warmup 5] [--db bansos_bench_load] [--fresh] [--prepare-only]
 * --rate: requests per second of each client (default 1: fifty people clicking through a rakorev
 * deck, a few queries per screen); --rate 0 sends each client's next request as soon as the last
 * one is answered, i.e. measures saturation throughput.
 * The database --db on that server is created and loaded with the demo once, then reused
 * (--fresh drops and rebuilds it). The demo generator writes its files to /tmp/bench-load.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import pg from 'pg';

interface Options {
  households: number;
  connections: number;
  /** Requests per second of each client; 0 = each client sends the next request as soon as the last is answered. */
  rate: number;
  duration: number;
  warmup: number;
  db: string;
  fresh: boolean;
  /** Only build the database (generate + import the demo), no load run. */
  prepareOnly: boolean;
}

interface LoadRequest {
  name: string;
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

interface WorkerInput {
  url: string;
  connections: number;
  rate: number;
  duration: number;
  warmup: number;
  requests: LoadRequest[];
}

interface WorkerOutput {
  requests: number;
  seconds: number;
  throughput: number;
  latencies: { p50: number; p95: number; p99: number; max: number; mean: number };
  errors: { transport: number; timeouts: number; non2xx: number; graphql: number };
  firstGraphqlError: string | null;
}

function parseArgs(argv: string[]): Options {
  const get = (flag: string, dflt: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 && argv[i + 1] ? argv[i + 1]! : dflt;
  };
  const num = (flag: string, dflt: number, min: number) => {
    const v = Number(get(flag, String(dflt)));
    if (!Number.isInteger(v) || v < min) throw new Error(`${flag} must be a whole number ≥ ${min}, got ${get(flag, String(dflt))}.`);
    return v;
  };
  const db = get('--db', 'bansos_bench_load');
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(db)) throw new Error(`--db must be a plain database name, got "${db}".`);
  return {
    households: num('--households', 350_000, 1),
    connections: num('--connections', 50, 1),
    rate: num('--rate', 1, 0),
    duration: num('--duration', 30, 1),
    warmup: num('--warmup', 5, 0),
    db,
    fresh: argv.includes('--fresh'),
    prepareOnly: argv.includes('--prepare-only'),
  };
}

// ---------------------------------------------------------------- load generator (worker thread)

/**
 * The load generator, run in a worker thread (plain JavaScript: a worker does not get tsx's
 * loader). autocannon's histogram has p90/p97.5/p99 but no p95, so every response time is kept;
 * a GraphQL error comes back with HTTP 200 and is counted through verifyBody ("mismatches").
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const autocannon = require(workerData.autocannonPath);
const input = workerData.input;
let firstGraphqlError = null;
const percentile = (s, p) => (s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] : NaN);
const requests = input.requests.map((r) => ({ method: r.method, path: r.path, headers: r.headers, body: r.body }));
function run(seconds, record) {
  let next = 0;
  return new Promise((resolve, reject) => {
    const latencies = [];
    const instance = autocannon(
      {
        url: input.url,
        connections: input.connections,
        ...(input.rate > 0 ? { connectionRate: input.rate } : {}),
        duration: seconds,
        timeout: 30,
        requests,
        // Each client starts at another place in the mix, so the clients do not all ask the same thing at once.
        setupClient: (client) => {
          const k = next++ % requests.length;
          client.setRequests([...requests.slice(k), ...requests.slice(0, k)]);
        },
        verifyBody: (body) => {
          const ok = !body.includes('"errors"');
          if (!ok && record && !firstGraphqlError) firstGraphqlError = body.slice(0, 400);
          return ok;
        },
      },
      (err, result) => (err ? reject(err) : resolve({ result, latencies })),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}
(async () => {
  if (input.warmup > 0) await run(input.warmup, false);
  const { result, latencies } = await run(input.duration, true);
  latencies.sort((a, b) => a - b);
  // Inside a worker thread autocannon returns its raw (not aggregated) result.
  const total = result.totalCompletedRequests ?? result.requests.total;
  parentPort.postMessage({
    benchLoad: true,
    ok: true,
    out: {
      requests: total,
      seconds: input.duration,
      throughput: total / input.duration,
      latencies: {
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        max: latencies.length ? latencies[latencies.length - 1] : NaN,
        mean: latencies.reduce((s, x) => s + x, 0) / Math.max(1, latencies.length),
      },
      errors: { transport: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, graphql: result.mismatches },
      firstGraphqlError,
    },
  });
})().catch((err) => parentPort.postMessage({ benchLoad: true, ok: false, error: String((err && err.stack) || err) }));
`;

function runLoad(input: WorkerInput): Promise<WorkerOutput> {
  const autocannonPath = createRequire(import.meta.url).resolve('autocannon');
  return new Promise<WorkerOutput>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { autocannonPath, input } });
    // autocannon posts messages of its own when it runs in a worker: take only ours.
    worker.on('message', (m: { benchLoad?: true } & ({ ok: true; out: WorkerOutput } | { ok: false; error: string })) => {
      if (!m || !m.benchLoad) return;
      if (m.ok) resolve(m.out);
      else reject(new Error(m.error));
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

// ---------------------------------------------------------------- portal + data (main thread)

async function ensureDatabase(serverUrl: string, name: string, fresh: boolean): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    if (fresh) await admin.query(`drop database if exists ${name} with (force)`);
    const exists = await admin.query(`select 1 from pg_database where datname = $1`, [name]);
    if (!exists.rowCount) await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(serverUrl);
  u.pathname = '/' + name;
  return u.toString();
}

/** GraphQL request bodies of the mix, with the values the demo data actually has. */
function buildMix(schemaFields: Set<string>, v: { year: number; program: string; kab: string; searches: string[] }, tokens: Record<string, string>) {
  const gql = (name: string, role: string, query: string, variables: Record<string, unknown> = {}): LoadRequest => ({
    name,
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[role]}` },
    body: JSON.stringify({ query, variables }),
  });
  const COVERAGE = 'region { code name level } households dtksHouseholds aidedHouseholds stackedHouseholds unaidedDtksHouseholds aidedNonDtksHouseholds aidAmount';
  const QUALITY = 'region { code name } invalidNik unmatchedRecipients duplicatePayments deceasedRecipients possibleDuplicates';
  const BUDGET = 'region { code name } allocated disbursed outstanding realisationRate';
  const HOUSEHOLD = 'totalCount edges { cursor node { noKk dtks desil region { code name } members { nik name sex birthDate relation } programs { program year stage amount } } } pageInfo { hasNextPage endCursor }';
  const wanted: [string, LoadRequest][] = [
    // The rakorev map: coverage of every desa of the province, then per kab/kota for one program and year.
    ['coverage', gql('coverage desa of 75', 'VIEWER', `query($w:String){ coverage(level: VILLAGE, within: $w) { ${COVERAGE} } }`, { w: '75' })],
    ['regions', gql('desa boundaries of a kab', 'VIEWER', `query($w:String){ regions(level: VILLAGE, within: $w) { code name geometry(simplify: 0.001) } }`, { w: v.kab })],
    ['budgetRealisation', gql('budget per kab', 'VIEWER', `query($y:Int!){ budgetRealisation(year: $y, level: REGENCY, within: "75") { ${BUDGET} } }`, { y: v.year })],
    [
      'coverage',
      gql('coverage per kab, one program', 'ANALYST', `query($f:AidFilter){ coverage(level: REGENCY, within: "75", filter: $f) { ${COVERAGE} } }`, {
        f: { programs: [v.program], year: v.year },
      }),
    ],
    ['households', gql('household search 1', 'ANALYST', `query($s:String){ households(within: "75", filter: { search: $s }, first: 20) { ${HOUSEHOLD} } }`, { s: v.searches[0] })],
    ['budgetRealisation', gql('budget per desa of a kab', 'ANALYST', `query($y:Int!,$w:String){ budgetRealisation(year: $y, level: VILLAGE, within: $w) { ${BUDGET} } }`, { y: v.year, w: v.kab })],
    ['regions', gql('kab boundaries of 75', 'VIEWER', `{ regions(level: REGENCY, within: "75") { code name geometry(simplify: 0.005) } }`)],
    ['dataQuality', gql('data quality per kab', 'ANALYST', `{ dataQuality(level: REGENCY, within: "75") { ${QUALITY} } }`)],
    ['households', gql('household search 2', 'OPERATOR', `query($s:String,$w:String){ households(within: $w, filter: { search: $s }, first: 20) { ${HOUSEHOLD} } }`, { s: v.searches[1], w: v.kab })],
    ['coverage', gql('coverage kecamatan of a kab', 'VIEWER', `query($w:String){ coverage(level: DISTRICT, within: $w) { ${COVERAGE} } }`, { w: v.kab })],
    ['households', gql('household search 3', 'ANALYST', `query($s:String){ households(within: "75", filter: { search: $s }, first: 20) { ${HOUSEHOLD} } }`, { s: v.searches[2] })],
  ];
  const missing = [...new Set(wanted.filter(([f]) => !schemaFields.has(f)).map(([f]) => f))];
  if (missing.length) console.warn(`  ! not in the schema yet, left out of the mix: ${missing.join(', ')}`);
  return wanted.filter(([f]) => schemaFields.has(f)).map(([, r]) => r);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('Set DATABASE_URL to a PostgreSQL/PostGIS server, e.g. postgres://postgres@127.0.0.1:5432/postgres (the goal is measured on PostGIS).');

  const { loadConfig } = await import('../../server/src/config');
  const { prepareDatabase } = await import('../../server/src/bootstrap');
  const { createApp } = await import('../../server/src/app');
  const { newStatus } = await import('../../server/src/status');
  const { loadDemo } = await import('../../server/src/modules/generator/demo');
  const { buildAppSchema } = await import('../../server/src/graphql/schema');
  const { User, Role } = await import('../../server/src/modules/auth/user.entity');
  const { hashPassword } = await import('../../server/src/modules/auth/auth.service');

  console.log(`Load benchmark: ${o.connections} clients × ${o.duration} s (warm-up ${o.warmup} s), database ${o.db}`);
  const dbUrl = await ensureDatabase(serverUrl, o.db, o.fresh);
  const config = { ...loadConfig({ DATABASE_URL: dbUrl, DATA_DIR: '/tmp/bench-load', DEMO: '1', DEMO_HOUSEHOLDS: String(o.households) }), adminPassword: crypto.randomBytes(12).toString('base64url') };
  const t = Date.now();
  const { db } = await prepareDatabase(config, undefined, (m) => console.log(`  ${m}`));
  await loadDemo({ orm: db.orm, config, status: newStatus(), log: (m) => console.log(`  ${m}`) });
  console.log(`  database ready in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  if (o.prepareOnly) {
    await db.close();
    return;
  }

  const em = db.orm.em.fork();
  const [{ n: households }] = await em.execute<{ n: number }[]>(`select count(*)::int as n from household`);
  if (households < o.households) console.warn(`  ! the database has ${households} households, fewer than --households ${o.households} (use --fresh to rebuild)`);

  // One account per role the mix uses; fresh passwords each run.
  const tokens: Record<string, string> = {};
  const passwords: Record<string, string> = {};
  const [{ kab }] = await em.execute<{ kab: string }[]>(`select kab_code as kab from household group by kab_code order by count(*) desc limit 1`);
  for (const [role, region] of [
    [Role.VIEWER, null],
    [Role.ANALYST, null],
    [Role.OPERATOR, kab],
  ] as const) {
    const username = `bench-${role.toLowerCase()}`;
    const password = crypto.randomBytes(12).toString('base64url');
    passwords[role] = password;
    const hash = await hashPassword(password);
    const existing = await em.findOne(User, { username });
    if (existing) Object.assign(existing, { passwordHash: hash, role, regionCode: region, disabled: false });
    else em.create(User, { username, passwordHash: hash, role, regionCode: region, disabled: false, createdAt: new Date() });
  }
  await em.flush();

  const { app, stop } = await createApp({ orm: db.orm, config });
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const role of Object.keys(passwords)) {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($u:String!,$p:String!){ login(username:$u,password:$p){ token } }', variables: { u: `bench-${role.toLowerCase()}`, p: passwords[role] } }),
    });
    const body = (await res.json()) as { data?: { login: { token: string } }; errors?: unknown };
    if (!body.data) throw new Error(`login of bench-${role.toLowerCase()} failed: ${JSON.stringify(body.errors)}`);
    tokens[role] = body.data.login.token;
  }

  // Values the demo really has: the year with most payments, its biggest program, names to search for.
  const [{ year }] = await em.execute<{ year: number }[]>(`select year from payment group by year order by count(*) desc limit 1`);
  const [{ program }] = await em.execute<{ program: string }[]>(`select program from payment where year = ? group by program order by count(*) desc limit 1`, [year]);
  // What an officer types to find one family: an exact NIK, an exact No. KK, a person's full name.
  const [one] = await em.execute<{ nik: string; no_kk: string; name: string }[]>(
    `select nik, no_kk, name from person where kab_code = ? and nik_valid order by nik offset 1000 limit 1`,
    [kab],
  );
  const [other] = await em.execute<{ no_kk: string }[]>(`select no_kk from household where kab_code = ? order by no_kk offset 2000 limit 1`, [kab]);
  const searches = [one.nik, other.no_kk, one.name.toLowerCase()];
  const schema = await buildAppSchema();
  const fields = new Set(Object.keys(schema.getQueryType()!.getFields()));
  const dotted = `${kab.slice(0, 2)}.${kab.slice(2)}`;
  const requests = buildMix(fields, { year, program, kab: dotted, searches }, tokens);
  console.log(`  data: ${households.toLocaleString('en')} households; year ${year}, program ${program}, kab/kota ${dotted}; searches: a NIK, a No. KK, "${searches[2]}"`);

  // Each query once, alone: what a single user waits for, to read the load figures against.
  console.log('\n  one at a time (ms):');
  for (const r of requests) {
    const t0 = performance.now();
    const res = await fetch(url + r.path, { method: r.method, headers: r.headers, body: r.body });
    const text = await res.text();
    const ms = performance.now() - t0;
    const bad = res.status !== 200 || text.includes('"errors"');
    console.log(`    ${ms.toFixed(0).padStart(6)}  ${(text.length / 1024).toFixed(0).padStart(6)} KB  ${r.name}${bad ? `  ✖ ${text.slice(0, 200)}` : ''}`);
  }

  const pace = o.rate > 0 ? `each at ${o.rate} request/s (a participant clicking through the deck)` : 'each sending its next request as soon as the last is answered (saturation)';
  console.log(`\n  running ${o.connections} clients for ${o.duration} s, ${pace}…`);
  const loadBefore = os.loadavg()[0];
  const out = await runLoad({ url, connections: o.connections, rate: o.rate, duration: o.duration, warmup: o.warmup, requests });

  const errors = out.errors.transport + out.errors.timeouts + out.errors.non2xx + out.errors.graphql;
  const l = out.latencies;
  console.log(`
  backend        PostgreSQL/PostGIS (${path.basename(new URL(dbUrl).pathname)}), portal and database on one machine
  machine        ${os.cpus().length} CPUs; load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after (other work on the machine skews the figures)
  clients        ${o.connections} (${o.rate > 0 ? `${o.rate} req/s each, ${o.rate * o.connections} req/s offered` : 'closed loop, no pause'})
  duration       ${out.seconds} s
  requests       ${out.requests.toLocaleString('en')}
  throughput     ${out.throughput.toFixed(1)} req/s
  latency p50    ${l.p50.toFixed(0)} ms
  latency p95    ${l.p95.toFixed(0)} ms
  latency p99    ${l.p99.toFixed(0)} ms
  latency max    ${l.max.toFixed(0)} ms (mean ${l.mean.toFixed(0)} ms)
  errors         ${errors} (transport ${out.errors.transport}, timeouts ${out.errors.timeouts}, non-2xx ${out.errors.non2xx}, GraphQL errors ${out.errors.graphql})`);
  if (out.firstGraphqlError) console.log(`  first GraphQL error: ${out.firstGraphqlError}`);
  const met = l.p95 <= 300 && errors === 0;
  console.log(`\n  goal (p95 ≤ 300 ms, 0 errors): ${met ? 'met' : 'NOT met'}\n`);

  // autocannon stops at the deadline with requests still queued here (their sockets already
  // closed, their handlers still waiting for a connection): let the pool drain before closing it.
  const pool = (db.orm.em.getConnection().getKnex().client as { pool: { numUsed(): number; numPendingAcquires(): number } }).pool;
  for (let i = 0; i < 1200 && (pool.numUsed() > 0 || pool.numPendingAcquires() > 0); i++) await new Promise((r) => setTimeout(r, 100));
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await stop();
  await db.close();
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(`✖ ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
