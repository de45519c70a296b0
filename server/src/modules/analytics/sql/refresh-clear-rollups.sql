-- refresh-clear-rollups: removes the per-desa rollups of some desa (or of all) before they are rebuilt.
-- Rows are deleted, not truncated: readers keep reading the old rollups until the import commits.
-- Parameters:
--   :desas  text[]  desa codes (10 digits), or null for every desa
with aid as (delete from analytics_aid_rollup where :desas::text[] is null or desa_code = any(:desas::text[]))
delete from analytics_desa_rollup where :desas::text[] is null or desa_code = any(:desas::text[])
