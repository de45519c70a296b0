import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate, openDatabase } from '../../server/src/db/database';
import { loadRegions } from '../../server/src/modules/regions/load-regions';

// Per run, so concurrent runs on one server do not drop each other's template.
export const TEMPLATE_DB = `bansos_tpl_${process.pid}`;

export function withDatabase(url: string, dbName: string): string {
  const u = new URL(url);
  u.pathname = '/' + dbName;
  return u.toString();
}

/**
 * Builds a migrated, region-loaded template database on the real server once
 * per run; each test file clones it (CREATE DATABASE … TEMPLATE), which takes well under a second.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL!;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
  await admin.query(`create database ${TEMPLATE_DB}`);
  const db = await openDatabase({ databaseUrl: withDatabase(url, TEMPLATE_DB) });
  await migrate(db.orm);
  await loadRegions(db.orm.em.fork());
  await db.close();
  project.provide('templateDb', TEMPLATE_DB);
  return async () => {
    await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.end();
  };
}
