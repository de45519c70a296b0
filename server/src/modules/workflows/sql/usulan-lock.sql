-- usulan-lock: the proposals a status change touches, locked for the rest of the transaction.
-- Parameters:
--   :ids  bigint[]  proposal ids
-- Rows: id (text), status, kind, reason, no_kk, desa_code
select id::text as id, status, kind, reason, no_kk, desa_code
from usulan
where id = any(:ids::bigint[])
order by id
for update
