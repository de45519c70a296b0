import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export const embeddedExtensions = { postgis, pg_trgm, fuzzystrmatch };

export interface EmbeddedDb {
  /** postgres:// URL of the socket server, for the ordinary pg driver. */
  url: string;
  db: PGlite;
  close(): Promise<void>;
}

export class EmbeddedDbError extends Error {}

/**
 * Opens PGlite + PostGIS and serves it over the Postgres wire protocol, so the
 * same @mikro-orm/postgresql driver talks to it and to a real server.
 * `dataDir` persists on disk; `loadDataDir` starts an in-memory copy of a snapshot (tests).
 */
export async function startEmbedded(opts: { dataDir?: string; loadDataDir?: Blob | File }): Promise<EmbeddedDb> {
  let db: PGlite;
  if (opts.dataDir) fs.mkdirSync(path.dirname(opts.dataDir), { recursive: true });
  try {
    db = await PGlite.create({
      dataDir: opts.dataDir,
      loadDataDir: opts.loadDataDir,
      extensions: embeddedExtensions,
    });
    await db.query('select 1');
  } catch (err) {
    const where = opts.dataDir ? `the embedded database in ${opts.dataDir}` : 'the embedded database snapshot';
    throw new EmbeddedDbError(
      `Could not open ${where} (${(err as Error).message || String(err)}). ` +
        `The folder may be corrupt or written by another version: stop the portal, move or delete that folder (or set DATA_DIR to a new folder), and start again.`,
    );
  }
  // maxConnections > 1: the default of 1 breaks any pool bigger than one (stack.md).
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 32 });
  await server.start();
  const conn = server.getServerConn(); // "127.0.0.1:PORT"
  return {
    url: `postgres://postgres:postgres@${conn}/postgres`,
    db,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
