-- refresh-household-aid-clear: removes the facts of the households that rows of one import matched,
-- before refresh-household-aid recomputes them from all their rows.
-- Parameters:
--   :batch  bigint  import_batch id
delete from analytics_household_aid a
where a.no_kk in (select m.household_kk from payment_match m where m.import_id = :batch::bigint and m.household_kk is not null)
