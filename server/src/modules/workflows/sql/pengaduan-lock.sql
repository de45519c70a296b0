-- pengaduan-lock: one complaint, locked for the rest of the transaction.
-- Parameters:
--   :id  bigint  complaint id
-- Rows: at most one: id (text), status, desa_code, received_at, processed_at
select id::text as id, status, desa_code, received_at, processed_at
from pengaduan where id = :id::bigint
for update
