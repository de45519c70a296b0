-- pengaduan-count: how many complaints match a list filter (totalCount of pengaduanList).
-- Parameters:
--   :within    text  undotted region prefix, or null for everywhere
--   :status    text  status, or null
--   :category  text  category, or null
--   :channel   text  channel, or null
--   :no_kk     text  No. KK, or null
-- Rows: one row: n (int)
select count(*)::int as n
from pengaduan p
where (:within::text is null or p.desa_code like :within::text || '%')
  and (:status::text is null or p.status = :status::text)
  and (:category::text is null or p.category = :category::text)
  and (:channel::text is null or p.channel = :channel::text)
  and (:no_kk::text is null or p.no_kk = :no_kk::text)
