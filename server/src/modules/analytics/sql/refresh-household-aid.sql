-- refresh-household-aid: per household and (year, stage) the mask of programs it received through
-- matched rows (by a member's NIK or by its No. KK), with amount and row count. A household's rows
-- all carry its desa, kab/kota and DTKS flag (payment_match), so grouping by them is exact.
-- Parameters:
--   :scoped  boolean  only the households in analytics_aid_scope (refresh-aid-scope.sql; all their
--                     rows), or false for every household
insert into analytics_household_aid (no_kk, year, stage, kab_code, desa_code, dtks, mask, amount, payments)
select m.household_kk, m.year, m.stage, m.placed_kab, m.placed_desa, m.dtks,
       bit_or(1::bigint << b.bit), sum(m.nominal), count(*)
from payment_match m
join analytics_program_bit b on b.kab_code = m.placed_kab and b.program = m.program
where m.household_kk is not null
  and (not :scoped::boolean or m.household_kk in (select no_kk from analytics_aid_scope))
group by m.household_kk, m.year, m.stage, m.placed_kab, m.placed_desa, m.dtks
