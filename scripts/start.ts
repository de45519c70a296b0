/**
 * `npm start`: builds the web client (vite, in a child process) while the server starts, instead of
 * before it, at the lowest CPU priority: the first start spends minutes loading the demo, and the
 * build (about 7 s of CPU) then takes the cores only while the database and the importer leave them
 * idle. A failed build stops the portal loudly.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const build = spawn(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'client/vite.config.ts'], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
});
build.on('error', (err) => {
  console.error(`\n✖ Could not start the web client's build (vite build): ${err.message}\n`);
  process.exit(1);
});
build.on('exit', (code, signal) => {
  if (code === 0) return;
  console.error(`\n✖ Building the web client failed (vite build: ${signal ?? `exit code ${code}`}); see its output above.\n`);
  process.exit(1);
});
// Threads the build starts later inherit the priority (Linux nice values are per thread).
if (build.pid) os.setPriority(build.pid, 19);

await import('../server/src/main');
