-- refresh-truncate: empties every derived analytics table before a full rebuild (refresh.ts).
-- Inside the import transaction, so readers see the old rollups until it commits.
-- Parameters: none
truncate payment_match, analytics_program_bit, analytics_household_aid, analytics_aid_rollup,
         analytics_desa_rollup, analytics_desa_households
