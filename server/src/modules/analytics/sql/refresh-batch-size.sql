-- refresh-batch-size: how many payment rows an import added, against how many were matched before,
-- to choose between the incremental refresh and a full rebuild.
-- Parameters:
--   :batch  bigint  import_batch id
-- Rows: added, existing
select (select count(*) from payment where import_id = :batch::bigint)::int as added,
       (select count(*) from payment_match)::int as existing
