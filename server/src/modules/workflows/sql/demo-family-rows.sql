-- demo-family-rows: every member of some families as rows of a households file (contract §3).
-- Parameters:
--   :kks  text[]  No. KK of the families
-- Rows: no_kk, nik, name, desa_code, sex, birth_date (YYYY-MM-DD or null), relation, address, dtks (bool), desil
select p.no_kk, p.nik, p.name, h.desa_code, p.sex, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date, p.relation,
       coalesce(p.address, h.address) as address, h.dtks, h.desil
from person p
join household h on h.no_kk = p.no_kk
where p.no_kk = any(:kks::text[])
order by p.no_kk, (p.nik = h.head_nik) desc nulls last, p.nik
