-- demo-invalid-nik-persons: roster persons with an open INVALID_NIK verivali flag, per kab/kota in a
-- seeded order, with what a corrected NIK is built from (kecamatan of the family's desa, birth
-- date, sex).
-- Parameters:
--   :seed  text  demo seed
-- Rows: kab_code, nik, no_kk, desa_code, birth_date (YYYY-MM-DD or null), sex
select f.kab_code, p.nik, p.no_kk, h.desa_code, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date, p.sex
from verivali_flag f
join person p on p.nik = f.nik
join household h on h.no_kk = p.no_kk
where f.fixed_at is null and f.kind = 'INVALID_NIK'
order by f.kab_code, md5(:seed::text || p.nik)
