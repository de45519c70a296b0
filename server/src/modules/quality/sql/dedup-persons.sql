-- The persons that can be in a duplicate pair (a birth date and a non-empty normalised name),
-- with their place and blocking keys, as a temporary table for the candidate joins:
--   kec, kab  integer codes (cheap to hash);
--   f1, f2    phonetic keys of the first and of the last word of the name ('' for a one-word name);
--   k1, k2    the same when uncommon (name_word.blocking), else null.
-- NIK and name are in "C" collation: cheap comparisons, and nik_a < nik_b means what it means in Node.
-- `dirty` marks the persons whose pairs are recomputed: all, or those of the families of one
-- households import; an incremental run only needs the persons sharing a birth date with them.
-- Parameters: :all (boolean, every person dirty), :batchId (import_batch id, or null).
create temp table dedup_person on commit drop as
with dirty as (
  select p.nik from person p join household h on h.no_kk = p.no_kk
  where not :all and h.import_id = :batchId::bigint
)
select p.nik collate "C" as nik, p.birth_date as bd, p.name_norm collate "C" as norm, p.sex, p.no_kk,
       h.desa_code as desa, left(h.desa_code, 6)::int as kec, h.kab_code::int as kab,
       (:all or p.nik in (select nik from dirty)) as dirty,
       coalesce(w1.key, '') as f1, coalesce(w2.key, '') as f2,
       case when w1.blocking then w1.key end as k1, case when w2.blocking then w2.key end as k2
from person p
join household h on h.no_kk = p.no_kk
left join name_word w1 on w1.word = split_part(p.name_norm, ' ', 1)
left join name_word w2 on w2.word = split_part(p.name_norm, ' ', -1) and p.name_norm like '% %'
where p.birth_date is not null and p.name_norm is not null and p.name_norm <> ''
  and (:all or p.birth_date in (select q.birth_date from person q where q.nik in (select nik from dirty)))
