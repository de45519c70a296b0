-- refresh-aid-rollup: households counted by (desa, DTKS, year|all, stage|all, program mask).
-- Each household contributes one row per period key with the OR of its masks in that period,
-- so "distinct households aided by any of programs P" is sum(households) where mask & P <> 0,
-- and "stacked" is where mask & P has two or more bits — a few rows per desa instead of every household.
-- analytics_household_aid already holds one row per (household, year, stage): that period key is
-- read as it is, and only the three coarser keys are grouped (one hashed pass; the cube of the four
-- hashed every row once more, for nothing). Demo on PostgreSQL, insert included, refresh settings:
-- 5.1–5.4 s → 4.5–5.0 s. refresh-aid-rollup-delta.sql expands households the same way: change both together.
-- Parameters:
--   :desas  text[]  desa codes to rebuild, or null for all
-- Keys: year_key / stage_key -1 = every year / every stage.
insert into analytics_aid_rollup (kab_code, desa_code, dtks, year_key, stage_key, mask, households)
select kab_code, desa_code, dtks, year_key, stage_key, mask, count(*)::int
from (
  select kab_code, desa_code, dtks, year as year_key, stage as stage_key, mask
  from analytics_household_aid
  where :desas::text[] is null or desa_code = any(:desas::text[])
  union all
  select kab_code, desa_code, dtks,
         case when grouping(year) = 1 then -1 else year end,
         case when grouping(stage) = 1 then -1 else stage end,
         bit_or(mask)
  from analytics_household_aid
  where :desas::text[] is null or desa_code = any(:desas::text[])
  group by no_kk, kab_code, desa_code, dtks, grouping sets ((year), (stage), ())
) per_household
group by kab_code, desa_code, dtks, year_key, stage_key, mask
-- stored in the order coverage reads it (one period key of a province = adjacent pages)
order by year_key, stage_key, desa_code collate "C"
