-- budget-cost: realised budget beside what reached recipients, per region of one level at or
-- inside :within (zeros included). Budget lines roll up by code prefix as in budget-realisation;
-- recipient rows are placed by the matching rule of contract §5 as materialised by analytics
-- (payment_match). Aided households come from the coverage query (the caller joins them), so
-- "aided" means exactly what coverage.aidedHouseholds means.
-- Same shape as budget-realisation.sql (regions, lines and payment sums stacked, one group by,
-- no join) so that missing planner statistics cannot turn it into a nested loop.
-- Parameters:
--   :year     int     budget and payment year (tahun)
--   :level    int     region level 1 province, 2 kab/kota, 3 kecamatan, 4 desa
--   :len      int     undotted code length of that level (2, 4, 6, 10)
--   :within   text    undotted region code prefix, or null for everywhere
--   :programs text[]  program codes, or null for all programs
--   :stage    int     stage (tahap), or null for every stage (and whole-year budget lines)
-- Rows: code, name, level, parent_code, kind, area_km2, lat, lng, disbursed (float8),
--   paid_amount (float8: nominal of every recipient row placed in the region, matched or not),
--   recipient_rows (int).
with stacked as (
  select r.code, r.name, r.level, r.parent_code, r.kind, r.area_km2, r.lat, r.lng,
         null::numeric as disbursed, null::numeric as paid_amount, null::bigint as recipient_rows
  from region r
  where r.level = :level::int
    and (:within::text is null or r.code like :within::text || '%')
  union all
  select left(b.region_code, :len::int), null, null, null, null, null, null, null,
         b.disbursed, null, null
  from budget_line b
  where b.year = :year::int
    and length(b.region_code) >= :len::int
    and (:within::text is null or b.region_code like :within::text || '%')
    and (:stage::int is null or b.stage = :stage::int)
    and (:programs::text[] is null or b.program = any(:programs::text[]))
  union all
  select left(m.placed_desa, :len::int), null, null, null, null, null, null, null,
         null, sum(m.nominal), count(*)
  from payment_match m
  where m.year = :year::int
    and (:within::text is null or m.placed_desa like :within::text || '%')
    and (:stage::int is null or m.stage = :stage::int)
    and (:programs::text[] is null or m.program = any(:programs::text[]))
  group by 1
)
select code,
       max(name) as name, max(level)::int as level, max(parent_code) as parent_code, max(kind) as kind,
       max(area_km2) as area_km2, max(lat) as lat, max(lng) as lng,
       coalesce(sum(disbursed), 0)::float8 as disbursed,
       coalesce(sum(paid_amount), 0)::float8 as paid_amount,
       coalesce(sum(recipient_rows), 0)::int as recipient_rows
from stacked
group by code
having count(name) > 0 -- a region of the requested set
order by code
