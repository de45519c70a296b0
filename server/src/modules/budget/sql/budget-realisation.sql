-- budget-realisation: allocated (pagu) and disbursed (realisasi) per region of one level,
-- every region of the level at or inside :within returned, with zeros where no line applies.
-- A budget line at any level counts in the region whose code prefixes its own code, so a
-- desa line counts in its desa, kecamatan, kab/kota and province, and a province line only
-- in the province row (lines above the requested level count nowhere).
--
-- Shape: the region rows and the (prefix-cut) budget lines are stacked with UNION ALL and
-- summed in ONE group by code — no join. A join would be planned from row estimates, and
-- region / budget_line often have no statistics (PGlite runs no autovacuum; a fresh import
-- has not been analysed): with "1 row" estimates PostgreSQL picks a nested loop that re-runs
-- the aggregate for every region (0.9 s for 729 desa instead of 2 ms). A single aggregate
-- costs the same whatever the estimates say.
-- Parameters:
--   :year     int     budget year (tahun)
--   :level    int     region level 1 province, 2 kab/kota, 3 kecamatan, 4 desa
--   :len      int     undotted code length of that level (2, 4, 6, 10)
--   :within   text    undotted region code prefix, or null for everywhere
--   :programs text[]  program codes, or null for all programs
--   :stage    int     stage (tahap); null = every line of the year, whole-year lines included
-- Rows: code, name, level, parent_code, kind, area_km2, lat, lng, allocated, disbursed,
--   outstanding, realisation_rate (float8; rate 0 when nothing is allocated).
with stacked as (
  select r.code, r.name, r.level, r.parent_code, r.kind, r.area_km2, r.lat, r.lng,
         null::numeric as allocated, null::numeric as disbursed
  from region r
  where r.level = :level::int
    and (:within::text is null or r.code like :within::text || '%')
  union all
  select left(b.region_code, :len::int), null, null, null, null, null, null, null,
         b.allocated, b.disbursed
  from budget_line b
  where b.year = :year::int
    and length(b.region_code) >= :len::int
    and (:within::text is null or b.region_code like :within::text || '%')
    and (:stage::int is null or b.stage = :stage::int)
    and (:programs::text[] is null or b.program = any(:programs::text[]))
),
summed as (
  select code,
         -- every attribute comes from the one region row of the code (line rows carry nulls)
         max(name) as name, max(level) as level, max(parent_code) as parent_code, max(kind) as kind,
         max(area_km2) as area_km2, max(lat) as lat, max(lng) as lng,
         coalesce(sum(allocated), 0) as allocated,
         coalesce(sum(disbursed), 0) as disbursed
  from stacked
  group by code
  having count(name) > 0 -- a region of the requested set (always true for a line: codes nest)
)
select code, name, level::int as level, parent_code, kind, area_km2, lat, lng,
       allocated::float8 as allocated,
       disbursed::float8 as disbursed,
       (allocated - disbursed)::float8 as outstanding,
       case when allocated = 0 then 0 else (disbursed / allocated)::float8 end as realisation_rate
from summed
order by code
