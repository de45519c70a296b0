-- refresh-household-aid: per household and (year, stage) the mask of programs it received through
-- matched rows (by a member's NIK or by its No. KK), with amount and row count. A household's rows
-- all carry its desa, kab/kota and DTKS flag (payment_match), so grouping by them is exact.
-- Parameters:
--   :batch  bigint  only the households that rows of this import matched (all their rows), or null for all
insert into analytics_household_aid (no_kk, year, stage, kab_code, desa_code, dtks, mask, amount, payments)
select m.household_kk, m.year, m.stage, m.placed_kab, m.placed_desa, m.dtks,
       bit_or(1::bigint << b.bit), sum(m.nominal), count(*)
from payment_match m
join analytics_program_bit b on b.kab_code = m.placed_kab and b.program = m.program
where m.household_kk is not null
  and (:batch::bigint is null
       or m.household_kk in (select x.household_kk from payment_match x where x.import_id = :batch::bigint and x.household_kk is not null))
group by m.household_kk, m.year, m.stage, m.placed_kab, m.placed_desa, m.dtks
