-- demo-desa-candidates: per kab/kota the desa with the most aided families outside DTKS that have
-- no proposal yet (where a social office would start proposing), most first; ties in a seeded order.
-- Parameters:
--   :seed     text  demo seed (orders ties deterministically)
--   :per_kab  int   desa per kab/kota
-- Rows: kab_code, desa_code, candidates (int)
with c as (
  select h.kab_code, h.desa_code, count(*) as candidates
  from household h
  where not h.dtks
    and exists (select 1 from payment_match m where m.household_kk = h.no_kk)
    and not exists (select 1 from usulan u where u.no_kk = h.no_kk)
  group by h.kab_code, h.desa_code
),
r as (
  select c.*, row_number() over (partition by c.kab_code order by c.candidates desc, md5(:seed::text || c.desa_code)) as rn
  from c
)
select kab_code, desa_code, candidates::int as candidates
from r where rn <= :per_kab::int
order by kab_code, rn
