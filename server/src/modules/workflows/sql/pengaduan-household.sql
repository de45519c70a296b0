-- pengaduan-household: where a family named in a complaint lives (roster).
-- Parameters:
--   :no_kk  text  No. KK
-- Rows: at most one: no_kk, desa_code, kab_code
select no_kk, desa_code, kab_code from household where no_kk = :no_kk::text
