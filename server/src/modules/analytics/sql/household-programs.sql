-- household-programs: what some households received — their matched recipient rows (by a member's
-- NIK or by the No. KK, payment_match) per program, year and stage, with amounts (batched per request).
-- Parameters:
--   :kks  text[]  No. KK of the households
-- Rows: no_kk, program, program_name, year, stage, amount (float8), payments
select m.household_kk as no_kk, m.program, pr.name as program_name, m.year, m.stage,
       sum(m.nominal)::float8 as amount, count(*)::int as payments
from payment_match m
join program pr on pr.code = m.program
where m.household_kk = any(:kks::text[])
group by m.household_kk, m.program, pr.name, m.year, m.stage
order by m.household_kk, m.year, m.stage, m.program
