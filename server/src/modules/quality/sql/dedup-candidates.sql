-- Candidate pairs, each with the same birth date, from three blocks:
--   1. the same kecamatan;
--   2. the same kab/kota, another kecamatan, sharing the uncommon phonetic key of a first or last word;
--   3. another kab/kota, the first words sounding alike and the last words too (phonetic keys),
--      so Yoesoef Pakaja in one kab/kota meets Yusuf Pakaya in another.
-- Blocks 1 and 2 keep only pairs whose names share some trigrams (pg_trgm similarity at least
-- :minTrigram, below any pair the scorer accepts: a five-letter name with two neighbouring letters
-- swapped still has 0.2); that drops most unrelated neighbours before they leave the database.
-- Only pairs with at least one dirty person. A pair can come twice from block 2 (sharing both
-- keys); the caller drops repeats. Read through a cursor in chunks.
-- Parameters: :minTrigram (0–1).
select a.nik as nik_a, b.nik as nik_b,
       a.norm as norm_a, a.sex as sex_a, a.no_kk as kk_a, a.desa as desa_a,
       b.norm as norm_b, b.sex as sex_b, b.no_kk as kk_b, b.desa as desa_b
from dedup_person a join dedup_person b on b.bd = a.bd and b.kec = a.kec
where a.nik < b.nik and (a.dirty or b.dirty) and similarity(a.norm, b.norm) >= :minTrigram
union all
select a.nik, b.nik, a.norm, a.sex, a.no_kk, a.desa, b.norm, b.sex, b.no_kk, b.desa
from dedup_key a join dedup_key b on b.bd = a.bd and b.kab = a.kab and b.key = a.key
where a.nik < b.nik and a.kec <> b.kec and (a.dirty or b.dirty) and similarity(a.norm, b.norm) >= :minTrigram
union all
select a.nik, b.nik, a.norm, a.sex, a.no_kk, a.desa, b.norm, b.sex, b.no_kk, b.desa
from dedup_person a join dedup_person b on b.bd = a.bd and b.f1 = a.f1 and b.f2 = a.f2
where a.nik < b.nik and a.kab <> b.kab and (a.dirty or b.dirty)
