-- refresh-program-bits: numbers the programs paid in each kab/kota (bit 0..62) so that a household's
-- programs in a period fit one non-negative bigint mask (the sign bit stays free, so "two or more
-- programs" is the overflow-free test m & (m - 1) <> 0). Bits are per kab/kota, which keeps the
-- limit of 63 far away even with many local programs across Indonesia. Programs already numbered keep their bit
-- (masks stored earlier stay right); new ones get the next free bits, by code.
-- Parameters:
--   :batch  bigint  only programs of this import's matched rows, or null for every matched row
-- Rows: kab, programs — kab/kota that would need more than 63 programs (the caller refuses the import).
with present as (
  select distinct m.placed_kab, m.program
  from payment_match m
  where m.household_kk is not null
    and (:batch::bigint is null or m.import_id = :batch::bigint)
    and not exists (select 1 from analytics_program_bit b where b.kab_code = m.placed_kab and b.program = m.program)
),
numbered as (
  select p.placed_kab, p.program,
         coalesce((select max(b.bit) from analytics_program_bit b where b.kab_code = p.placed_kab), -1)
           + row_number() over (partition by p.placed_kab order by p.program) as bit
  from present p
),
ins as (
  insert into analytics_program_bit (kab_code, program, bit)
  select placed_kab, program, bit from numbered where bit < 63
)
select placed_kab as kab, (max(bit) + 1)::int as programs
from numbered group by placed_kab having max(bit) >= 63
