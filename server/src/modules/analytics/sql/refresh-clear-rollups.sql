-- refresh-clear-rollups: removes the per-desa rollups of some desa before they are rebuilt.
-- Parameters:
--   :desas  text[]  desa codes (10 digits)
with aid as (delete from analytics_aid_rollup where desa_code = any(:desas::text[]))
delete from analytics_desa_rollup where desa_code = any(:desas::text[])
