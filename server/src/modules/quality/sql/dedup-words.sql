-- One row per (person, uncommon phonetic word key): the blocking key for pairs in different
-- kecamatan of one kab/kota. Common keys (name_word.blocking = false: Muhammad, Siti, Nur …)
-- would put many of a birth date's persons in one block and say little.
-- Parameters: none.
create temp table dedup_word on commit drop as
select distinct d.nik, d.bd, d.kab, d.kec, d.dirty, nw.key
from dedup_person d
cross join lateral unnest(string_to_array(d.norm, ' ')) as w
join name_word nw on nw.word = w and nw.blocking
