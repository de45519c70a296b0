-- refresh-drop-indexes: a full rebuild loads ~1 M rows; building these indexes afterwards (sorted)
-- is several times faster than maintaining them row by row. Re-created by refresh-index-*.sql with
-- the DDL of the migration (Migration20261127020000_analytics).
-- Parameters: none
drop index if exists payment_match_person_idx, payment_match_household_idx, analytics_household_aid_kk_idx
