/**
 * Map benchmark (issue 8): in headless Chromium, the time from navigation to
 * the first fully drawn choropleth of Gorontalo's 729 desa
 * (/peta?level=village&within=75: boundaries + coverage classed and painted,
 * the map idle), and the bytes of geometry transferred for it.
 * Goal: ≤ 2 s and ≤ 1.5 MB.
 *
 * "Drawn" is the map's own signal: data-map-state="drawn" on the map element,
 * set when maplibre goes idle after the view's boundaries and colours were
 * applied (CoverageMap.tsx). The moment is taken in the page with
 * performance.now(), i.e. from the navigation's start. Cold = a fresh browser
 * profile (nothing cached); warm = the next navigations (scripts cached, the
 * app and its GraphQL cache start afresh each time).
 *
 * Usage:
 *   npm run bench -- map --url http://localhost:4000 --user admin --password <pw> [--runs 5]
 *     measures a running portal (e.g. `npm start` with its demo);
 *   npm run bench -- map [--households 350000] [--seed map-bench] [--dir /tmp/bench-map] [--reuse] [--runs 5]
 *     builds its own: generated Gorontalo data imported through importFile into an embedded
 *     database under --dir (or the database `bansos_bench_map` when DATABASE_URL is set), the
 *     real createApp serving the built client (built first when missing or stale).
 * Needs Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { chromium, type Page } from 'playwright-core';
import { createApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { migrate, openDatabase, type Database } from '../../server/src/db/database';
import { ensureAdmin } from '../../server/src/modules/auth/auth.service';
import { loadRegions } from '../../server/src/modules/regions/load-regions';
import { importFile } from '../../server/src/modules/imports/import.service';
import type { ImportKind } from '../../server/src/modules/imports/types';
import { DEFAULT_RATES, FILES, generateDataSet } from '../../server/src/modules/generator/generate';
import { CHROMIUM_ARGS } from '../../tests/e2e/support/browser';
import { ensureClientBuilt } from '../../tests/e2e/support/client-build';

const GOAL_MS = 2000;
const GOAL_BYTES = 1.5 * 1024 * 1024;
const VIEW = '/peta?level=village&within=75';
const BENCH_DB = 'bansos_bench_map';
const ADMIN_PASSWORD = 'bench-admin-password';

function args() {
  const a = process.argv.slice(2);
  const get = (flag: string, dflt: string | null = null) => {
    const i = a.indexOf(flag);
    return i >= 0 && a[i + 1] ? a[i + 1]! : dflt;
  };
  return {
    url: get('--url'),
    user: get('--user', 'admin')!,
    password: get('--password'),
    households: Number(get('--households', '350000')),
    seed: get('--seed', 'map-bench')!,
    dir: get('--dir', path.join(os.tmpdir(), 'bench-map'))!,
    reuse: a.includes('--reuse'),
    runs: Number(get('--runs', '5')),
  };
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A portal of our own: database, data through the import path, the real app serving the built client. */
async function ownPortal(o: ReturnType<typeof args>): Promise<{ url: string; password: string; close: () => Promise<void> }> {
  const clientDir = await ensureClientBuilt((m) => console.log(m));
  fs.mkdirSync(o.dir, { recursive: true });
  const dataDir = path.join(o.dir, 'data');
  const marker = path.join(o.dir, `loaded-${o.households}-${o.seed}.json`);
  const reuseDb = o.reuse && fs.existsSync(marker) && !process.env.DATABASE_URL;
  let db: Database;
  if (process.env.DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${BENCH_DB} with (force)`);
    await admin.query(`create database ${BENCH_DB}`);
    await admin.end();
    db = await openDatabase({ databaseUrl: withDatabase(process.env.DATABASE_URL, BENCH_DB) });
  } else {
    const dbDir = path.join(o.dir, 'embedded');
    if (!reuseDb) fs.rmSync(dbDir, { recursive: true, force: true });
    db = await openDatabase({ dataDir: dbDir });
  }
  if (!reuseDb) {
    let t = Date.now();
    await migrate(db.orm);
    await loadRegions(db.orm.em.fork());
    console.log(`migrate + regions: ${((Date.now() - t) / 1000).toFixed(1)} s`);
    if (!(o.reuse && fs.existsSync(path.join(dataDir, FILES.budgets)))) {
      t = Date.now();
      await generateDataSet({ households: o.households, seed: o.seed, out: dataDir, province: '75', ...DEFAULT_RATES });
      console.log(`generated ${o.households} households in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    for (const kind of Object.keys(FILES) as ImportKind[]) {
      t = Date.now();
      const r = await importFile(db.orm, { kind, filePath: path.join(dataDir, FILES[kind as keyof typeof FILES]), username: 'bench' });
      if (r.status !== 'landed') throw new Error(`import ${kind}: ${r.status} — ${r.message}`);
      console.log(`import ${kind}: ${r.accepted} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    if (!process.env.DATABASE_URL) fs.writeFileSync(marker, JSON.stringify({ households: o.households, seed: o.seed }));
  } else console.log('reusing the loaded embedded database');
  const config = { ...loadConfig({}), dataDir: o.dir, adminPassword: ADMIN_PASSWORD, jwtSecret: 'bench-secret' };
  await ensureAdmin(db.orm.em.fork(), { adminPassword: ADMIN_PASSWORD, dataDir: o.dir });
  const { app, stop } = await createApp({ orm: db.orm, config, clientDir });
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    password: ADMIN_PASSWORD,
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await stop();
      await db.close();
    },
  };
}

async function login(url: string, user: string, password: string) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($u:String!,$p:String!){ login(username:$u,password:$p){ token user { username role regionCode } } }',
      variables: { u: user, p: password },
    }),
  });
  const body = (await res.json()) as { data?: { login: { token: string; user: unknown } }; errors?: unknown };
  if (!body.data) throw new Error(`login failed: ${JSON.stringify(body.errors)}`);
  const payload = JSON.parse(Buffer.from(body.data.login.token.split('.')[1]!, 'base64url').toString()) as { exp: number };
  // The client's stored session (client/src/lib/session.ts), so the measured navigation is the map only.
  return { token: body.data.login.token, user: body.data.login.user, expiresAt: payload.exp * 1000 };
}

/** Records in the page when the map first reports a fully drawn choropleth of all 729 desa. */
const WATCH_DRAWN = `(() => {
  const check = () => {
    const el = document.querySelector('[data-testid=coverage-map][data-map-state=drawn][data-region-count="729"]');
    if (el && window.__drawnAt === undefined) window.__drawnAt = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, attributes: true, childList: true, attributeFilter: ['data-map-state'] });
})();`;

interface Run {
  ms: number;
  geometryBytes: number;
  allBytes: number;
  geometryRequestMs: number;
  coverageRequestMs: number;
}

async function measure(page: Page, url: string): Promise<Run> {
  const sizes: Promise<{ op: string | null; bytes: number; endEpoch: number }>[] = [];
  const onResponse = (r: import('playwright-core').Response) => {
    const req = r.request();
    let op: string | null = null;
    if (req.method() === 'POST' && req.url().endsWith('/graphql')) {
      try {
        op = (req.postDataJSON() as { operationName?: string }).operationName ?? null;
      } catch (err) {
        console.warn('unreadable GraphQL request body:', err);
      }
    }
    sizes.push(
      req
        .sizes()
        .then((s) => {
          const t = req.timing(); // startTime is epoch ms; the rest relative to it
          return { op, bytes: s.responseBodySize + s.responseHeadersSize, endEpoch: t.startTime + t.responseEnd };
        })
        // A request cut off by the next navigation has no sizes: it transferred nothing we wait for.
        .catch(() => ({ op, bytes: 0, endEpoch: Number.NaN })),
    );
  };
  page.on('response', onResponse);
  await page.goto(url, { waitUntil: 'commit' });
  // A selector wait, not waitForFunction: the portal's CSP forbids the string evaluation that needs.
  await page.waitForSelector('[data-testid=coverage-map][data-map-state=drawn][data-region-count="729"]', { timeout: 120_000 });
  const ms = (await page.evaluate('window.__drawnAt')) as number;
  const origin = (await page.evaluate('performance.timeOrigin')) as number;
  page.off('response', onResponse);
  const all = (await Promise.all(sizes)).map((x) => ({ ...x, ms: x.endEpoch - origin }));
  const pick = (op: string) => all.filter((s) => s.op === op);
  return {
    ms,
    geometryBytes: pick('MapRegions').reduce((s, x) => s + x.bytes, 0),
    allBytes: all.reduce((s, x) => s + x.bytes, 0),
    geometryRequestMs: Math.max(0, ...pick('MapRegions').map((x) => x.ms)),
    coverageRequestMs: Math.max(0, ...pick('MapCoverage').map((x) => x.ms)),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;

async function main() {
  const o = args();
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromiumPath)) {
    console.error(`No Chromium at ${chromiumPath}: apt-get install -y chromium, or set CHROMIUM_PATH.`);
    process.exit(2);
  }
  let portal: { url: string; password: string; close: () => Promise<void> };
  if (o.url) {
    if (!o.password) {
      console.error('--url needs --password (the password of --user).');
      process.exit(2);
    }
    portal = { url: o.url.replace(/\/$/, ''), password: o.password, close: async () => undefined };
  } else portal = await ownPortal(o);

  try {
    const session = await login(portal.url, o.user, portal.password);
    const results: { cold: Run[]; warm: Run[] } = { cold: [], warm: [] };
    for (let i = 0; i < o.runs; i++) {
      const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-map-chrome-'));
      const ctx = await chromium.launchPersistentContext(profile, {
        executablePath: chromiumPath,
        args: CHROMIUM_ARGS,
        viewport: { width: 1440, height: 900 },
      });
      try {
        await ctx.addInitScript(`localStorage.setItem('bansos.session', ${JSON.stringify(JSON.stringify(session))});`);
        await ctx.addInitScript(WATCH_DRAWN);
        const page = ctx.pages()[0] ?? (await ctx.newPage());
        results.cold.push(await measure(page, `${portal.url}${VIEW}`));
        results.warm.push(await measure(page, `${portal.url}${VIEW}`));
      } finally {
        await ctx.close();
        fs.rmSync(profile, { recursive: true, force: true });
      }
      const c = results.cold[i]!;
      const w = results.warm[i]!;
      console.log(`run ${i + 1}: cold ${c.ms.toFixed(0)} ms, warm ${w.ms.toFixed(0)} ms, geometry ${kb(c.geometryBytes)}`);
    }
    const cold = median(results.cold.map((r) => r.ms));
    const warm = median(results.warm.map((r) => r.ms));
    const geometry = median(results.cold.map((r) => r.geometryBytes));
    console.log(`\nMap of Gorontalo's 729 desa (${VIEW}), headless Chromium, ${o.runs} runs:`);
    console.log(
      `  navigation → fully drawn choropleth: cold p50 ${cold.toFixed(0)} ms (min ${Math.min(...results.cold.map((r) => r.ms)).toFixed(0)}), warm p50 ${warm.toFixed(0)} ms`,
    );
    console.log(
      `  of which the boundaries request ends at ${median(results.cold.map((r) => r.geometryRequestMs)).toFixed(0)} ms, coverage at ${median(results.cold.map((r) => r.coverageRequestMs)).toFixed(0)} ms (cold p50)`,
    );
    console.log(
      `  geometry transferred: ${kb(geometry)} (${geometry} bytes); everything on the page: ${kb(median(results.cold.map((r) => r.allBytes)))} cold, ${kb(median(results.warm.map((r) => r.allBytes)))} warm`,
    );
    console.log(
      `  goal ≤ ${GOAL_MS} ms: ${cold <= GOAL_MS ? 'met' : 'NOT met'} (cold), ${warm <= GOAL_MS ? 'met' : 'NOT met'} (warm); goal ≤ 1,5 MB geometry: ${geometry <= GOAL_BYTES ? 'met' : 'NOT met'}`,
    );
  } finally {
    await portal.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
