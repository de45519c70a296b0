-- refresh-index-household: payment_match by matched household (household programs, incremental rebuilds).
-- Same DDL as the migration. Parameters: none
create index if not exists payment_match_household_idx on payment_match (household_kk) where household_kk is not null
