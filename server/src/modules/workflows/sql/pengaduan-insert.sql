-- pengaduan-insert: records a complaint with its first history step (BARU) and links the
-- verivali flags it concerns: the open flags of its family (as either family of a duplicate
-- pair) plus the flags named explicitly (checked by pengaduan-flag-check).
-- Parameters:
--   :no_kk         text         No. KK, or null for a complaint about a desa
--   :desa_code     text         desa (undotted)
--   :kab_code      text         kab/kota (4 digits)
--   :category      text         PengaduanCategory
--   :channel       text         PengaduanChannel
--   :description   text         what the complaint says
--   :reporter_name text         who complained (nullable)
--   :received_at   timestamptz  when the desk received it
--   :username      text         who records it
--   :at            timestamptz  when it is recorded
--   :flag_ids      bigint[]     flags named explicitly ('{}' for none)
-- Rows: one row: id (text)
with ins as (
  insert into pengaduan (no_kk, desa_code, kab_code, category, channel, status, description, reporter_name,
                         received_at, created_by, created_at)
  values (:no_kk::text, :desa_code::text, :kab_code::text, :category::text, :channel::text, 'BARU', :description::text,
          :reporter_name::text, :received_at::timestamptz, :username::text, :at::timestamptz)
  returning id, received_at
),
hist as (
  insert into pengaduan_history (pengaduan_id, from_status, to_status, note, username, at)
  select id, null, 'BARU', null, :username::text, received_at from ins
),
links as (
  insert into pengaduan_flag (pengaduan_id, flag_id)
  select distinct ins.id, x.id
  from ins, (
    select f.id from verivali_flag f where f.fixed_at is null and f.no_kk = :no_kk::text
    union
    select f.id from verivali_flag f where f.fixed_at is null and f.other_kk = :no_kk::text
    union
    select f.id from verivali_flag f where f.id = any(:flag_ids::bigint[])
  ) x
)
select id::text as id from ins
