import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from './mikro-orm.config';
import { startEmbedded, type EmbeddedDb } from './embedded';

export class DatabaseError extends Error {}

export interface Database {
  orm: MikroORM;
  /** Set when running on the embedded PGlite. */
  embedded?: EmbeddedDb;
  url: string;
  close(): Promise<void>;
}

function describeConnectError(url: string, err: unknown): string {
  const e = err as { code?: string; message?: string };
  const safeUrl = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  const why =
    e.code === 'ECONNREFUSED'
      ? 'nothing is listening there'
      : e.code === 'ENOTFOUND'
        ? 'the host name is unknown'
        : e.code === '3D000'
          ? 'that database does not exist'
          : e.code === '28P01' || e.code === '28000'
            ? 'the user name or password was refused'
            : e.message || String(err);
  return `Cannot connect to the database at DATABASE_URL=${safeUrl}: ${why}. Check that PostgreSQL is running and the URL is right, or unset DATABASE_URL to use the embedded database.`;
}

/** Opens the configured database: the embedded PGlite (in dataDir) or the real server at databaseUrl. */
export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir?: string;
  loadDataDir?: Blob;
  poolMax?: number;
}): Promise<Database> {
  let embedded: EmbeddedDb | undefined;
  let url = opts.databaseUrl;
  if (!url) {
    embedded = await startEmbedded(
      opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : { dataDir: path.join(opts.dataDir ?? '.data', 'pgdata') },
    );
    url = embedded.url;
  }
  let orm: MikroORM;
  try {
    orm = await MikroORM.init(ormConfig(url, { poolMax: opts.poolMax }));
    await orm.em.getConnection().execute('select 1');
  } catch (err) {
    await embedded?.close();
    throw new DatabaseError(describeConnectError(url, err));
  }
  return {
    orm,
    embedded,
    url,
    async close() {
      await orm.close(true);
      await embedded?.close();
    },
  };
}

/** Applies pending migrations; a database without PostGIS gets one clear sentence. */
export async function migrate(orm: MikroORM): Promise<void> {
  const conn = orm.em.getConnection();
  const avail = await conn.execute<{ n: number }[]>(
    `select count(*)::int as n from pg_available_extensions where name = 'postgis'`,
  );
  if (!avail[0] || avail[0].n === 0) {
    throw new DatabaseError(
      'The database has no PostGIS extension available. Install it on the server (Debian: apt-get install postgresql-15-postgis-3) ' +
        'and run "CREATE EXTENSION postgis" as a superuser, or unset DATABASE_URL to use the embedded database.',
    );
  }
  try {
    await orm.getMigrator().up();
  } catch (err) {
    throw new DatabaseError(`Migrating the database failed: ${(err as Error).message}`);
  }
}
