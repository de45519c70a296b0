import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../server/src/db/database';
import { withDatabase } from './global-postgres';

export type Backend = 'embedded' | 'postgres';
export const backend = (process.env.TEST_BACKEND ?? 'embedded') as Backend;

let counter = 0;

/**
 * A fresh database for one test file: an in-memory copy of the embedded
 * snapshot, or a clone of the real server's template database.
 */
export async function openTestDb(): Promise<Database> {
  if (backend === 'embedded') {
    const file = inject('snapshotFile');
    const blob = new Blob([fs.readFileSync(file)]);
    return openDatabase({ loadDataDir: blob });
  }
  const url = process.env.DATABASE_URL!;
  const name = `bansos_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject('templateDb')}`);
  await admin.end();
  const db = await openDatabase({ databaseUrl: withDatabase(url, name) });
  return {
    ...db,
    async close() {
      await db.close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
