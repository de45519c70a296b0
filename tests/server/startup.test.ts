import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Starts the portal as a user would and collects what it prints until it exits. */
function start(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', DEMO: '0', ...env },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'bansos-start-'));

describe('start-up failures say what is wrong in one sentence', () => {
  it('bad DATABASE_URL', async () => {
    const r = await start({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere', PORT: '0', DATA_DIR: tmp() });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Cannot connect to the database at DATABASE_URL=.*nothing is listening there/);
    expect(r.out).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('malformed DATABASE_URL and DEMO', async () => {
    const a = await start({ DATABASE_URL: 'mysql://x', DATA_DIR: tmp() });
    expect(a.code).toBe(1);
    expect(a.out).toContain('DATABASE_URL must start with postgres://');
    const b = await start({ DEMO: 'yes', DATA_DIR: tmp() });
    expect(b.code).toBe(1);
    expect(b.out).toContain('DEMO must be 0 or 1');
  });

  it('port in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, r));
    const port = (blocker.address() as net.AddressInfo).port;
    const r = await start({ PORT: String(port), DATA_DIR: tmp() });
    blocker.close();
    expect(r.code).toBe(1);
    expect(r.out).toContain(`Port ${port} is already in use`);
  });

  it('corrupt DATA_DIR', async () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'pgdata'));
    fs.writeFileSync(path.join(dir, 'pgdata', 'PG_VERSION'), 'garbage\n');
    const r = await start({ PORT: '0', DATA_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Could not open the embedded database in .*pgdata.*move or delete that folder/);
  });
});
