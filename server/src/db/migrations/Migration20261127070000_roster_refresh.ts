import { Migration } from '@mikro-orm/migrations';

/**
 * Incremental analytics refresh after a households import (analytics/refresh.ts, refreshRoster):
 * - analytics_refresh_scope: the payment rows whose match a roster change may move, with the
 *   household and desa they were placed in before. Filled and emptied inside one import
 *   transaction (imports are serialised by an advisory lock), so it is empty between imports;
 *   a table rather than a temporary one so the one matching query (refresh-match.sql) can name it.
 * - household (import_id): the families a households file brought, found without a scan.
 */
export class Migration20261127070000_roster_refresh extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table analytics_refresh_scope (
      payment_id bigint primary key,
      old_kk varchar(32),
      old_desa varchar(10)
    )`);
    this.addSql(`create index household_import_idx on household (import_id)`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index household_import_idx`);
    this.addSql(`drop table analytics_refresh_scope`);
  }
}
