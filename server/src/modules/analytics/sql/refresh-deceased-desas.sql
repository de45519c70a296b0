-- refresh-deceased-desas: the desa whose deceasedRecipients may change with a civil-events import:
-- where rows matched to a person with a MENINGGAL event of that import are placed.
-- Parameters:
--   :batch  bigint  import_batch id of the civil-events import
-- Rows: desa
select distinct m.placed_desa as desa
from civil_event c
join payment_match m on m.person_nik = c.nik
where c.import_id = :batch::bigint and c.event = 'MENINGGAL'
