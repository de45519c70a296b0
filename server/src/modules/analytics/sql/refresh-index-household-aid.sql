-- refresh-index-household-aid: household facts by No. KK (household filters, incremental rebuilds).
-- Same DDL as the migration. Parameters: none
create index if not exists analytics_household_aid_kk_idx on analytics_household_aid (no_kk)
