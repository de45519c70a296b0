import 'reflect-metadata';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import express from 'express';
import { ConfigError, loadConfig, type Config } from './config';
import { createApp } from './app';
import { prepareDatabase } from './bootstrap';
import { newStatus } from './status';
import { DatabaseError } from './db/database';
import { EmbeddedDbError } from './db/embedded';
import { startupTasks } from './startup-tasks';

const CLIENT_DIR = path.resolve(import.meta.dirname, '../../client/dist');

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new ConfigError(`Port ${port} is already in use: stop the program using it or start with another port, e.g. PORT=4001 npm start.`));
      else if (err.code === 'EACCES') reject(new ConfigError(`Port ${port} may not be opened by this user: choose a port above 1024, e.g. PORT=4001 npm start.`));
      else reject(err);
    });
    server.listen(port, resolve);
  });
}

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    fail((err as Error).message);
  }
  if (!config.databaseUrl) {
    // The embedded database serves one process: refuse to open it twice.
    const lock = path.join(config.dataDir, 'portal.json');
    if (fs.existsSync(lock)) {
      const other = JSON.parse(fs.readFileSync(lock, 'utf8')) as { pid: number; port: number };
      if (isAlive(other.pid) && other.pid !== process.pid) {
        fail(`The portal is already running on ${config.dataDir} (pid ${other.pid}, port ${other.port}); the embedded database serves one process. Stop it first, or use another DATA_DIR.`);
      }
    }
  }
  const status = newStatus();
  // Answer /healthz (503 + progress) from the first second, before the database is up.
  let handler: express.Express = express();
  handler.get('/healthz', (_req, res) => res.status(status.error ? 500 : 503).json(status));
  handler.use((_req, res) => res.status(503).json(status));
  const server = http.createServer((req, res) => handler(req, res));
  try {
    await listen(server, config.port);
  } catch (err) {
    fail((err as Error).message);
  }
  const url = `http://localhost:${config.port}`;
  console.log(`Portal bansos: listening on ${url} (health: ${url}/healthz)`);

  if (!config.databaseUrl) {
    // Lets the CLI find the running portal, and a second portal refuse to open the same folder.
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(path.join(config.dataDir, 'portal.json'), JSON.stringify({ pid: process.pid, port: config.port }), { mode: 0o600 });
  }
  // A first start on an empty embedded DATA_DIR loads the demo: its files are generated in a worker
  // thread while the database starts, migrates and loads the regions.
  const demo = await import('./modules/generator/demo');
  const demoGeneration = demo.demoCertain(config) ? demo.startDemoGeneration(config, (m) => console.log(m)) : undefined;
  try {
    const { db, admin } = await prepareDatabase(config, status, (m) => console.log(m));
    // Without its database thread the portal can only fail every request: stop, so it is seen and restarted.
    db.embedded?.onFailure(() => {
      fs.rmSync(path.join(config.dataDir, 'portal.json'), { force: true });
      process.exit(1);
    });
    if (admin.created) {
      if (admin.password) {
        console.log(`\nAdmin account created. Log in as "admin" with password: ${admin.password}`);
        console.log(`(also written to ${admin.passwordFile}; it is shown only once)\n`);
      } else console.log('\nAdmin account created with the password from ADMIN_PASSWORD.\n');
    } else console.log('Log in as "admin" (password: ADMIN_PASSWORD at first start, or see DATA_DIR/admin-password.txt).');

    const { app } = await createApp({ orm: db.orm, config, status, clientDir: CLIENT_DIR });
    handler = app;
    for (const task of startupTasks) await task({ orm: db.orm, config, status, log: (m) => console.log(m), demoGeneration });
    Object.assign(status, { ready: true, phase: 'ready', message: 'Siap', progress: 1 });
    console.log(`Ready: open ${url} (GraphQL at ${url}/graphql)`);

    const shutdown = async () => {
      server.close();
      try {
        fs.rmSync(path.join(config.dataDir, 'portal.json'), { force: true });
      } finally {
        await db.close();
        process.exit(0);
      }
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  } catch (err) {
    const known = err instanceof DatabaseError || err instanceof EmbeddedDbError || err instanceof ConfigError;
    status.error = (err as Error).message;
    if (!known) console.error(err);
    server.close();
    fail((err as Error).message);
  }
}

void main();
