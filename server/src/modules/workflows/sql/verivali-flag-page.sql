-- verivali-flag-page: one page of verivali flags, newest first (keyset on id), with their desa.
-- Parameters:
--   :within    text     undotted region prefix, or null for everywhere
--   :kind      text     flag kind, or null
--   :open      boolean  true = not fixed yet, false = fixed, null = both
--   :no_kk     text     a family (as either family of a pair), or null
--   :after_id  bigint   only ids below this (the cursor), or null
--   :limit     int      rows to return (page size + 1)
-- Rows: flag columns (ids as text) + region columns of the desa (r_code, r_name, …)
select f.id::text as id, f.kind, f.record_key, f.nik, f.no_kk, f.other_nik, f.other_kk, f.desa_code, f.kab_code, f.detail,
       f.first_seen_batch::text as first_seen_batch, f.first_seen_at, f.fixed_batch::text as fixed_batch, f.fixed_at, f.fixed_by,
       f.fixed_ref::text as fixed_ref,
       r.code as r_code, r.name as r_name, r.level as r_level, r.parent_code as r_parent_code, r.kind as r_kind,
       r.area_km2 as r_area_km2, r.lat as r_lat, r.lng as r_lng
from verivali_flag f
join region r on r.code = f.desa_code
where (:within::text is null or f.desa_code like :within::text || '%')
  and (:kind::text is null or f.kind = :kind::text)
  and (:open::boolean is null or (f.fixed_at is null) = :open::boolean)
  and (:no_kk::text is null or f.no_kk = :no_kk::text or f.other_kk = :no_kk::text)
  and (:after_id::bigint is null or f.id < :after_id::bigint)
order by f.id desc
limit :limit::int
