-- Rebuilds civil_risk_rollup: per (desa the row is placed in, program, year, stage) the recipient
-- rows matched to a person and paid (tanggal_salur) after
--   * moved: the person's latest PINDAH event strictly before the payment went to another
--     kab/kota than the one the row is placed in (the money went where the person no longer lives);
--   * deceased: the person's death, the earliest MENINGGAL date for the NIK, strictly before the
--     payment (contract §5 deceasedRecipients); rows without tanggal_salur never count.
-- Matching comes from analytics payment_match (one matching rule for every figure); only persons
-- with a civil event are looked at.
-- Parameters: none.
insert into civil_risk_rollup (desa_code, kab_code, program, year, stage, moved_rows, moved_amount, deceased_rows, deceased_amount)
with ev as (
  select nik, min(event_date) filter (where event = 'MENINGGAL') as died_on
  from civil_event group by nik
),
flagged as (
  select m.placed_desa, m.placed_kab, m.program, m.year, m.stage, m.nominal,
         coalesce(mv.dest_kab <> m.placed_kab, false) as moved,
         coalesce(ev.died_on < m.paid_on, false) as deceased
  from ev
  join payment_match m on m.person_nik = ev.nik
  left join lateral (
    select left(e.dest_desa_code, 4) as dest_kab
    from civil_event e
    where e.nik = m.person_nik and e.event = 'PINDAH' and e.event_date < m.paid_on and e.dest_desa_code is not null
    order by e.event_date desc, e.id desc
    limit 1
  ) mv on true
  where m.paid_on is not null
)
select placed_desa, placed_kab, program, year, stage,
       count(*) filter (where moved)::int, coalesce(sum(nominal) filter (where moved), 0),
       count(*) filter (where deceased)::int, coalesce(sum(nominal) filter (where deceased), 0)
from flagged
where moved or deceased
group by placed_desa, placed_kab, program, year, stage
