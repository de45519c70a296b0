import { Migration } from '@mikro-orm/migrations';

/**
 * Base model. Hand-written SQL: PostGIS types, partial and pattern indexes are
 * clearer here than in generated DDL. Every large table carries kab_code
 * (4-digit kab/kota code, undotted) so it can later be a Citus distribution key.
 * Region codes are stored undotted (2/4/6/10 digits) and dotted only in the API.
 */
export class Migration20261127000000_init extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists postgis`);
    this.addSql(`create extension if not exists pg_trgm`);
    this.addSql(`create extension if not exists fuzzystrmatch`);

    this.addSql(`create table region (
      code varchar(10) primary key,
      name text not null,
      level smallint not null check (level between 1 and 4),
      parent_code varchar(10) references region(code),
      kind text not null,
      geom geometry(MultiPolygon, 4326),
      area_km2 double precision,
      lat double precision,
      lng double precision
    )`);
    this.addSql(`create index region_level_idx on region (level, code)`);
    this.addSql(`create index region_parent_idx on region (parent_code)`);
    this.addSql(`create index region_code_prefix_idx on region (code text_pattern_ops)`);
    this.addSql(`create index region_geom_idx on region using gist (geom)`);

    // Every kecamatan code ever valid for a NIK's first six digits (all Indonesia, not only mapped regions).
    this.addSql(`create table nik_region (
      code char(6) primary key,
      name text not null,
      current boolean not null default true
    )`);

    this.addSql(`create table program (
      code varchar(32) primary key,
      name text not null,
      funding_source text,
      monthly_amount numeric(18,2)
    )`);

    this.addSql(`create table import_batch (
      id bigserial primary key,
      kind text not null,
      file_name text not null,
      content_hash char(64) not null,
      status text not null,
      accepted integer not null default 0,
      rejected integer not null default 0,
      errors jsonb not null default '[]',
      username text,
      started_at timestamptz not null default now(),
      finished_at timestamptz
    )`);
    this.addSql(`create index import_batch_hash_idx on import_batch (kind, content_hash) where status = 'landed'`);

    this.addSql(`create table household (
      no_kk varchar(32) primary key,
      desa_code varchar(10) not null references region(code),
      kab_code char(4) not null,
      dtks boolean not null default false,
      desil smallint check (desil between 1 and 10),
      head_nik varchar(32),
      address text,
      import_id bigint references import_batch(id)
    )`);
    this.addSql(`create index household_desa_idx on household (desa_code)`);
    this.addSql(`create index household_kab_idx on household (kab_code)`);

    this.addSql(`create table person (
      nik varchar(32) primary key,
      no_kk varchar(32) not null references household(no_kk) on delete cascade,
      name text not null,
      name_norm text,
      sex char(1) check (sex in ('L','P')),
      birth_date date,
      relation text,
      address text,
      nik_valid boolean not null,
      nik_issue text,
      kab_code char(4) not null
    )`);
    this.addSql(`create index person_kk_idx on person (no_kk)`);
    this.addSql(`create index person_birth_idx on person (birth_date)`);

    this.addSql(`create table payment (
      id bigserial primary key,
      program varchar(32) not null references program(code),
      year smallint not null,
      stage smallint not null,
      desa_code varchar(10) not null references region(code),
      nominal numeric(18,2) not null,
      nik varchar(32),
      no_kk varchar(32),
      name text,
      paid_on date,
      nik_valid boolean not null,
      nik_issue text,
      kab_code char(4) not null,
      import_id bigint not null references import_batch(id),
      line integer not null
    )`);
    this.addSql(`create index payment_nik_idx on payment (nik)`);
    this.addSql(`create index payment_kk_idx on payment (no_kk)`);
    this.addSql(`create index payment_desa_idx on payment (desa_code)`);

    this.addSql(`create table civil_event (
      id bigserial primary key,
      nik varchar(32) not null,
      event text not null check (event in ('MENINGGAL','PINDAH')),
      event_date date not null,
      dest_desa_code varchar(10) references region(code),
      import_id bigint not null references import_batch(id),
      line integer not null
    )`);
    this.addSql(`create index civil_event_nik_idx on civil_event (nik)`);

    this.addSql(`create table budget_line (
      id bigserial primary key,
      program varchar(32) not null references program(code),
      year smallint not null,
      stage smallint,
      region_code varchar(10) not null references region(code),
      allocated numeric(18,2) not null,
      disbursed numeric(18,2) not null default 0,
      import_id bigint not null references import_batch(id),
      line integer not null
    )`);
    this.addSql(`create index budget_line_year_idx on budget_line (year, region_code)`);

    this.addSql(`create table app_user (
      id serial primary key,
      username text not null unique,
      password_hash text not null,
      role text not null check (role in ('ADMIN','OPERATOR','ANALYST','VIEWER')),
      region_code varchar(10) references region(code),
      disabled boolean not null default false,
      created_at timestamptz not null default now()
    )`);

    this.addSql(`create table app_setting (
      key text primary key,
      value text not null
    )`);

    this.addSql(`create table audit_log (
      id bigserial primary key,
      at timestamptz not null default now(),
      username text,
      action text not null,
      detail jsonb not null default '{}'
    )`);
    this.addSql(`create index audit_log_at_idx on audit_log (at)`);
  }
}
