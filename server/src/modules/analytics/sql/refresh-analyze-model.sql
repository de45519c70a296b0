-- refresh-analyze-model: statistics of the model tables an import has just filled in this same
-- transaction (autovacuum cannot see them before the commit), so the matching join of a full
-- rebuild is planned for their real size.
-- Parameters: none
analyze payment, person, household, civil_event
