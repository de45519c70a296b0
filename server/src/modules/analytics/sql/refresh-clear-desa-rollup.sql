-- refresh-clear-desa-rollup: removes the desa rollup of some desa (or of all) before it is rebuilt.
-- Rows are deleted, not truncated: readers keep reading the old rollup until the import commits.
-- Parameters:
--   :desas  text[]  desa codes (10 digits), or null for every desa
delete from analytics_desa_rollup where :desas::text[] is null or desa_code = any(:desas::text[])
