-- demo-complaint-subjects: what the demo's complaints are about, per kab/kota and category, in a
-- seeded order (up to :per_kab each):
--   TIDAK_MENERIMA  DTKS families that receive nothing
--   SALAH_SASARAN   families outside DTKS in deciles 6–10 (or unranked) that receive aid
--   BANTUAN_GANDA   families with an open DUPLICATE verivali flag
--   DATA_SALAH      families with an open INVALID_NIK, DECEASED or MOVED verivali flag
--   LAINNYA         a desa (no family)
-- Parameters:
--   :seed     text  demo seed
--   :per_kab  int   subjects per kab/kota and category
-- Rows: category, kab_code, no_kk (null for a desa), desa_code
with subjects as (
  select 'TIDAK_MENERIMA' as category, h.kab_code, h.no_kk, h.desa_code
  from household h
  where h.dtks and not exists (select 1 from payment_match m where m.household_kk = h.no_kk)
  union all
  select 'SALAH_SASARAN', h.kab_code, h.no_kk, h.desa_code
  from household h
  where not h.dtks and coalesce(h.desil, 10) >= 6 and exists (select 1 from payment_match m where m.household_kk = h.no_kk)
  union all
  select distinct 'BANTUAN_GANDA', f.kab_code, f.no_kk, f.desa_code
  from verivali_flag f
  where f.fixed_at is null and f.kind = 'DUPLICATE' and f.no_kk is not null
  union all
  select distinct 'DATA_SALAH', f.kab_code, f.no_kk, f.desa_code
  from verivali_flag f
  where f.fixed_at is null and f.kind in ('INVALID_NIK', 'DECEASED', 'MOVED') and f.no_kk is not null
  union all
  select 'LAINNYA', d.kab_code, null, d.desa_code
  from analytics_desa_households d
  where d.households > 0
),
ranked as (
  select s.*, row_number() over (partition by s.category, s.kab_code order by md5(:seed::text || s.category || coalesce(s.no_kk, s.desa_code))) as rn
  from subjects s
)
select category, kab_code, no_kk, desa_code
from ranked where rn <= :per_kab::int
order by kab_code, category, rn
