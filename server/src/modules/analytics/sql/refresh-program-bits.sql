-- refresh-program-bits: numbers the programs paid in each kab/kota (bit 0..63, by code) so that a
-- household's programs in a period fit one bigint mask. Bits are per kab/kota, which keeps the
-- limit of 64 far away even with many local programs across Indonesia.
-- Parameters:
--   :kabs  bpchar[]  kab/kota codes to number, or null for all
-- Rows: kab, programs — kab/kota with more than 64 programs (the caller refuses the import).
with present as (
  select distinct placed_kab, program
  from payment_match
  where household_kk is not null
    and (:kabs::bpchar[] is null or placed_kab = any(:kabs::bpchar[]))
),
numbered as (
  select placed_kab, program, row_number() over (partition by placed_kab order by program) - 1 as bit
  from present
),
ins as (
  insert into analytics_program_bit (kab_code, program, bit)
  select placed_kab, program, bit from numbered where bit < 64
)
select placed_kab as kab, count(*)::int as programs
from numbered group by placed_kab having count(*) > 64
