-- refresh-batch-desas: the desa where the rows of one recipients import were placed (their figures change).
-- Parameters:
--   :batch  bigint  import_batch id
-- Rows: desa
select distinct placed_desa as desa from payment_match where import_id = :batch::bigint
