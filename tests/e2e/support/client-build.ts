import fs from 'node:fs';
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

/** Builds the client with vite's build() API when client/dist is missing or stale; returns the dist folder. */
export async function ensureClientBuilt(log: (m: string) => void = console.log): Promise<string> {
  if (!clientIsStale()) return CLIENT_DIST;
  const t0 = Date.now();
  const { build } = await import('vite');
  await build({ configFile: path.join(CLIENT_DIR, 'vite.config.ts'), logLevel: 'error' });
  log(`[e2e] client built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return CLIENT_DIST;
}
