-- Rebuilds exclusive_violation from the matched recipient rows (analytics payment_match: a row
-- matched to a person or only by No. KK belongs to that household). A household violates a pair
-- when it received both programs in one year (the pair's year, or any year when it has none).
-- Parameters: none.
insert into exclusive_violation (pair_id, year, no_kk, desa_code, kab_code, program_a, program_b, rows_a, rows_b, amount_a, amount_b)
with hp as (
  select m.household_kk as no_kk, m.program, m.year, count(*)::int as n, sum(m.nominal) as amount
  from payment_match m
  where m.household_kk is not null
    and m.program in (select program_a from exclusive_program_pair union select program_b from exclusive_program_pair)
  group by m.household_kk, m.program, m.year
)
select e.id, a.year, a.no_kk, h.desa_code, h.kab_code, e.program_a, e.program_b, a.n, b.n, a.amount, b.amount
from exclusive_program_pair e
join hp a on a.program = e.program_a and (e.year is null or a.year = e.year)
join hp b on b.no_kk = a.no_kk and b.year = a.year and b.program = e.program_b
join household h on h.no_kk = a.no_kk
