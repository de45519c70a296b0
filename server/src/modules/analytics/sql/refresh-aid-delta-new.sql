-- refresh-aid-delta-new: the recomputed facts of the scoped households, with sign +1.
-- Parameters: none
insert into analytics_aid_delta (no_kk, year, stage, kab_code, desa_code, dtks, mask, sign)
select a.no_kk, a.year, a.stage, a.kab_code, a.desa_code, a.dtks, a.mask, 1
from analytics_household_aid a
where a.no_kk in (select no_kk from analytics_aid_scope)
