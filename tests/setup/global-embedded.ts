import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbedded } from '../../server/src/db/embedded';
import { migrate, openDatabase } from '../../server/src/db/database';
import { loadRegions } from '../../server/src/modules/regions/load-regions';

/**
 * Builds the migrated, region-loaded embedded database once per run and
 * dumps it; every test file starts its own in-memory copy from that dump (3–4 s).
 */
export default async function setup(project: TestProject) {
  const file = path.join(os.tmpdir(), `bansos-snapshot-${process.pid}.tar.gz`);
  const t0 = Date.now();
  const db = await openDatabase({ loadDataDir: undefined, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'bansos-snap-')) });
  await migrate(db.orm);
  await loadRegions(db.orm.em.fork());
  const blob = await db.embedded!.dumpDataDir();
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await db.close();
  console.log(`[setup] embedded snapshot built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  project.provide('snapshotFile', file);
  void startEmbedded; // keep the import explicit for readers: the snapshot is a PGlite data dir
  return () => fs.rmSync(file, { force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    snapshotFile: string;
    templateDb: string;
  }
}
