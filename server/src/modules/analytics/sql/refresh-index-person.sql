-- refresh-index-person: payment_match by matched person (possibleDuplicates, deceased, data quality).
-- Same DDL as the migration. Parameters: none
create index if not exists payment_match_person_idx on payment_match (person_nik) where person_nik is not null
