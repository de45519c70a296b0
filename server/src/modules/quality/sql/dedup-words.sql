-- One row per (person, blocking key): the uncommon phonetic keys of the first and last word of the
-- name, with the person's attributes, for block 2 of the candidates (pairs across kecamatan).
-- Parameters: none.
create temp table dedup_key on commit drop as
select nik, bd, kab, kec, dirty, k1 as key, norm, sex, no_kk, desa from dedup_person where k1 is not null
union all
select nik, bd, kab, kec, dirty, k2, norm, sex, no_kk, desa from dedup_person where k2 is not null and k2 is distinct from k1
