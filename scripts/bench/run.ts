/**
 * `npm run bench -- <name> [options]`: runs scripts/bench/<name>.ts in production mode, as
 * `npm start` runs the portal. NODE_ENV must be set before graphql-js loads (it picks its
 * development checks at import time, which cost a third of an uncached coverage answer),
 * hence a child process rather than an import.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dir = import.meta.dirname;
const benches = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -3))
  .sort();
const [name, ...rest] = process.argv.slice(2);
if (!name || !benches.includes(name)) {
  console.error(`Usage: npm run bench -- <${benches.join('|')}> [options]  (options: see the header of scripts/bench/<name>.ts)`);
  process.exit(2);
}
const child = spawn(process.execPath, ['--import', 'tsx', path.join(dir, `${name}.ts`), ...rest], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' },
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
