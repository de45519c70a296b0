import type { EntityManager } from '@mikro-orm/postgresql';
import type { ImportKind } from './types';
import { refreshAfterImport as refreshAnalyticsAfterImport } from '../analytics/refresh';
import { qualityAfterImport } from '../quality/refresh';
import { verivaliAfterImport } from '../workflows/verivali.service';

export interface AfterImportInfo {
  kind: ImportKind;
  /** import_batch.id of the import that just merged. */
  batchId: string;
  /** Tables whose statistics the import has already refreshed in its transaction (a bulk load's, bulk.ts). */
  analyzed?: string[];
}

export type AfterImportHook = (tx: EntityManager, info: AfterImportInfo) => Promise<void>;

/**
 * Work that must change together with the imported data (rollups for analytics,
 * duplicate candidates …). Modules push their hook here; every hook runs INSIDE
 * the import transaction after the merge, in order, so a failing hook rolls the
 * whole import back and readers never see data without its rollups.
 */
// Analytics first: it rebuilds payment_match (the matching rule), which later hooks may read.
// Then data quality: duplicate pairs, exclusive-program violations, civil-registry risk (reads payment_match).
// Then verivali flags (workflows): reads the roster, civil events and duplicate_pair, so it runs last.
export const afterImportHooks: AfterImportHook[] = [refreshAnalyticsAfterImport, qualityAfterImport, verivaliAfterImport];
