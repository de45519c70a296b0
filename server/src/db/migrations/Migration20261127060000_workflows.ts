import { Migration } from '@mikro-orm/migrations';

/**
 * Workflows of the social office (issue 6).
 *
 * - usulan: a proposal to add a roster household to DTKS or remove one from it.
 *   The household's identity (head NIK, name, address, desa) is copied at proposal
 *   time, because a later households import may change or drop the family while the
 *   proposal (and the DTKS update file exported from it) must keep what was proposed.
 *   At most one open proposal (DIUSULKAN / DIVERIFIKASI) per No. KK: a partial unique
 *   index, so two operators proposing the same family at once cannot both succeed.
 * - pengaduan: a complaint about a household or a desa, with response times.
 * - *_history: every status step with who, when and a note (the creation included).
 * - verivali_flag: every record that needed a fix (invalid NIK, deceased or moved
 *   person still in the roster, probable duplicate person), with the import that first
 *   showed it and the import (or workflow action) that fixed it. A DUPLICATE flag names
 *   both persons (nik / other_nik) and both families (no_kk / other_kk). Maintained after each
 *   import; progress per kab/kota is counted from it. At most one OPEN flag per
 *   (kind, record_key); a flag fixed by an import that shows up again opens a new row.
 */
export class Migration20261127060000_workflows extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create sequence usulan_batch_seq`);

    this.addSql(`create table usulan (
      id bigserial primary key,
      batch text not null check (length(trim(batch)) > 0),
      kind text not null check (kind in ('ADDITION','REMOVAL')),
      reason text not null check (reason in ('PENERIMA_NON_DTKS','MISKIN_BELUM_TERDAFTAR','MENINGGAL','PINDAH','TIDAK_MISKIN','BANTUAN_GANDA')),
      status text not null default 'DIUSULKAN' check (status in ('DIUSULKAN','DIVERIFIKASI','DISETUJUI','DITOLAK')),
      no_kk varchar(32) not null,
      head_nik varchar(32),
      head_name text,
      address text,
      desa_code varchar(10) not null references region(code),
      kab_code char(4) not null,
      pengaduan_id bigint,
      note text,
      created_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((kind = 'ADDITION') = (reason in ('PENERIMA_NON_DTKS','MISKIN_BELUM_TERDAFTAR')))
    )`);
    this.addSql(`create unique index usulan_open_kk_idx on usulan (no_kk) where status in ('DIUSULKAN','DIVERIFIKASI')`);
    this.addSql(`create index usulan_batch_idx on usulan (batch, id)`);
    this.addSql(`create index usulan_desa_idx on usulan (desa_code text_pattern_ops)`);
    this.addSql(`create index usulan_kk_idx on usulan (no_kk)`);

    this.addSql(`create table usulan_history (
      id bigserial primary key,
      usulan_id bigint not null references usulan(id) on delete cascade,
      from_status text,
      to_status text not null,
      note text,
      username text not null,
      at timestamptz not null default now()
    )`);
    this.addSql(`create index usulan_history_usulan_idx on usulan_history (usulan_id, id)`);

    this.addSql(`create table verivali_flag (
      id bigserial primary key,
      kind text not null check (kind in ('INVALID_NIK','DECEASED','MOVED','DUPLICATE')),
      record_key text not null,
      nik varchar(32),
      no_kk varchar(32),
      other_nik varchar(32),
      other_kk varchar(32),
      desa_code varchar(10) not null,
      kab_code char(4) not null,
      detail text,
      first_seen_batch bigint not null references import_batch(id),
      first_seen_at timestamptz not null,
      fixed_batch bigint references import_batch(id),
      fixed_at timestamptz,
      fixed_by text check (fixed_by in ('IMPORT','USULAN','PENGADUAN')),
      fixed_ref bigint,
      check ((fixed_at is null) = (fixed_by is null))
    )`);
    this.addSql(`create unique index verivali_flag_open_idx on verivali_flag (kind, record_key) where fixed_at is null`);
    // The refresh also looks up records resolved by a workflow (fixed, any time).
    this.addSql(`create index verivali_flag_key_idx on verivali_flag (kind, record_key)`);
    this.addSql(`create index verivali_flag_kab_idx on verivali_flag (kab_code, first_seen_at)`);
    this.addSql(`create index verivali_flag_desa_idx on verivali_flag (desa_code text_pattern_ops)`);
    this.addSql(`create index verivali_flag_kk_idx on verivali_flag (no_kk) where fixed_at is null`);
    this.addSql(`create index verivali_flag_other_kk_idx on verivali_flag (other_kk) where fixed_at is null and other_kk is not null`);
    this.addSql(`create index verivali_flag_nik_idx on verivali_flag (nik) where fixed_at is null`);
    // The refresh reads the invalid-NIK persons of the whole roster after each import.
    this.addSql(`create index person_invalid_nik_idx on person (nik) where not nik_valid`);

    this.addSql(`create table pengaduan (
      id bigserial primary key,
      no_kk varchar(32),
      desa_code varchar(10) not null references region(code),
      kab_code char(4) not null,
      category text not null check (category in ('TIDAK_MENERIMA','SALAH_SASARAN','BANTUAN_GANDA','DATA_SALAH','LAINNYA')),
      channel text not null check (channel in ('POSKO','TELEPON','WHATSAPP','WEB','SURAT')),
      status text not null default 'BARU' check (status in ('BARU','DIPROSES','SELESAI')),
      description text not null check (length(trim(description)) > 0),
      reporter_name text,
      received_at timestamptz not null,
      processed_at timestamptz,
      resolved_at timestamptz,
      created_by text not null,
      created_at timestamptz not null default now(),
      check (processed_at is null or processed_at >= received_at),
      check (resolved_at is null or (processed_at is not null and resolved_at >= processed_at)),
      check ((status = 'BARU') = (processed_at is null)),
      check ((status = 'SELESAI') = (resolved_at is not null))
    )`);
    this.addSql(`create index pengaduan_desa_idx on pengaduan (desa_code text_pattern_ops)`);
    this.addSql(`create index pengaduan_kk_idx on pengaduan (no_kk)`);

    this.addSql(`alter table usulan add constraint usulan_pengaduan_fk foreign key (pengaduan_id) references pengaduan(id)`);

    this.addSql(`create table pengaduan_history (
      id bigserial primary key,
      pengaduan_id bigint not null references pengaduan(id) on delete cascade,
      from_status text,
      to_status text not null,
      note text,
      username text not null,
      at timestamptz not null default now()
    )`);
    this.addSql(`create index pengaduan_history_idx on pengaduan_history (pengaduan_id, id)`);

    this.addSql(`create table pengaduan_flag (
      pengaduan_id bigint not null references pengaduan(id) on delete cascade,
      flag_id bigint not null references verivali_flag(id) on delete cascade,
      primary key (pengaduan_id, flag_id)
    )`);
    this.addSql(`create index pengaduan_flag_flag_idx on pengaduan_flag (flag_id)`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists pengaduan_flag`);
    this.addSql(`drop table if exists pengaduan_history`);
    this.addSql(`drop table if exists usulan_history`);
    this.addSql(`drop table if exists usulan`);
    this.addSql(`drop table if exists pengaduan`);
    this.addSql(`drop table if exists verivali_flag`);
    this.addSql(`drop index if exists person_invalid_nik_idx`);
    this.addSql(`drop sequence if exists usulan_batch_seq`);
  }
}
