-- The persons that can be in a duplicate pair (a birth date and a non-empty normalised name),
-- with their place, as a temporary table for the candidate joins. `dirty` marks the persons
-- whose pairs are recomputed: all of them, or those of the families of one households import.
-- Parameters: :all (boolean, every person dirty), :batchId (import_batch id, or null).
create temp table dedup_person on commit drop as
select p.nik, p.birth_date as bd, extract(month from p.birth_date)::int as m, p.name_norm as norm, p.sex,
       p.no_kk, h.desa_code as desa, left(h.desa_code, 6) as kec, h.kab_code as kab,
       (:all or h.import_id = :batchId::bigint) as dirty
from person p
join household h on h.no_kk = p.no_kk
where p.birth_date is not null and p.name_norm is not null and p.name_norm <> ''
