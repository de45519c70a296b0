-- One page of audit entries, newest first, keyset-paged by id.
-- Parameters:
--   :action    an action name, or a prefix before a dot ("import" = import.landed, import.refused, …), or null for all
--   :username  exact username, or null for all
--   :afterId   id of the last entry of the previous page (entries older than it follow), or null
--   :limit     rows to return (the page size plus one, to tell whether a next page exists)
select id::text as id, (extract(epoch from at) * 1000)::float8 as at_ms, username, action, detail
from audit_log
where (:action::text is null or action = :action::text or left(action, length(:action::text) + 1) = :action::text || '.')
  and (:username::text is null or username = :username::text)
  and (:afterId::bigint is null or id < :afterId::bigint)
order by id desc
limit :limit
