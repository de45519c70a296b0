-- civilRegistryRisk: for every region of one level at/inside :within (zeros included), per program,
-- the recipient rows paid after the person moved to another kab/kota or died, and their money
-- (civil_risk_rollup, placed by the matching rule).
-- Parameters:
--   :level     int     region level (1–4)
--   :len       int     code length of that level (2, 4, 6, 10)
--   :within    text    undotted region prefix, or null
--   :programs  text[]  upper-cased program codes, or null
--   :year      int     or null
--   :stage     int     or null
-- Rows: code, name, level, parent_code, kind, area_km2, lat, lng, program (null when the region has
--   nothing), moved_rows, moved_amount, deceased_rows, deceased_amount.
with fig as (
  select left(c.desa_code, :len::int) as code, c.program,
         sum(c.moved_rows)::int as moved_rows, sum(c.moved_amount)::float8 as moved_amount,
         sum(c.deceased_rows)::int as deceased_rows, sum(c.deceased_amount)::float8 as deceased_amount
  from civil_risk_rollup c
  where (:within::text is null or c.desa_code like :within::text || '%')
    and (:programs::text[] is null or upper(c.program) = any(:programs::text[]))
    and (:year::int is null or c.year = :year::int)
    and (:stage::int is null or c.stage = :stage::int)
  group by 1, 2
)
select r.code, r.name, r.level, r.parent_code, r.kind, r.area_km2, r.lat, r.lng,
       f.program, coalesce(f.moved_rows, 0) as moved_rows, coalesce(f.moved_amount, 0) as moved_amount,
       coalesce(f.deceased_rows, 0) as deceased_rows, coalesce(f.deceased_amount, 0) as deceased_amount
from region r
left join fig f on f.code = r.code
where r.level = :level::int and (:within::text is null or r.code like :within::text || '%')
order by r.code, f.program
