-- refresh-scope-clear: empties analytics_refresh_scope at the end of a scoped refresh (it is only
-- ever filled inside an import transaction).
-- Parameters: none
delete from analytics_refresh_scope
