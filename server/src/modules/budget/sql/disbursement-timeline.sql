-- disbursement-timeline: money paid to recipients over time — the recipient rows of one year by
-- month of tanggal_salur and program, with the running total per program. Rows are placed by the
-- matching rule of contract §5 as materialised by analytics (payment_match: a matched row in its
-- household's desa, an unmatched one in its own), so `within` agrees with coverage.aidAmount.
-- Rows without tanggal_salur form a month-null row per program, after the dated months.
-- Parameters:
--   :year     int     payment year (tahun)
--   :within   text    undotted region code prefix, or null for everywhere
--   :programs text[]  program codes, or null for all programs
-- Rows: month (text YYYY-MM or null), program, amount (float8), recipient_rows (int),
--   cumulative_amount (float8: the program's amount up to and including the month).
with monthly as (
  select m.program,
         to_char(m.paid_on, 'YYYY-MM') as month,
         sum(m.nominal) as amount,
         count(*) as recipient_rows
  from payment_match m
  where m.year = :year::int
    and (:within::text is null or m.placed_desa like :within::text || '%')
    and (:programs::text[] is null or m.program = any(:programs::text[]))
  group by 1, 2
)
select month, program,
       amount::float8 as amount,
       recipient_rows::int as recipient_rows,
       (sum(amount) over (partition by program order by month nulls last
                          rows between unbounded preceding and current row))::float8 as cumulative_amount
from monthly
order by month nulls last, program
