-- Pairs a reviewer confirmed as one person (verdict SAME) whose persons are both still in the roster:
-- they count whatever their score (even without a birth date or recipient rows in common).
-- Parameters: none.
select r.nik_a, r.nik_b,
       coalesce(a.name_norm, '') as norm_a, a.sex as sex_a, a.no_kk as kk_a, ha.desa_code as desa_a,
       coalesce(b.name_norm, '') as norm_b, b.sex as sex_b, b.no_kk as kk_b, hb.desa_code as desa_b,
       coalesce(a.birth_date = b.birth_date, false) as same_bd
from duplicate_review r
join person a on a.nik = r.nik_a
join household ha on ha.no_kk = a.no_kk
join person b on b.nik = r.nik_b
join household hb on hb.no_kk = b.no_kk
where r.verdict = 'SAME'
