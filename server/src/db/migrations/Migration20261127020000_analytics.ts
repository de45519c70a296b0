import { Migration } from '@mikro-orm/migrations';

/**
 * Analytics (issue 4): the matching rule of contract §5 materialised once, and the
 * rollups every coverage / data-quality figure is read from. All of it is derived
 * data, rebuilt inside each import's transaction (modules/analytics/refresh.ts);
 * nothing here is ever edited by hand.
 *
 * - payment_match: one row per payment row with the result of the matching rule
 *   (person NIK, household No. KK, the desa the row is placed in) and the payment
 *   columns the rollups need, so every rollup is a scan of one narrow table.
 * - analytics_program_bit: per kab/kota, a bit per program present there (≤ 63 per
 *   kab/kota), so a household's programs in a period are one bigint mask.
 * - analytics_household_aid: per household and (year, stage) the program mask: the
 *   household-level fact behind "distinct households" figures and household filters
 *   (one row per (no_kk, year, stage); not declared unique, for the same bulk-load reason).
 * - analytics_aid_rollup: households counted by (desa, DTKS, year|all, stage|all, mask);
 *   answers aided / stacked for any program subset by summing a few rows per desa.
 * - analytics_desa_rollup: additive figures per (desa, program|all, year|all, stage|all),
 *   plus aided / stacked precomputed for "all programs" and for each single program.
 * - analytics_desa_households: roster households and DTKS households per desa.
 * - duplicate_pair: filled by the data-quality module (fuzzy duplicates); created here so
 *   the possibleDuplicates figure always has its table.
 *
 * Sentinels: year_key / stage_key -1 = every year / stage; program_key '' = every program.
 * Indexes with varchar_pattern_ops let `desa_code like '75%'` use them under any collation.
 */
export class Migration20261127020000_analytics extends Migration {
  override async up(): Promise<void> {
    // No primary key: the rebuild is its only writer, and a full rebuild drops and re-creates the
    // two indexes around its bulk insert (refresh-drop-indexes.sql / refresh-index-*.sql, same DDL).
    this.addSql(`create table payment_match (
      payment_id bigint not null,
      import_id bigint not null,
      program varchar(32) not null,
      year smallint not null,
      stage smallint not null,
      nominal numeric(18,2) not null,
      paid_on date,
      nik_valid boolean not null,
      person_nik varchar(32),
      household_kk varchar(32),
      placed_desa varchar(10) not null,
      placed_kab char(4) not null,
      dtks boolean not null default false
    )`);
    this.addSql(`create index payment_match_person_idx on payment_match (person_nik) where person_nik is not null`);
    this.addSql(`create index payment_match_household_idx on payment_match (household_kk) where household_kk is not null`);
    // The rows of one import lie together (appended in order): a block-range index finds them for the
    // incremental refresh at almost no cost to maintain. (payment has its own index on import_id.)
    this.addSql(`create index payment_match_import_brin_idx on payment_match using brin (import_id)`);

    this.addSql(`create table analytics_program_bit (
      kab_code char(4) not null,
      program varchar(32) not null,
      bit smallint not null check (bit between 0 and 62),
      primary key (kab_code, program)
    )`);

    this.addSql(`create table analytics_household_aid (
      no_kk varchar(32) not null,
      year smallint not null,
      stage smallint not null,
      kab_code char(4) not null,
      desa_code varchar(10) not null,
      dtks boolean not null,
      mask bigint not null,
      amount numeric(20,2) not null,
      payments integer not null
    )`);
    this.addSql(`create index analytics_household_aid_kk_idx on analytics_household_aid (no_kk)`);

    this.addSql(`create table analytics_aid_rollup (
      kab_code char(4) not null,
      desa_code varchar(10) not null,
      dtks boolean not null,
      year_key smallint not null,
      stage_key smallint not null,
      mask bigint not null,
      households integer not null
    )`);
    this.addSql(`create index analytics_aid_rollup_key_idx on analytics_aid_rollup (year_key, stage_key, desa_code varchar_pattern_ops)`);

    this.addSql(`create table analytics_desa_rollup (
      kab_code char(4) not null,
      desa_code varchar(10) not null,
      program_key varchar(32) not null,
      year_key smallint not null,
      stage_key smallint not null,
      aid_amount numeric(20,2) not null default 0,
      matched_rows integer not null default 0,
      invalid_nik integer not null default 0,
      unmatched integer not null default 0,
      duplicate_payments integer not null default 0,
      deceased integer not null default 0,
      aided integer not null default 0,
      aided_dtks integer not null default 0,
      stacked integer not null default 0,
      primary key (desa_code, program_key, year_key, stage_key)
    )`);
    this.addSql(
      `create index analytics_desa_rollup_key_idx on analytics_desa_rollup (year_key, stage_key, program_key, desa_code varchar_pattern_ops)`,
    );

    this.addSql(`create table analytics_desa_households (
      desa_code varchar(10) primary key,
      kab_code char(4) not null,
      households integer not null,
      dtks_households integer not null
    )`);
    this.addSql(`create index analytics_desa_households_prefix_idx on analytics_desa_households (desa_code varchar_pattern_ops)`);

    // Filled by the data-quality module; one row per unordered pair (nik_a < nik_b), placed in nik_a's desa.
    this.addSql(`create table duplicate_pair (
      nik_a varchar(32) not null,
      nik_b varchar(32) not null,
      score double precision not null,
      reasons text[] not null default '{}',
      desa_code varchar(10) not null,
      kab_code char(4) not null,
      primary key (nik_a, nik_b)
    )`);
    this.addSql(`create index duplicate_pair_desa_idx on duplicate_pair (desa_code varchar_pattern_ops)`);
    this.addSql(`create index duplicate_pair_kab_idx on duplicate_pair (kab_code)`);

    // Every per-region figure query lists the regions of one level inside a prefix with these columns:
    // an index-only scan keeps the boundary-laden region rows out of the hot path.
    this.addSql(
      `create index region_level_prefix_cover_idx on region (level, code varchar_pattern_ops) include (name, parent_code, kind, area_km2, lat, lng)`,
    );

    // households(search:) — a name fragment through trigrams; exact NIK / No. KK use the primary keys.
    this.addSql(`create index person_name_trgm_idx on person using gin (lower(name) gin_trgm_ops)`);
    // households(within:): the prefix filter (any collation), and pages / export batches in (desa_code, no_kk) order.
    this.addSql(`create index household_desa_prefix_idx on household (desa_code varchar_pattern_ops)`);
    this.addSql(`create index household_desa_kk_idx on household (desa_code, no_kk)`);
  }
}
