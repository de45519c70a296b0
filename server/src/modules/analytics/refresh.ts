import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sqlFile } from '../../db/sql';
import type { AfterImportInfo } from '../imports/after-import';
import { pgArray } from './analytics.service';

const SQL_DIR = `${import.meta.dirname}/sql`;

const run = <T = Record<string, unknown>>(em: EntityManager, name: string, params: Record<string, unknown> = {}) =>
  runSql<T>(em, sqlFile(SQL_DIR, name), params);

/**
 * Full rebuild instead of an incremental refresh: a recipients import of at least FULL_REBUILD_ROWS
 * rows and at least FULL_REBUILD_SHARE of what was matched before; a households import of at least
 * FULL_REBUILD_ROWS families or FULL_REBUILD_SHARE of the roster. Reloading everything with the
 * indexes dropped is then cheaper than maintaining them row by row, and the rollups of nearly every
 * desa change anyway.
 */
const FULL_REBUILD_ROWS = 50_000;
const FULL_REBUILD_SHARE = 0.2;

async function assignProgramBits(tx: EntityManager, batch: string | null): Promise<void> {
  const crowded = await run<{ kab: string; programs: number }>(tx, 'refresh-program-bits', { batch });
  if (crowded.length) {
    const list = crowded.map((c) => `${c.kab} (${c.programs})`).join(', ');
    throw new Error(
      `Analytics refresh: more than 63 programs would be paid in one kab/kota, which the coverage rollup cannot hold: ${list}. ` +
        'Merge program codes or correct the file.',
    );
  }
}

/**
 * An incremental refresh that reaches at least this share of the desa in the desa rollup rebuilds it
 * for all, unfiltered: a desa filter then excludes next to nothing and only costs (the demo's
 * verivali update, 11k families in 695 of 729 desa: 9.1 s filtered against 7.1 s for all, embedded).
 */
const ALL_DESAS_SHARE = 0.5;

/** The desa rollup of some desa (of all, when they are most of them), after an incremental change. */
async function rebuildDesaRollups(tx: EntityManager, desas: string[]): Promise<void> {
  if (desas.length === 0) return;
  const [{ desas: held }] = await run<{ desas: number }>(tx, 'refresh-rollup-desas');
  const d = desas.length >= ALL_DESAS_SHARE * held ? null : pgArray(desas);
  await run(tx, 'refresh-clear-desa-rollup', { desas: d });
  await run(tx, 'refresh-desa-rollup', { desas: d });
}

/**
 * Recomputes the facts of the households in scope (those the rows of import `batch` matched, or
 * with `scoped` those of the rows in analytics_refresh_scope, before and after) and corrects the
 * aid rollup by the difference between their facts before and after: work in proportion to the
 * households, where rebuilding the rollup of their desa meant nearly every desa of a province.
 */
async function refreshHouseholdAid(tx: EntityManager, scope: { batch: string } | { scoped: true }): Promise<void> {
  await run(tx, 'refresh-aid-scope', 'batch' in scope ? { batch: scope.batch, scoped: false } : { batch: null, scoped: true });
  await run(tx, 'refresh-aid-delta-start');
  await run(tx, 'refresh-household-aid-clear');
  await run(tx, 'refresh-household-aid', { scoped: true });
  await run(tx, 'refresh-aid-delta-new');
  await run(tx, 'refresh-aid-rollup-delta');
  await run(tx, 'refresh-aid-rollup-zero');
  await run(tx, 'refresh-aid-delta-drop');
  await run(tx, 'refresh-aid-delta-done');
}

/** The model tables the matching reads. */
const MODEL_TABLES = ['payment', 'person', 'household', 'civil_event'];

/**
 * Rebuilds every derived analytics table from the model: matching of all payment rows, program
 * bits, household facts, rollups. Used after a households import (a roster change can re-match any
 * row) and after large recipients imports. Run it inside the transaction that changed the data.
 */
export async function refreshAll(tx: EntityManager, opts: { analyzed?: string[] } = {}): Promise<void> {
  await run(tx, 'refresh-settings');
  // Statistics of the model tables an import has just filled in this same transaction (autovacuum
  // cannot see them before the commit), so the matching join is planned for their real size;
  // except those the import has analysed itself (a bulk load: 1M persons, 0.5 s saved).
  const stale = MODEL_TABLES.filter((t) => !opts.analyzed?.includes(t));
  if (stale.length) await tx.execute(`analyze ${stale.join(', ')}`);
  await run(tx, 'refresh-truncate');
  await run(tx, 'refresh-drop-indexes');
  await run(tx, 'refresh-match', { batch: null, scoped: false });
  await run(tx, 'refresh-index-person');
  await run(tx, 'refresh-index-household');
  await run(tx, 'refresh-desa-households');
  await assignProgramBits(tx, null);
  await run(tx, 'refresh-household-aid', { scoped: false });
  await run(tx, 'refresh-index-household-aid');
  await run(tx, 'refresh-aid-rollup', { desas: null });
  await run(tx, 'refresh-desa-rollup', { desas: null });
  await run(tx, 'refresh-analyze');
}

/**
 * A recipients import appends rows: match only them, recompute the facts of the households they
 * matched (from all of those households' rows; the aid rollup by difference) and the desa rollup of
 * the desa they were placed in.
 */
async function refreshRecipients(tx: EntityManager, batch: string, analyzed: string[]): Promise<void> {
  const [size] = await run<{ added: number; existing: number }>(tx, 'refresh-batch-size', { batch });
  if (size.added >= FULL_REBUILD_ROWS && size.added >= FULL_REBUILD_SHARE * size.existing) {
    await refreshAll(tx, { analyzed });
    return;
  }
  await run(tx, 'refresh-settings');
  await run(tx, 'refresh-match', { batch, scoped: false });
  await assignProgramBits(tx, batch);
  await refreshHouseholdAid(tx, { batch });
  const desas = await run<{ desa: string }>(tx, 'refresh-batch-desas', { batch });
  await rebuildDesaRollups(
    tx,
    desas.map((r) => r.desa),
  );
}

/**
 * A households file brings some families (a desa's verivali update, a new kecamatan): re-match only
 * the payment rows a change of those families can move (refresh-roster-scope.sql), recompute the
 * facts of the households those rows were and are placed in (the aid rollup by difference), the desa
 * rollup of the desa they were and are placed in, and the roster counts per desa. A file as large as a fifth of the roster (or the
 * first load) is cheaper as a full rebuild.
 */
async function refreshRoster(tx: EntityManager, batch: string, analyzed: string[]): Promise<void> {
  const [size] = await run<{ families: number; households: number }>(tx, 'refresh-roster-size', { batch });
  if (size.families >= FULL_REBUILD_ROWS || size.families >= FULL_REBUILD_SHARE * size.households) {
    await refreshAll(tx, { analyzed });
    return;
  }
  await run(tx, 'refresh-settings');
  await run(tx, 'refresh-roster-scope', { batch });
  await run(tx, 'refresh-scope-unmatch');
  await run(tx, 'refresh-match', { batch: null, scoped: true });
  await assignProgramBits(tx, null);
  await refreshHouseholdAid(tx, { scoped: true });
  const desas = await run<{ desa: string }>(tx, 'refresh-scope-desas');
  await rebuildDesaRollups(
    tx,
    desas.map((r) => r.desa),
  );
  await run(tx, 'refresh-desa-households-clear');
  await run(tx, 'refresh-desa-households');
  await run(tx, 'refresh-scope-clear');
}

/**
 * The after-import hook: brings the analytics tables in line with what the import just merged,
 * inside its transaction (a failure here rolls the import back).
 * - recipients: incremental (see refreshRecipients), or a full rebuild for a large file;
 * - civil-events: only deceasedRecipients can change, in the desa where rows of the persons who
 *   died are placed;
 * - programs, budgets: no figure of this module depends on them (program names are read live);
 * - households: incremental for the families of the file (refreshRoster), or a full rebuild for a large file;
 * - anything else: full rebuild.
 */
export async function refreshAfterImport(tx: EntityManager, info: AfterImportInfo): Promise<void> {
  switch (info.kind) {
    case 'programs':
    case 'budgets':
      return;
    case 'recipients':
      await refreshRecipients(tx, info.batchId, info.analyzed ?? []);
      return;
    case 'civil-events': {
      const touched = await run<{ desa: string }>(tx, 'refresh-deceased-desas', { batch: info.batchId });
      if (touched.length === 0) return;
      await run(tx, 'refresh-settings');
      // deaths change only the desa rollup's figures (the aid rollup counts households, not deaths)
      await rebuildDesaRollups(
        tx,
        touched.map((r) => r.desa),
      );
      return;
    }
    case 'households':
      await refreshRoster(tx, info.batchId, info.analyzed ?? []);
      return;
    default:
      await refreshAll(tx);
  }
}
