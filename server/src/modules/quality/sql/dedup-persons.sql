-- The persons that can be in a counted duplicate pair, as a temporary table for the candidate joins:
-- roster persons with a birth date, a non-empty normalised name and at least one recipient row
-- matched to them (analytics payment_match; the possibleDuplicates figure and list count only pairs
-- of two such persons, so pairs of persons without rows would never be read). Columns:
--   kec, kab  integer codes (cheap to hash);
--   f1, f2    phonetic keys of the first and of the last word of the name ('' for a one-word name);
--   k1, k2    the same when uncommon (name_word.blocking), else null.
-- NIK and name are in "C" collation: cheap comparisons, and nik_a < nik_b means what it means in Node.
-- `dirty` marks the persons whose pairs are recomputed: all, or those matched by the rows of one
-- recipients import; an incremental run only needs the persons sharing a birth date with them.
-- Parameters: :all (boolean, every person dirty), :batchId (import_batch id of a recipients import, or null).
create temp table dedup_person on commit drop as
with recipient as (
  select distinct m.person_nik as nik from payment_match m where m.person_nik is not null
),
dirty as materialized (
  select distinct m.person_nik as nik
  from payment p join payment_match m on m.payment_id = p.id
  where not :all and p.import_id = :batchId::bigint and m.person_nik is not null
),
-- The birth dates of the dirty persons, by one join planned on its own: as a filter inside the OR
-- below it became a nested loop of one NIK-index lookup per dirty person (a 1M-row recipients file
-- dirties ~630k: 5.8 s of the import on PostgreSQL).
dirty_day as materialized (
  select distinct q.birth_date from dirty d join person q on q.nik = d.nik
)
select p.nik collate "C" as nik, p.birth_date as bd, p.name_norm collate "C" as norm, p.sex, p.no_kk,
       h.desa_code as desa, left(h.desa_code, 6)::int as kec, h.kab_code::int as kab,
       (:all or p.nik in (select nik from dirty)) as dirty,
       coalesce(w1.key, '') as f1, coalesce(w2.key, '') as f2,
       case when w1.blocking then w1.key end as k1, case when w2.blocking then w2.key end as k2
from recipient r
join person p on p.nik = r.nik
join household h on h.no_kk = p.no_kk
left join name_word w1 on w1.word = split_part(p.name_norm, ' ', 1)
left join name_word w2 on w2.word = split_part(p.name_norm, ' ', -1) and p.name_norm like '% %'
where p.birth_date is not null and p.name_norm is not null and p.name_norm <> ''
  and (:all or p.birth_date in (select birth_date from dirty_day))
