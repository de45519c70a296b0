-- One row per (person, phonetic word key) for the keys that are not common (common name parts
-- such as Muhammad or Siti would put half a birth date's persons in one block and say little).
-- Parameters: :maxNames (a key shared by more names than this is common).
create temp table dedup_word on commit drop as
select distinct d.nik, d.bd, d.m, d.kab, d.kec, d.dirty, nw.key
from dedup_person d
cross join lateral unnest(string_to_array(d.norm, ' ')) as w
join name_word nw on nw.word = w
where nw.key in (select key from name_word group by key having sum(names) <= :maxNames)
