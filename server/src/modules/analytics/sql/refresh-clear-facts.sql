-- refresh-clear-facts: removes the household-level facts of some kab/kota before they are rebuilt.
-- Parameters:
--   :kabs  bpchar[]  kab/kota codes (4 digits)
with bits as (delete from analytics_program_bit where kab_code = any(:kabs::bpchar[])),
     facts as (delete from analytics_household_aid where kab_code = any(:kabs::bpchar[])),
     rollup as (delete from analytics_aid_rollup where kab_code = any(:kabs::bpchar[]))
select 1 as done
