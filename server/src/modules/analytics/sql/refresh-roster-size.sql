-- refresh-roster-size: how many families a households import brought, against the roster, to choose
-- between the incremental roster refresh and a full rebuild.
-- Parameters:
--   :batch  bigint  import_batch id of the households import
-- Rows: families, households
select (select count(*) from household where import_id = :batch::bigint)::int as families,
       (select count(*) from household)::int as households
