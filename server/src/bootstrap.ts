import type { Config } from './config';
import { migrate, openDatabase, type Database } from './db/database';
import { loadRegions } from './modules/regions/load-regions';
import { ensureAdmin } from './modules/auth/auth.service';
import type { StartupStatus } from './status';

export interface Prepared {
  db: Database;
  admin: Awaited<ReturnType<typeof ensureAdmin>>;
}

/**
 * What a first start does, shared by the portal and the CLI: open the database,
 * migrate, load the shipped regions, make sure the admin account exists.
 */
export async function prepareDatabase(config: Config, status?: StartupStatus, log: (m: string) => void = () => {}): Promise<Prepared> {
  const set = (phase: string, message: string) => {
    if (status) Object.assign(status, { phase, message });
    log(message);
  };
  set('database', config.databaseUrl ? 'Menghubungkan ke PostgreSQL…' : `Membuka basis data tertanam di ${config.dataDir}…`);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    set('migrate', 'Menjalankan migrasi skema…');
    await migrate(db.orm);
    set('regions', 'Memuat wilayah Kemendagri 2025…');
    const r = await loadRegions(db.orm.em.fork());
    if (r.loaded) log(`Loaded ${r.count} regions.`);
    const admin = await ensureAdmin(db.orm.em.fork(), { adminPassword: config.adminPassword, dataDir: config.dataDir });
    return { db, admin };
  } catch (err) {
    await db.close();
    throw err;
  }
}
