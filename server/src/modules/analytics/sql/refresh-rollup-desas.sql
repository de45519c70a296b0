-- refresh-rollup-desas: how many desa the per-desa rollups hold (refresh.ts decides between
-- rebuilding some desa and rebuilding all of them).
-- Parameters: none
select count(distinct desa_code)::int as desas from analytics_desa_rollup
