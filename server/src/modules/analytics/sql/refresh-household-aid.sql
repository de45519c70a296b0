-- refresh-household-aid: per household and (year, stage) the mask of programs it received through
-- matched rows (by a member's NIK or by its No. KK), with amount and row count. A household's rows
-- all carry its desa, kab/kota and DTKS flag (payment_match), so grouping by them is exact.
-- Parameters:
--   :batch   bigint   only the households that rows of this import matched (all their rows), or null for all
--   :scoped  boolean  instead: only the households the rows in analytics_refresh_scope were or are placed in
insert into analytics_household_aid (no_kk, year, stage, kab_code, desa_code, dtks, mask, amount, payments)
select m.household_kk, m.year, m.stage, m.placed_kab, m.placed_desa, m.dtks,
       bit_or(1::bigint << b.bit), sum(m.nominal), count(*)
from payment_match m
join analytics_program_bit b on b.kab_code = m.placed_kab and b.program = m.program
where m.household_kk is not null
  and case when :scoped::boolean
           then m.household_kk in (select s.old_kk from analytics_refresh_scope s where s.old_kk is not null
                                   union
                                   select x.household_kk from payment_match x join analytics_refresh_scope s on s.payment_id = x.payment_id
                                   where x.household_kk is not null)
           else :batch::bigint is null
                or m.household_kk in (select x.household_kk from payment_match x where x.import_id = :batch::bigint and x.household_kk is not null) end
group by m.household_kk, m.year, m.stage, m.placed_kab, m.placed_desa, m.dtks
