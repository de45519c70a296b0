-- budget-by-stage: the budget of one year as a series by stage (tahap), over the lines at or
-- inside :within (all lines when null). Whole-year lines (stage null) form their own row, last.
-- Parameters:
--   :year     int     budget year (tahun)
--   :within   text    undotted region code prefix, or null for everywhere
--   :programs text[]  program codes, or null for all programs
-- Rows: stage (null = whole year), allocated, disbursed, outstanding, realisation_rate (float8).
select b.stage,
       sum(b.allocated)::float8 as allocated,
       sum(b.disbursed)::float8 as disbursed,
       (sum(b.allocated) - sum(b.disbursed))::float8 as outstanding,
       case when sum(b.allocated) = 0 then 0 else (sum(b.disbursed) / sum(b.allocated))::float8 end as realisation_rate
from budget_line b
where b.year = :year::int
  and (:within::text is null or b.region_code like :within::text || '%')
  and (:programs::text[] is null or b.program = any(:programs::text[]))
group by b.stage
order by b.stage nulls last
