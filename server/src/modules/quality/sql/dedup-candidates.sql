-- Candidate pairs, each with the same birth date, from three blocks:
--   1. the same kecamatan;
--   2. the same kab/kota, another kecamatan, sharing an uncommon phonetic word key;
--   3. another kab/kota with the identical normalised name.
-- Only pairs whose names share some trigrams are kept (pg_trgm similarity at least :minTrigram,
-- below any pair the scorer would accept: a five-letter name with two neighbouring letters
-- swapped still has 0.2), which drops most unrelated neighbours before they leave the database.
-- Only pairs with at least one dirty person. Read through a cursor in chunks.
-- Parameters: :minTrigram (0–1).
with pairs as (
  select a.nik as nik_a, b.nik as nik_b
  from dedup_person a join dedup_person b on b.bd = a.bd and b.kec = a.kec and a.nik < b.nik
  where (a.dirty or b.dirty) and similarity(a.norm, b.norm) >= :minTrigram
  union
  select a.nik, b.nik
  from dedup_word a join dedup_word b on b.bd = a.bd and b.kab = a.kab and b.key = a.key and a.nik < b.nik
  where a.kec <> b.kec and (a.dirty or b.dirty)
  union
  select a.nik, b.nik
  from dedup_person a join dedup_person b on b.bd = a.bd and b.norm = a.norm and a.nik < b.nik
  where a.kab <> b.kab and (a.dirty or b.dirty)
)
select p.nik_a, p.nik_b,
       a.norm as norm_a, a.sex as sex_a, a.no_kk as kk_a, a.desa as desa_a,
       b.norm as norm_b, b.sex as sex_b, b.no_kk as kk_b, b.desa as desa_b
from pairs p
join dedup_person a on a.nik = p.nik_a
join dedup_person b on b.nik = p.nik_b
where similarity(a.norm, b.norm) >= :minTrigram
