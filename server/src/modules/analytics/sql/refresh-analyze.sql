-- refresh-analyze: fresh planner statistics after a rebuild, so the first queries after an import
-- (and the later rebuild steps) get plans sized for the new data, without waiting for autovacuum.
-- Parameters: none
analyze payment_match, analytics_program_bit, analytics_household_aid, analytics_aid_rollup,
        analytics_desa_rollup, analytics_desa_households
