import { Migration } from '@mikro-orm/migrations';

/**
 * Data quality (issue 5): fuzzy duplicates, exclusive programs, civil-registry risk.
 *
 * - duplicate_pair (created by the analytics migration) gets the second person's
 *   kab/kota and an index on nik_b, so pairs of changed persons are found from either side.
 * - duplicate_review: a person's verdict on a pair (SAME / DIFFERENT). A DIFFERENT
 *   pair never enters duplicate_pair again; a SAME pair always does.
 * - name_word: how many roster names contain each normalised word (IDF weights of
 *   the name similarity) and the word's phonetic key; `blocking` marks the keys rare
 *   enough to block candidate pairs across kecamatan on. Refreshed with the pairs.
 * - exclusive_program_pair: program pairs a person/household may not receive in the
 *   same year (year null = every year). Seeded with the 2020 Covid-19 rule: BST went
 *   to families NOT already receiving PKH or BPNT/Sembako.
 * - exclusive_violation: the households (the unit of these programs: KPM) paid by
 *   both programs of such a pair in one year, through any member or their No. KK,
 *   with the rows and amounts of each program.
 * - civil_risk_rollup: per (desa, program, year, stage) the rows and money paid to
 *   persons after they moved to another kab/kota, and after their death.
 * All derived tables are rebuilt inside each import's transaction (quality/refresh.ts).
 */
export class Migration20261127030000_quality extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table duplicate_pair add column kab_code_b char(4)`);
    this.addSql(`create index duplicate_pair_nik_b_idx on duplicate_pair (nik_b)`);
    this.addSql(`create index duplicate_pair_score_idx on duplicate_pair (score desc, nik_a, nik_b)`);

    this.addSql(`create table duplicate_review (
      nik_a varchar(32) not null,
      nik_b varchar(32) not null,
      verdict text not null check (verdict in ('SAME','DIFFERENT')),
      note text,
      username text,
      reviewed_at timestamptz not null default now(),
      primary key (nik_a, nik_b),
      check (nik_a < nik_b)
    )`);
    this.addSql(`create index duplicate_review_nik_b_idx on duplicate_review (nik_b)`);

    this.addSql(`create table name_word (
      word text primary key,
      names integer not null,
      key text,
      blocking boolean not null default false
    )`);

    this.addSql(`create table exclusive_program_pair (
      id serial primary key,
      program_a varchar(32) not null,
      program_b varchar(32) not null,
      year smallint,
      note text,
      check (program_a < program_b)
    )`);
    this.addSql(`create unique index exclusive_program_pair_uq on exclusive_program_pair (program_a, program_b, coalesce(year, -1))`);
    this.addSql(`insert into exclusive_program_pair (program_a, program_b, year, note) values
      ('BPNT', 'BST', 2020, 'BST Covid-19 hanya untuk keluarga yang tidak menerima BPNT/Sembako'),
      ('BST', 'PKH', 2020, 'BST Covid-19 hanya untuk keluarga yang tidak menerima PKH')`);

    this.addSql(`create table exclusive_violation (
      pair_id integer not null references exclusive_program_pair(id) on delete cascade,
      year smallint not null,
      no_kk varchar(32) not null,
      desa_code varchar(10) not null,
      kab_code char(4) not null,
      program_a varchar(32) not null,
      program_b varchar(32) not null,
      rows_a integer not null,
      rows_b integer not null,
      amount_a numeric(20,2) not null,
      amount_b numeric(20,2) not null,
      primary key (pair_id, year, no_kk)
    )`);
    this.addSql(`create index exclusive_violation_desa_idx on exclusive_violation (desa_code varchar_pattern_ops)`);

    this.addSql(`create table civil_risk_rollup (
      desa_code varchar(10) not null,
      kab_code char(4) not null,
      program varchar(32) not null,
      year smallint not null,
      stage smallint not null,
      moved_rows integer not null default 0,
      moved_amount numeric(20,2) not null default 0,
      deceased_rows integer not null default 0,
      deceased_amount numeric(20,2) not null default 0,
      primary key (desa_code, program, year, stage)
    )`);
    this.addSql(`create index civil_risk_rollup_prefix_idx on civil_risk_rollup (desa_code varchar_pattern_ops)`);
  }
}
