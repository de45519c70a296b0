-- verivali-fix-pengaduan: a complaint closed as fixing its data resolves the open verivali
-- flags linked to it. A flag is never fixed before it was first seen.
-- Parameters:
--   :id  bigint       complaint id
--   :at  timestamptz  time of closing
-- Rows: id (text) of each flag fixed
update verivali_flag f
   set fixed_at = greatest(:at::timestamptz, f.first_seen_at), fixed_by = 'PENGADUAN', fixed_ref = :id::bigint
  from pengaduan_flag pf
 where pf.pengaduan_id = :id::bigint and pf.flag_id = f.id and f.fixed_at is null
returning f.id::text as id
