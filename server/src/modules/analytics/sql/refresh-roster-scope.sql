-- refresh-roster-scope: after a households import, the payment rows whose match may have moved, with
-- where they were placed before (into analytics_refresh_scope, emptied by refresh-scope-clear.sql):
--   rows placed in a family of the file (members or attributes replaced, members removed);
--   rows matched to a person who is now in a family of the file (moved in from another family);
--   rows placed in a family that no longer exists (emptied by moves);
--   rows that now match a person or a family of the file by the matching rule (NIK, else No. KK).
-- Parameters:
--   :batch  bigint  import_batch id of the households import (household.import_id)
with file_kk as (
  select no_kk from household where import_id = :batch::bigint
),
ids as (
  select m.payment_id from payment_match m where m.household_kk in (select no_kk from file_kk)
  union
  select m.payment_id from payment_match m join person pe on pe.nik = m.person_nik where pe.no_kk in (select no_kk from file_kk)
  union
  select m.payment_id from payment_match m
  where m.household_kk is not null and not exists (select 1 from household h where h.no_kk = m.household_kk)
  union
  select p.id from payment p join person pe on p.nik_valid and pe.nik = p.nik where pe.no_kk in (select no_kk from file_kk)
  union
  select p.id from payment p where p.no_kk in (select no_kk from file_kk)
)
insert into analytics_refresh_scope (payment_id, old_kk, old_desa)
select i.payment_id, m.household_kk, m.placed_desa
from ids i
left join payment_match m on m.payment_id = i.payment_id
