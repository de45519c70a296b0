import { Migration } from '@mikro-orm/migrations';

/**
 * data_version: one number that changes with every committed change of the data the API reports
 * (imports, rollups, reviews, workflows, budgets, regions, settings). A statement-level trigger on
 * each such table notes the transaction in data_change_pending (its own row: no waiting on other
 * writers); a deferred constraint trigger on that row bumps data_version at commit, so a reader
 * sees the new number exactly when it sees the new data, and the one-row lock is held only for the
 * moment of the commit (a long import does not block other writers on it).
 * The GraphQL response cache (graphql/response-cache.ts) keys
 * aggregate answers by it: an answer is reused only while nothing it could depend on has changed.
 * Left out, because they change on every login or request and no cached answer reads them:
 * audit_log, login_attempt, app_user, import_batch (history only), analytics_refresh_scope and analytics_aid_scope
 * (empty between imports), and the bookkeeping tables of the migrator and PostGIS.
 * A new data table in a later migration must get the trigger too (bumpDataVersionOn).
 */
export const UNVERSIONED_TABLES = [
  'audit_log',
  'login_attempt',
  'app_user',
  'import_batch',
  'analytics_refresh_scope',
  'analytics_aid_scope',
  'data_version',
  'data_change_pending',
  'mikro_orm_migrations',
  'spatial_ref_sys',
];

/** DDL giving `table` the trigger that bumps data_version after any change to it. */
export function bumpDataVersionOn(table: string): string {
  return `create trigger ${table}_data_version after insert or update or delete or truncate on ${table}
          for each statement execute function note_data_change()`;
}

export class Migration20261127080000_data_version extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table data_version (id boolean primary key default true check (id), version bigint not null)`);
    this.addSql(`insert into data_version (id, version) values (true, 1)`);
    this.addSql(`create table data_change_pending (tx xid8 primary key)`);
    this.addSql(`create function note_data_change() returns trigger language plpgsql as $$
      begin
        insert into data_change_pending (tx) values (pg_current_xact_id()) on conflict do nothing;
        return null;
      end $$`);
    this.addSql(`create function bump_data_version() returns trigger language plpgsql as $$
      begin
        update data_version set version = version + 1;
        delete from data_change_pending where tx = new.tx;
        return null;
      end $$`);
    this.addSql(`create constraint trigger data_change_commit after insert on data_change_pending
      deferrable initially deferred for each row execute function bump_data_version()`);
    const tables = await this.execute(
      `select relname from pg_class where relkind in ('r', 'p') and relnamespace = 'public'::regnamespace order by relname`,
    );
    for (const { relname } of tables as { relname: string }[]) {
      if (!UNVERSIONED_TABLES.includes(relname)) this.addSql(bumpDataVersionOn(relname));
    }
  }

  override async down(): Promise<void> {
    this.addSql(`drop function note_data_change() cascade`);
    this.addSql(`drop table data_change_pending`);
    this.addSql(`drop function bump_data_version()`);
    this.addSql(`drop table data_version`);
  }
}
