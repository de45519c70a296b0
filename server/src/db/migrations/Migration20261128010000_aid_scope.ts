import { Migration } from '@mikro-orm/migrations';

/**
 * analytics_aid_scope: the households whose facts (analytics_household_aid) an incremental refresh
 * recomputes. Filled and emptied inside one import transaction, like analytics_refresh_scope (so it
 * is empty between imports and carries no data-version trigger); a table rather than a temporary
 * one so refresh-household-aid.sql can name it on every path.
 */
export class Migration20261128010000_aid_scope extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table analytics_aid_scope (no_kk varchar(32) primary key)`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table analytics_aid_scope`);
  }
}
