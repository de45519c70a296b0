-- unknown-programs: which of the filter's program codes name no program (case-insensitive).
-- Only run when a coverage / data-quality query returned no rows, to tell a bad filter from an empty level.
-- Parameters:
--   :programs  text[]  upper-cased program codes
-- Rows: code
select a.code
from unnest(:programs::text[]) as a(code)
where not exists (select 1 from program p where upper(p.code) = a.code)
order by a.code
