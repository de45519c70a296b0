-- usulan-batch-ids: the proposals of a batch that are in one of the given statuses.
-- Parameters:
--   :batch     text    batch code
--   :statuses  text[]  statuses to take
-- Rows: id (text)
select id::text as id from usulan
where batch = :batch::text and status = any(:statuses::text[])
order by id
