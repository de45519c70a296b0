-- pengaduan-history: the status steps of many complaints at once (one query per request).
-- Parameters:
--   :ids  bigint[]  complaint ids
-- Rows: pengaduan_id (text), from_status, to_status, note, username, at — oldest step first
select pengaduan_id::text as pengaduan_id, from_status, to_status, note, username, at
from pengaduan_history
where pengaduan_id = any(:ids::bigint[])
order by pengaduan_id, at, id
