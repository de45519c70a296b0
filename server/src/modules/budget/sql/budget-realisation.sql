-- budget-realisation: allocated (pagu) and disbursed (realisasi) per region of one level,
-- every region of the level at or inside :within returned, with zeros where no line applies.
-- A budget line at any level counts in the region whose code prefixes its own code, so a
-- desa line counts in its desa, kecamatan, kab/kota and province, and a province line only
-- in the province row (lines above the requested level count nowhere).
-- Parameters:
--   :year     int     budget year (tahun)
--   :level    int     region level 1 province, 2 kab/kota, 3 kecamatan, 4 desa
--   :len      int     undotted code length of that level (2, 4, 6, 10)
--   :within   text    undotted region code prefix, or null for everywhere
--   :programs text[]  program codes, or null for all programs
--   :stage    int     stage (tahap); null = every line of the year, whole-year lines included
-- Rows: code, name, level, parent_code, kind, area_km2, lat, lng, allocated, disbursed,
--   outstanding, realisation_rate (float8; rate 0 when nothing is allocated).
with sums as (
  select left(b.region_code, :len::int) as code,
         sum(b.allocated) as allocated,
         sum(b.disbursed) as disbursed
  from budget_line b
  where b.year = :year::int
    and length(b.region_code) >= :len::int
    and (:within::text is null or b.region_code like :within::text || '%')
    and (:stage::int is null or b.stage = :stage::int)
    and (:programs::text[] is null or b.program = any(:programs::text[]))
  group by 1
)
select r.code, r.name, r.level, r.parent_code, r.kind, r.area_km2, r.lat, r.lng,
       coalesce(s.allocated, 0)::float8 as allocated,
       coalesce(s.disbursed, 0)::float8 as disbursed,
       (coalesce(s.allocated, 0) - coalesce(s.disbursed, 0))::float8 as outstanding,
       case when coalesce(s.allocated, 0) = 0 then 0
            else (s.disbursed / s.allocated)::float8 end as realisation_rate
from region r
left join sums s on s.code = r.code
where r.level = :level::int
  and (:within::text is null or r.code like :within::text || '%')
order by r.code
