-- usulan-history: the status steps of many proposals at once (one query per GraphQL request).
-- Parameters:
--   :ids  bigint[]  proposal ids
-- Rows: usulan_id (text), from_status, to_status, note, username, at — oldest step first
select usulan_id::text as usulan_id, from_status, to_status, note, username, at
from usulan_history
where usulan_id = any(:ids::bigint[])
order by usulan_id, at, id
