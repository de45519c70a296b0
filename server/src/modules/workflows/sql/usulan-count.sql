-- usulan-count: how many proposals match a list filter (totalCount of usulanList).
-- Parameters:
--   :within  text  undotted region prefix, or null for everywhere
--   :status  text  status, or null
--   :kind    text  ADDITION | REMOVAL, or null
--   :reason  text  reason, or null
--   :batch   text  batch code, or null
-- Rows: one row: n (int)
select count(*)::int as n
from usulan u
where (:within::text is null or u.desa_code like :within::text || '%')
  and (:status::text is null or u.status = :status::text)
  and (:kind::text is null or u.kind = :kind::text)
  and (:reason::text is null or u.reason = :reason::text)
  and (:batch::text is null or u.batch = :batch::text)
