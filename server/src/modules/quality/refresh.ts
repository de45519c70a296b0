import type { EntityManager } from '@mikro-orm/postgresql';
import type { AfterImportInfo } from '../imports/after-import';
import { refreshDuplicates } from './dedup.service';
import { refreshCivilRisk, refreshExclusiveViolations } from './quality.service';

/**
 * The data-quality after-import hook. Runs inside the import transaction and AFTER the
 * analytics hook (it reads analytics' payment_match, the one matching rule):
 * - households: every duplicate pair (the roster and any match may have changed), then
 *   exclusive violations and civil risk;
 * - recipients: the duplicate pairs of the persons the new rows matched, exclusive
 *   violations and civil risk;
 * - civil-events: civil risk (new deaths and moves);
 * - programs, budgets: nothing here depends on them.
 */
export async function qualityAfterImport(tx: EntityManager, info: AfterImportInfo): Promise<void> {
  switch (info.kind) {
    case 'households':
      await refreshDuplicates(tx, { all: true });
      await refreshExclusiveViolations(tx);
      await refreshCivilRisk(tx);
      return;
    case 'recipients':
      await refreshDuplicates(tx, { recipientsBatch: info.batchId });
      await refreshExclusiveViolations(tx);
      await refreshCivilRisk(tx);
      return;
    case 'civil-events':
      await refreshCivilRisk(tx);
      return;
    default:
      return;
  }
}
