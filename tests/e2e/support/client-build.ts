import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');
export const CLIENT_DIR = path.join(ROOT, 'client');
export const CLIENT_DIST = path.join(CLIENT_DIR, 'dist');

function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

/** Is client/dist missing or older than any source of the client? */
export function clientIsStale(): boolean {
  const built = path.join(CLIENT_DIST, 'index.html');
  if (!fs.existsSync(built)) return true;
  const sources = [path.join(CLIENT_DIR, 'src'), path.join(CLIENT_DIR, 'index.html'), path.join(CLIENT_DIR, 'vite.config.ts')];
  const newest = Math.max(...sources.map(newestMtime));
  return newest > fs.statSync(built).mtimeMs;
}

const LOCK = path.join(os.tmpdir(), 'bansos-client-build.lock');

/** One build at a time across test files and processes (a directory is created atomically). */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // A lock older than 5 minutes belongs to a build that died.
      const held = fs.statSync(LOCK, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 300_000) fs.rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() - t0 > 600_000) throw new Error(`waited 10 minutes for ${LOCK}`, { cause: err });
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds the client with vite's build() API when client/dist is missing or stale; returns the dist folder. */
export async function ensureClientBuilt(log: (m: string) => void = console.log): Promise<string> {
  if (!clientIsStale()) return CLIENT_DIST;
  return withLock(async () => {
    // Another process may have built it while this one waited.
    if (!clientIsStale()) return CLIENT_DIST;
    const t0 = Date.now();
    const { build } = await import('vite');
    await build({ configFile: path.join(CLIENT_DIR, 'vite.config.ts'), logLevel: 'error' });
    log(`[e2e] client built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return CLIENT_DIST;
  });
}
