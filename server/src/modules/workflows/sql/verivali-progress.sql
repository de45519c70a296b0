-- verivali-progress: records needing a fix (verivali flags) per region of one level, and how many
-- of them were fixed since (by a later import or a workflow action), in total and per kind.
-- Every region of the level at or inside :within is returned, zeros included. A flag counts
-- in the regions whose code prefixes its desa.
-- Parameters:
--   :level   int   1 province, 2 kab/kota, 3 kecamatan, 4 desa
--   :len     int   undotted code length of that level (2, 4, 6, 10)
--   :within  text  undotted region prefix, or null for everywhere
-- Rows: region columns (code, name, level, parent_code, kind, area_km2, lat, lng); int counts
--   flagged, fixed, fixed_by_import, fixed_by_workflow, and <kind>_flagged / <kind>_fixed for
--   invalid_nik, deceased, moved, duplicate
with sums as (
  select left(f.desa_code, :len::int) as code,
         count(*) as flagged,
         count(*) filter (where f.fixed_at is not null) as fixed,
         count(*) filter (where f.fixed_by = 'IMPORT') as fixed_by_import,
         count(*) filter (where f.fixed_by in ('USULAN', 'PENGADUAN')) as fixed_by_workflow,
         count(*) filter (where f.kind = 'INVALID_NIK') as invalid_nik_flagged,
         count(*) filter (where f.kind = 'INVALID_NIK' and f.fixed_at is not null) as invalid_nik_fixed,
         count(*) filter (where f.kind = 'DECEASED') as deceased_flagged,
         count(*) filter (where f.kind = 'DECEASED' and f.fixed_at is not null) as deceased_fixed,
         count(*) filter (where f.kind = 'MOVED') as moved_flagged,
         count(*) filter (where f.kind = 'MOVED' and f.fixed_at is not null) as moved_fixed,
         count(*) filter (where f.kind = 'DUPLICATE') as duplicate_flagged,
         count(*) filter (where f.kind = 'DUPLICATE' and f.fixed_at is not null) as duplicate_fixed
  from verivali_flag f
  where (:within::text is null or f.desa_code like :within::text || '%')
  group by 1
)
select r.code, r.name, r.level, r.parent_code, r.kind, r.area_km2, r.lat, r.lng,
       coalesce(s.flagged, 0)::int as flagged,
       coalesce(s.fixed, 0)::int as fixed,
       coalesce(s.fixed_by_import, 0)::int as fixed_by_import,
       coalesce(s.fixed_by_workflow, 0)::int as fixed_by_workflow,
       coalesce(s.invalid_nik_flagged, 0)::int as invalid_nik_flagged,
       coalesce(s.invalid_nik_fixed, 0)::int as invalid_nik_fixed,
       coalesce(s.deceased_flagged, 0)::int as deceased_flagged,
       coalesce(s.deceased_fixed, 0)::int as deceased_fixed,
       coalesce(s.moved_flagged, 0)::int as moved_flagged,
       coalesce(s.moved_fixed, 0)::int as moved_fixed,
       coalesce(s.duplicate_flagged, 0)::int as duplicate_flagged,
       coalesce(s.duplicate_fixed, 0)::int as duplicate_fixed
from region r
left join sums s on s.code = r.code
where r.level = :level::int
  and (:within::text is null or r.code like :within::text || '%')
order by r.code
