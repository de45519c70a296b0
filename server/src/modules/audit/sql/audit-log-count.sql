-- Number of audit entries matching the filters (the connection's totalCount).
-- Parameters:
--   :action    an action name, or a prefix before a dot ("import" = import.landed, import.refused, …), or null for all
--   :username  exact username, or null for all
select count(*)::int as n
from audit_log
where (:action::text is null or action = :action::text or left(action, length(:action::text) + 1) = :action::text || '.')
  and (:username::text is null or username = :username::text)
