import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * How the CLI imports through a running portal (contract §4: the embedded
 * database serves one process). At start the portal writes a random secret to
 * DATA_DIR/portal-cli.json, readable by its owner only (mode 0600): whoever can
 * read it can read the database files in DATA_DIR anyway, so it grants nothing
 * new. The secret is accepted as `Authorization: Bearer cli:<secret>` by the
 * import upload route only, acting as an administrator.
 */
export const CLI_BEARER_PREFIX = 'cli:';

const secrets = new Set<string>();

export interface CliAccess {
  pid: number;
  secret: string;
}

export function cliAccessFile(dataDir: string): string {
  return path.join(dataDir, 'portal-cli.json');
}

/** Creates this process's secret and publishes it in DATA_DIR (removed again when the process exits). */
export function publishCliAccess(dataDir: string): CliAccess {
  const access: CliAccess = { pid: process.pid, secret: crypto.randomBytes(32).toString('base64url') };
  secrets.add(access.secret);
  fs.mkdirSync(dataDir, { recursive: true });
  const file = cliAccessFile(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(access), { mode: 0o600 });
  fs.chmodSync(tmp, 0o600); // an existing file keeps its mode on write: make sure
  fs.renameSync(tmp, file);
  process.once('exit', () => {
    const current = readCliAccess(dataDir);
    if (current?.secret === access.secret) fs.rmSync(file, { force: true });
  });
  return access;
}

/** The published access of a portal, or null when there is none (or it is unreadable). */
export function readCliAccess(dataDir: string): CliAccess | null {
  let text: string;
  try {
    text = fs.readFileSync(cliAccessFile(dataDir), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const v = JSON.parse(text) as Partial<CliAccess>;
  return typeof v.pid === 'number' && typeof v.secret === 'string' ? { pid: v.pid, secret: v.secret } : null;
}

/** Is this bearer token (without "Bearer ") a CLI secret published by this process? */
export function isCliToken(token: string): boolean {
  if (!token.startsWith(CLI_BEARER_PREFIX)) return false;
  const given = Buffer.from(token.slice(CLI_BEARER_PREFIX.length));
  for (const s of secrets) {
    const known = Buffer.from(s);
    if (known.length === given.length && crypto.timingSafeEqual(known, given)) return true;
  }
  return false;
}
