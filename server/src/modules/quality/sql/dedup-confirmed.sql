-- Pairs a reviewer confirmed as one person (verdict SAME) whose persons are both still pairable,
-- with at least one dirty person: they count whatever their score.
-- Parameters: none.
select r.nik_a, r.nik_b,
       a.norm as norm_a, a.sex as sex_a, a.no_kk as kk_a, a.desa as desa_a,
       b.norm as norm_b, b.sex as sex_b, b.no_kk as kk_b, b.desa as desa_b,
       (a.bd = b.bd) as same_bd
from duplicate_review r
join dedup_person a on a.nik = r.nik_a
join dedup_person b on b.nik = r.nik_b
where r.verdict = 'SAME' and (a.dirty or b.dirty)
