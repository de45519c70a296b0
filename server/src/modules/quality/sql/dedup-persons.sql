-- The persons that can be in a duplicate pair (a birth date and a non-empty normalised name),
-- with their place, as a temporary table for the candidate joins. Keys are integers and the NIK
-- is in "C" collation, so the joins and the nik_a < nik_b order are cheap and the same as in Node.
-- `dirty` marks the persons whose pairs are recomputed: all of them, or those of the families of
-- one households import; an incremental run only needs persons sharing a birth date with them.
-- Parameters: :all (boolean, every person dirty), :batchId (import_batch id, or null).
create temp table dedup_person on commit drop as
with dirty as (
  select p.nik from person p join household h on h.no_kk = p.no_kk
  where not :all and h.import_id = :batchId::bigint
)
select p.nik collate "C" as nik, p.birth_date as bd, p.name_norm as norm, p.sex, p.no_kk,
       h.desa_code as desa, left(h.desa_code, 6)::int as kec, h.kab_code::int as kab,
       (:all or p.nik in (select nik from dirty)) as dirty
from person p
join household h on h.no_kk = p.no_kk
where p.birth_date is not null and p.name_norm is not null and p.name_norm <> ''
  and (:all or p.birth_date in (select q.birth_date from person q where q.nik in (select nik from dirty)))
