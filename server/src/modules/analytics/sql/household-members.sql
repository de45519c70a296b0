-- household-members: the roster persons of some households (batched per request: no N+1),
-- the head first, then by birth date.
-- Parameters:
--   :kks  text[]  No. KK of the households
-- Rows: no_kk, nik, name, sex, birth_date (YYYY-MM-DD text), relation, nik_valid
select p.no_kk, p.nik, p.name, p.sex, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date, p.relation, p.nik_valid
from person p
where p.no_kk = any(:kks::text[])
order by p.no_kk, (p.relation = 'KEPALA KELUARGA') desc nulls last, p.birth_date nulls last, p.nik
