import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sqlFile } from '../../db/sql';
import type { AfterImportInfo } from '../imports/after-import';
import { pgArray } from './analytics.service';

const SQL_DIR = `${import.meta.dirname}/sql`;

const run = <T = Record<string, unknown>>(em: EntityManager, name: string, params: Record<string, unknown> = {}) =>
  runSql<T>(em, sqlFile(SQL_DIR, name), params);

/**
 * Rebuilds every derived analytics table from the model: matching of all payment rows,
 * program bits, household facts, rollups. Used after a households import (the roster
 * change can re-match any row) and for kinds whose effect is not narrowed down below.
 * Run it inside the transaction that changed the data (`tx`).
 */
export async function refreshAll(tx: EntityManager): Promise<void> {
  await run(tx, 'refresh-truncate');
  await run(tx, 'refresh-match', { batch: null });
  await run(tx, 'refresh-desa-households');
  await rebuildKabs(tx, null);
  await run(tx, 'refresh-analyze');
}

/**
 * Rebuilds the household facts and rollups of some kab/kota (null = all), from payment_match.
 * Everything keyed by a kab/kota is rebuilt together, so its program bits stay consistent.
 */
async function rebuildKabs(tx: EntityManager, kabs: string[] | null): Promise<void> {
  if (kabs && kabs.length === 0) return;
  const k = kabs ? pgArray(kabs) : null;
  if (k) await run(tx, 'refresh-clear-facts', { kabs: k });
  const crowded = await run<{ kab: string; programs: number }>(tx, 'refresh-program-bits', { kabs: k });
  if (crowded.length) {
    const list = crowded.map((c) => `${c.kab} (${c.programs})`).join(', ');
    throw new Error(
      `Analytics refresh: more than 64 programs are paid in one kab/kota, which the coverage rollup cannot hold: ${list}. ` +
        'Merge program codes or split the import.',
    );
  }
  await run(tx, 'refresh-household-aid', { kabs: k });
  await run(tx, 'refresh-aid-rollup', { kabs: k });
  await rebuildDesaRollup(tx, kabs);
}

async function rebuildDesaRollup(tx: EntityManager, kabs: string[] | null): Promise<void> {
  if (kabs && kabs.length === 0) return;
  const k = kabs ? pgArray(kabs) : null;
  if (k) await run(tx, 'refresh-clear-desa-rollup', { kabs: k });
  await run(tx, 'refresh-desa-rollup', { kabs: k });
}

/**
 * The after-import hook: brings the analytics tables in line with what the import
 * just merged, inside its transaction (a failure here rolls the import back).
 * - recipients: rows are appended, so only the new rows are matched and only the
 *   kab/kota where they were placed are rebuilt;
 * - civil-events: only deceasedRecipients can change, in the kab/kota where rows of the
 *   persons who died are placed;
 * - programs, budgets: no figure of this module depends on them (program names are read live);
 * - households and anything else: full rebuild (a roster change can move any match).
 */
export async function refreshAfterImport(tx: EntityManager, info: AfterImportInfo): Promise<void> {
  switch (info.kind) {
    case 'programs':
    case 'budgets':
      return;
    case 'recipients': {
      const placed = await run<{ kab: string }>(tx, 'refresh-match', { batch: info.batchId });
      await rebuildKabs(
        tx,
        placed.map((r) => r.kab),
      );
      await run(tx, 'refresh-analyze');
      return;
    }
    case 'civil-events': {
      const touched = await run<{ kab: string }>(tx, 'refresh-deceased-kabs', { batch: info.batchId });
      await rebuildDesaRollup(
        tx,
        touched.map((r) => r.kab),
      );
      return;
    }
    default:
      await refreshAll(tx);
  }
}
