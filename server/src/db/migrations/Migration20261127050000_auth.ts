import { Migration } from '@mikro-orm/migrations';

/**
 * Access control (issue 9):
 * - app_user.token_version: bumped on password change/reset and on disable, so
 *   every token signed before that stops working (tokens carry the version).
 * - login_attempt: failed logins per username and per address, in the database
 *   so the rate limit holds across processes and restarts.
 * - audit_log indexes for the admin's filtered, newest-first audit view.
 */
export class Migration20261127050000_auth extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table app_user add column token_version integer not null default 0`);
    this.addSql(`alter table app_user add column updated_at timestamptz`);
    this.addSql(`alter table app_user add column last_login_at timestamptz`);

    this.addSql(`create table login_attempt (
      id bigserial primary key,
      at timestamptz not null default now(),
      username text not null,
      ip text not null,
      outcome text not null check (outcome in ('ok', 'failed', 'blocked'))
    )`);
    this.addSql(`create index login_attempt_username_idx on login_attempt (lower(username), at)`);
    this.addSql(`create index login_attempt_ip_idx on login_attempt (ip, at)`);

    this.addSql(`create index audit_log_action_idx on audit_log (action, id)`);
    this.addSql(`create index audit_log_username_idx on audit_log (username, id)`);
  }
}
