-- refresh-clear-desa-rollup: removes the per-desa figures of some kab/kota before they are rebuilt.
-- Parameters:
--   :kabs  bpchar[]  kab/kota codes (4 digits)
delete from analytics_desa_rollup where kab_code = any(:kabs::bpchar[])
