-- demo-fixable-flags: open verivali flags that a desa's updated households file would fix, per
-- kab/kota in a seeded order:
--   INVALID_NIK  a person with an invalid NIK (corrected from the kecamatan, birth date and sex)
--   DECEASED     a person who died and receives nothing (removed from the family)
--   MOVED        a person who moved to another kab/kota and receives nothing (removed from the
--                family of origin)
-- Persons with matched recipient rows are never removed: their payments would lose their match.
-- Parameters:
--   :seed  text  demo seed
-- Rows: kab_code, kind, nik, no_kk, desa_code, birth_date (YYYY-MM-DD or null), sex
select f.kab_code, f.kind, p.nik, p.no_kk, h.desa_code, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date, p.sex
from verivali_flag f
join person p on p.nik = f.nik
join household h on h.no_kk = p.no_kk
where f.fixed_at is null
  and (f.kind = 'INVALID_NIK'
       or (f.kind in ('DECEASED', 'MOVED') and not exists (select 1 from payment_match m where m.person_nik = p.nik)))
order by f.kab_code, md5(:seed::text || f.kind || p.nik)
