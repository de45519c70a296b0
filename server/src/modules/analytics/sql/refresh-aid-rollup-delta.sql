-- refresh-aid-rollup-delta: corrects analytics_aid_rollup by the difference between the scoped
-- households' facts before and after an incremental refresh (analytics_aid_delta): each side is
-- expanded to its period keys as refresh-aid-rollup.sql does, counted with its sign, and the sums
-- that are not zero are added to the row with the same key (a new key is inserted). Work in
-- proportion to the households the import touched, not to the desa they live in (the demo's
-- verivali update: 11k families spread over 695 of 729 desa). Rows left at zero: refresh-aid-rollup-zero.
-- Parameters: none
with expanded as (
  select sign, kab_code, desa_code, dtks, year as year_key, stage as stage_key, mask
  from analytics_aid_delta
  union all
  select sign, kab_code, desa_code, dtks,
         case when grouping(year) = 1 then -1 else year end,
         case when grouping(stage) = 1 then -1 else stage end,
         bit_or(mask)
  from analytics_aid_delta
  group by sign, no_kk, kab_code, desa_code, dtks, grouping sets ((year), (stage), ())
),
d as (
  select kab_code, desa_code, dtks, year_key, stage_key, mask, sum(sign)::int as n
  from expanded
  group by kab_code, desa_code, dtks, year_key, stage_key, mask
  having sum(sign) <> 0
),
upd as (
  update analytics_aid_rollup r set households = r.households + d.n
  from d
  where r.desa_code = d.desa_code and r.dtks = d.dtks and r.year_key = d.year_key and r.stage_key = d.stage_key and r.mask = d.mask
  returning r.desa_code, r.dtks, r.year_key, r.stage_key, r.mask
)
insert into analytics_aid_rollup (kab_code, desa_code, dtks, year_key, stage_key, mask, households)
select d.kab_code, d.desa_code, d.dtks, d.year_key, d.stage_key, d.mask, d.n
from d
where not exists (select 1 from upd u where u.desa_code = d.desa_code and u.dtks = d.dtks and u.year_key = d.year_key
                  and u.stage_key = d.stage_key and u.mask = d.mask)
