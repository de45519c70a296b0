-- verivali-series: verivali progress over time per region of one level: at each moment when a
-- flag was first seen or fixed (an import, or a workflow action), the flags seen so far and
-- the flags fixed so far. Only regions with flags have points.
-- Parameters:
--   :len     int   undotted code length of the level (2, 4, 6, 10)
--   :within  text  undotted region prefix, or null for everywhere
-- Rows: code, at (timestamptz), import_batch_id (text; null for a workflow action),
--   flagged, fixed (int, cumulative), in (code, at) order
with ev as (
  select left(f.desa_code, :len::int) as code, f.first_seen_at as at, f.first_seen_batch as batch, 1 as flagged, 0 as fixed
  from verivali_flag f
  where (:within::text is null or f.desa_code like :within::text || '%')
  union all
  select left(f.desa_code, :len::int), f.fixed_at, f.fixed_batch, 0, 1
  from verivali_flag f
  where f.fixed_at is not null
    and (:within::text is null or f.desa_code like :within::text || '%')
),
g as (
  select code, at, max(batch) as batch, sum(flagged) as flagged, sum(fixed) as fixed
  from ev group by code, at
)
select code, at, batch::text as import_batch_id,
       (sum(flagged) over w)::int as flagged,
       (sum(fixed) over w)::int as fixed
from g
window w as (partition by code order by at rows between unbounded preceding and current row)
order by code, at
