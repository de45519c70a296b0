-- Removes pairs whose persons left the roster or can no longer pair (no birth date or name).
-- duplicate_pair is small (pairs above the threshold), so this is a few index probes per pair.
-- Parameters: none.
delete from duplicate_pair d
where not exists (select 1 from person p where p.nik = d.nik_a and p.birth_date is not null and coalesce(p.name_norm, '') <> '')
   or not exists (select 1 from person p where p.nik = d.nik_b and p.birth_date is not null and coalesce(p.name_norm, '') <> '')
