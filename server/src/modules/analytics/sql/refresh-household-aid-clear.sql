-- refresh-household-aid-clear: removes the facts of the households in analytics_aid_scope, before
-- refresh-household-aid recomputes them from all their rows; their rows as they were go to
-- analytics_aid_delta with sign -1 (the aid rollup is then corrected by the difference).
-- Parameters: none
with gone as (
  delete from analytics_household_aid a
  where a.no_kk in (select no_kk from analytics_aid_scope)
  returning a.no_kk, a.year, a.stage, a.kab_code, a.desa_code, a.dtks, a.mask
)
insert into analytics_aid_delta (no_kk, year, stage, kab_code, desa_code, dtks, mask, sign)
select no_kk, year, stage, kab_code, desa_code, dtks, mask, -1 from gone
