-- refresh-aid-delta-done: empties analytics_aid_scope at the end of an incremental refresh (it is
-- only ever filled inside an import transaction).
-- Parameters: none
delete from analytics_aid_scope
