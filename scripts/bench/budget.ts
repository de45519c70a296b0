/**
 * Budget benchmark (issue 7): budgetRealisation for every kab/kota (514 rows) on the demo data
 * set — Gorontalo generated with the demo's seed (350,000 households by default) and imported
 * through importFile — timed as p50 / p95 over many runs:
 *   - GraphQL over HTTP (createApp, bearer token): what the dashboard waits for;
 *   - budget.service budgetRealisation (the named SQL file plus its argument checks);
 *   - the named SQL alone (sql/budget-realisation.sql);
 *   - the baseline: the query one writes by hand — every kab/kota LEFT JOINed to the lines
 *     whose code it prefixes (`b.region_code like r.code || '%'`), then GROUP BY.
 * Results of the service and the baseline are compared row by row before timing.
 * With the full demo (default) the companions are timed too: budgetCost, disbursementTimeline,
 * budgetByStage and createRakorevSnapshot.
 *
 * Usage:
 *   [DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres] npm run bench -- budget \
 *     [--households 350000] [--seed gorontalo-rakorev-2020] [--dir /tmp/bench-budget] [--reuse]
 *     [--budgets-only] [--runs 200]
 * Without DATABASE_URL it runs on the embedded PGlite (a fresh data dir under --dir);
 * with it, the database `bansos_bench_budget` on that server is dropped and re-created.
 * --budgets-only imports programs and budgets only (budgetRealisation reads nothing else).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { migrate, openDatabase, type Database } from '../../server/src/db/database';
import { runSql, sqlFile } from '../../server/src/db/sql';
import { ensureAdmin, issueToken } from '../../server/src/modules/auth/auth.service';
import { User } from '../../server/src/modules/auth/user.entity';
import { budgetByStage, budgetCost, budgetRealisation, disbursementTimeline } from '../../server/src/modules/budget/budget.service';
import { createRakorevSnapshot } from '../../server/src/modules/budget/rakorev-snapshot.service';
import { DEMO_ORDER, DEMO_SEED } from '../../server/src/modules/generator/demo';
import { DEFAULT_RATES, FILES, generateDataSet } from '../../server/src/modules/generator/generate';
import { importFile } from '../../server/src/modules/imports/import.service';
import type { ImportKind } from '../../server/src/modules/imports/types';
import { RegionLevel } from '../../server/src/modules/regions/region.entity';
import { loadRegions } from '../../server/src/modules/regions/load-regions';

const BENCH_DB = 'bansos_bench_budget';
const YEAR = 2020;

function args() {
  const a = process.argv.slice(2);
  const get = (flag: string, dflt: string) => {
    const i = a.indexOf(flag);
    return i >= 0 && a[i + 1] ? a[i + 1]! : dflt;
  };
  return {
    households: Number(get('--households', '350000')),
    seed: get('--seed', DEMO_SEED),
    dir: path.resolve(get('--dir', '/tmp/bench-budget')),
    reuse: a.includes('--reuse'),
    budgetsOnly: a.includes('--budgets-only'),
    runs: Number(get('--runs', '200')),
  };
}

const ms = (x: number) => `${x.toFixed(2)} ms`;

/** Times `f` `runs` times after a few warm-up calls; p50 / p95 / max in ms. */
async function measure(runs: number, f: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(10, runs); i++) await f();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = process.hrtime.bigint();
    await f();
    t.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  t.sort((x, y) => x - y);
  const pick = (p: number) => t[Math.min(t.length - 1, Math.floor(p * t.length))]!;
  return { p50: pick(0.5), p95: pick(0.95), max: t[t.length - 1]! };
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

async function openBenchDb(dir: string): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dataDir = path.join(dir, 'embedded');
    fs.rmSync(dataDir, { recursive: true, force: true });
    return openDatabase({ dataDir });
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${BENCH_DB} with (force)`);
  await admin.query(`create database ${BENCH_DB}`);
  await admin.end();
  return openDatabase({ databaseUrl: withDatabase(url, BENCH_DB) });
}

/** The baseline: the roll-up as one writes it by hand, a prefix join then GROUP BY. */
const HAND_WRITTEN = `
  select r.code, r.name,
         coalesce(sum(b.allocated), 0)::float8 as allocated,
         coalesce(sum(b.disbursed), 0)::float8 as disbursed
  from region r
  left join budget_line b on b.year = ? and b.region_code like r.code || '%'
  where r.level = 2
  group by r.code, r.name
  order by r.code`;

async function main() {
  const o = args();
  const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';
  console.log(`Budget benchmark on ${backend}: ${o.households} households, seed "${o.seed}", ${o.runs} runs per query`);
  // Timings on a shared machine mean little without its load: print it beside them.
  console.log(
    `  load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')} on ${os.cpus().length} CPUs`,
  );

  const truthFile = path.join(o.dir, 'truth.json');
  const reuse = o.reuse && fs.existsSync(truthFile) && JSON.parse(fs.readFileSync(truthFile, 'utf8')).households === o.households;
  if (reuse) console.log(`  reusing the generated data set in ${o.dir}`);
  else {
    const t = Date.now();
    await generateDataSet({ ...DEFAULT_RATES, households: o.households, seed: o.seed, out: o.dir, province: '75' });
    console.log(`  generate                ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }

  const db = await openBenchDb(o.dir);
  let server: http.Server | undefined;
  let stop: (() => Promise<void>) | undefined;
  try {
    let t = Date.now();
    await migrate(db.orm);
    await loadRegions(db.orm.em.fork());
    console.log(`  migrate + regions       ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const kinds: readonly ImportKind[] = o.budgetsOnly ? ['programs', 'budgets'] : DEMO_ORDER;
    for (const kind of kinds) {
      t = Date.now();
      const r = await importFile(db.orm, { kind, filePath: path.join(o.dir, FILES[kind]), username: 'bench' });
      if (r.status !== 'landed') throw new Error(`import ${kind}: ${r.status} — ${r.message}`);
      console.log(`  import ${kind.padEnd(16)} ${((Date.now() - t) / 1000).toFixed(1)} s (${r.accepted} rows)`);
    }
    const em = (): EntityManager => db.orm.em.fork();
    const [{ n: lines }] = await em().execute<{ n: number }[]>(`select count(*)::int as n from budget_line where year = ?`, [YEAR]);

    // Same answer first: the service against the hand-written baseline, every kab/kota.
    const ours = await budgetRealisation(em(), { year: YEAR, level: RegionLevel.REGENCY });
    const base = await em().execute<{ code: string; allocated: number; disbursed: number }[]>(HAND_WRITTEN, [YEAR]);
    if (ours.length !== 514 || base.length !== ours.length)
      throw new Error(`row counts differ: service ${ours.length}, baseline ${base.length}`);
    ours.forEach((r, i) => {
      const b = base[i]!;
      if (r.code !== b.code || r.allocated !== b.allocated || r.disbursed !== b.disbursed) {
        throw new Error(`service and baseline disagree on ${r.code}: ${JSON.stringify(r)} vs ${JSON.stringify(b)}`);
      }
    });
    const g = ours.filter((r) => r.code.startsWith('75'));
    const tot = g.reduce((s, r) => ({ a: s.a + r.allocated, d: s.d + r.disbursed }), { a: 0, d: 0 });
    console.log(
      `  ${lines} budget lines of ${YEAR}; Gorontalo all programs: pagu Rp${(tot.a / 1e9).toFixed(2)} bn, realisasi Rp${(tot.d / 1e9).toFixed(2)} bn`,
    );

    // The real HTTP path with a bearer token.
    const config = { ...loadConfig({}), dataDir: o.dir, jwtSecret: 'bench-secret' };
    await ensureAdmin(em(), { adminPassword: 'bench-password', dataDir: o.dir });
    const adminUser = await em().findOneOrFail(User, { username: 'admin' });
    const token = await issueToken(em(), config.jwtSecret, adminUser, 3600);
    const app = await createApp({ orm: db.orm, config });
    stop = app.stop;
    server = http.createServer(app.app);
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const gqlBody = JSON.stringify({
      query: `{ budgetRealisation(year: ${YEAR}, level: REGENCY) { region { code name } allocated disbursed outstanding realisationRate } }`,
    });
    const viaHttp = async () => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: gqlBody,
      });
      const j = (await res.json()) as { data?: { budgetRealisation: unknown[] }; errors?: unknown };
      if (!j.data || j.data.budgetRealisation.length !== 514)
        throw new Error(`GraphQL answered ${JSON.stringify(j.errors ?? j).slice(0, 300)}`);
    };
    const fileSql = sqlFile(path.resolve(import.meta.dirname, '../../server/src/modules/budget/sql'), 'budget-realisation');

    console.log(`\nbudgetRealisation(year: ${YEAR}, level: REGENCY) — all 514 kab/kota`);
    console.log(`  ${'path'.padEnd(44)} ${'p50'.padStart(10)} ${'p95'.padStart(10)} ${'max'.padStart(10)}`);
    const row = (label: string, r: { p50: number; p95: number; max: number }) =>
      console.log(`  ${label.padEnd(44)} ${ms(r.p50).padStart(10)} ${ms(r.p95).padStart(10)} ${ms(r.max).padStart(10)}`);
    row('GraphQL over HTTP', await measure(o.runs, viaHttp));
    // The floor of any authenticated GraphQL request here (token check, user lookup, Apollo): not budget work.
    const meBody = JSON.stringify({ query: '{ me { username } }' });
    row(
      '  (for scale: GraphQL `me` over HTTP)',
      await measure(o.runs, () =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: meBody,
        }).then((r) => r.json()),
      ),
    );
    const svc = await measure(o.runs, () => budgetRealisation(em(), { year: YEAR, level: RegionLevel.REGENCY }));
    row('service (checks + SQL file)', svc);
    const file = await measure(o.runs, () =>
      runSql(em(), fileSql, { year: YEAR, level: 2, len: 4, within: null, programs: null, stage: null }),
    );
    row('SQL file alone (budget-realisation.sql)', file);
    row('  (for scale: `select 1` round trip)', await measure(o.runs, () => em().execute('select 1')));
    const hand = await measure(o.runs, () => em().execute(HAND_WRITTEN, [YEAR]));
    row('hand-written prefix join (baseline)', hand);
    console.log(`  baseline / SQL file at p50: ${(hand.p50 / file.p50).toFixed(1)}×`);

    const others: [string, () => Promise<unknown>][] = [
      [
        'budgetRealisation VILLAGE within 75 (729 desa)',
        () => budgetRealisation(em(), { year: YEAR, level: RegionLevel.VILLAGE, within: '75' }),
      ],
      ['budgetByStage within 75', () => budgetByStage(em(), { year: YEAR, within: '75' })],
    ];
    if (!o.budgetsOnly) {
      others.push(
        ['budgetCost REGENCY within 75', () => budgetCost(em(), { year: YEAR, level: RegionLevel.REGENCY, within: '75' })],
        ['disbursementTimeline within 75', () => disbursementTimeline(em(), { year: YEAR, within: '75' })],
      );
    }
    console.log(`\ncompanions (load average now ${os.loadavg()[0]!.toFixed(1)})`);
    for (const [label, f] of others) row(label, await measure(Math.max(5, Math.floor(o.runs / 10)), f));
    if (!o.budgetsOnly) {
      const user = { id: adminUser.id, username: 'admin', role: adminUser.role, regionCode: null };
      row(
        'createRakorevSnapshot within 75',
        await measure(5, () => createRakorevSnapshot(em(), user, { title: 'bench', year: YEAR, quarter: 3, within: '75' })),
      );
    }
  } finally {
    if (server) await new Promise<void>((r) => server!.close(() => r()));
    await stop?.();
    await db.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`✖ ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  },
);
