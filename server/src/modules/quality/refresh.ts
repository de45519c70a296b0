import type { EntityManager } from '@mikro-orm/postgresql';
import type { AfterImportInfo } from '../imports/after-import';
import { refreshDuplicates } from './dedup.service';
import { refreshCivilRisk, refreshExclusiveViolations } from './quality.service';

/**
 * The data-quality after-import hook. Runs inside the import transaction and AFTER the
 * analytics hook (it reads analytics' payment_match, the one matching rule):
 * - households: duplicate pairs of the persons of the imported families (the roster
 *   changed), then exclusive violations and civil risk (matches may have moved);
 * - recipients: exclusive violations and civil risk (new rows);
 * - civil-events: civil risk (new deaths and moves);
 * - programs, budgets: nothing here depends on them.
 */
export async function qualityAfterImport(tx: EntityManager, info: AfterImportInfo): Promise<void> {
  switch (info.kind) {
    case 'households':
      await refreshDuplicates(tx, { batchId: info.batchId });
      await refreshExclusiveViolations(tx);
      await refreshCivilRisk(tx);
      return;
    case 'recipients':
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
