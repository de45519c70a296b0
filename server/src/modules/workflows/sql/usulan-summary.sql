-- usulan-summary: proposals per region of one level and status / kind; every region of the
-- level at or inside :within is returned, zeros included. A proposal counts in the regions
-- whose code prefixes its desa.
-- Parameters:
--   :level   int   1 province, 2 kab/kota, 3 kecamatan, 4 desa
--   :len     int   undotted code length of that level (2, 4, 6, 10)
--   :within  text  undotted region prefix, or null for everywhere
-- Rows: region columns (code, name, level, parent_code, kind, area_km2, lat, lng) and int counts:
--   total, diusulkan, diverifikasi, disetujui, ditolak, additions, removals
with sums as (
  select left(u.desa_code, :len::int) as code,
         count(*) as total,
         count(*) filter (where u.status = 'DIUSULKAN') as diusulkan,
         count(*) filter (where u.status = 'DIVERIFIKASI') as diverifikasi,
         count(*) filter (where u.status = 'DISETUJUI') as disetujui,
         count(*) filter (where u.status = 'DITOLAK') as ditolak,
         count(*) filter (where u.kind = 'ADDITION') as additions,
         count(*) filter (where u.kind = 'REMOVAL') as removals
  from usulan u
  where (:within::text is null or u.desa_code like :within::text || '%')
  group by 1
)
select r.code, r.name, r.level, r.parent_code, r.kind, r.area_km2, r.lat, r.lng,
       coalesce(s.total, 0)::int as total,
       coalesce(s.diusulkan, 0)::int as diusulkan,
       coalesce(s.diverifikasi, 0)::int as diverifikasi,
       coalesce(s.disetujui, 0)::int as disetujui,
       coalesce(s.ditolak, 0)::int as ditolak,
       coalesce(s.additions, 0)::int as additions,
       coalesce(s.removals, 0)::int as removals
from region r
left join sums s on s.code = r.code
where r.level = :level::int
  and (:within::text is null or r.code like :within::text || '%')
order by r.code
