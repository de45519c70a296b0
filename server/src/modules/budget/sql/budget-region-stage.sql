-- budget-region-stage: allocated and disbursed per region of one level and stage (tahap), rolled
-- up by code prefix as in budget-realisation; only (region, stage) pairs that have lines.
-- Used to freeze per-kab/kota stage figures in a rakorev snapshot.
-- Parameters:
--   :year     int     budget year (tahun)
--   :len      int     undotted code length of the level (2, 4, 6, 10)
--   :within   text    undotted region code prefix, or null for everywhere
--   :programs text[]  program codes, or null for all programs
-- Rows: code, stage (null = whole-year lines), allocated, disbursed, outstanding, realisation_rate.
select left(b.region_code, :len::int) as code,
       b.stage,
       sum(b.allocated)::float8 as allocated,
       sum(b.disbursed)::float8 as disbursed,
       (sum(b.allocated) - sum(b.disbursed))::float8 as outstanding,
       case when sum(b.allocated) = 0 then 0 else (sum(b.disbursed) / sum(b.allocated))::float8 end as realisation_rate
from budget_line b
where b.year = :year::int
  and length(b.region_code) >= :len::int
  and (:within::text is null or b.region_code like :within::text || '%')
  and (:programs::text[] is null or b.program = any(:programs::text[]))
group by 1, 2
order by 1, 2 nulls last
