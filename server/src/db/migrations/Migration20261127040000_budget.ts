import { Migration } from '@mikro-orm/migrations';

/**
 * Budget realisation and rakorev snapshots.
 *
 * A rakorev snapshot freezes what was presented at a meeting: its figures are
 * stored as JSON at creation and never recomputed, so later imports cannot
 * change them. A trigger refuses any UPDATE of a snapshot's figures, so the
 * guarantee does not depend on every code path remembering it.
 */
export class Migration20261127040000_budget extends Migration {
  override async up(): Promise<void> {
    // Roll-ups filter budget lines by year, stage and program, then group by code prefix.
    this.addSql(`create index budget_line_year_stage_idx on budget_line (year, stage, program)`);

    this.addSql(`create table rakorev_snapshot (
      id bigserial primary key,
      title text not null check (length(trim(title)) > 0),
      year smallint not null,
      quarter smallint check (quarter between 1 and 4),
      within_code varchar(10) references region(code),
      created_at timestamptz not null default now(),
      created_by text,
      last_import_id bigint,
      figures jsonb not null
    )`);
    this.addSql(`create index rakorev_snapshot_year_idx on rakorev_snapshot (year, quarter)`);

    this.addSql(`create function rakorev_snapshot_frozen() returns trigger language plpgsql as $$
      begin
        if new.figures is distinct from old.figures or new.year is distinct from old.year
           or new.quarter is distinct from old.quarter or new.within_code is distinct from old.within_code
           or new.created_at is distinct from old.created_at then
          raise exception 'rakorev_snapshot %: figures of a snapshot are frozen and cannot be changed', old.id;
        end if;
        return new;
      end $$`);
    this.addSql(`create trigger rakorev_snapshot_frozen before update on rakorev_snapshot
      for each row execute function rakorev_snapshot_frozen()`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists rakorev_snapshot`);
    this.addSql(`drop function if exists rakorev_snapshot_frozen()`);
    this.addSql(`drop index if exists budget_line_year_stage_idx`);
  }
}
