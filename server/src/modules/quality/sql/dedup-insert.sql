-- Writes scored pairs (a JSON array of {nik_a, nik_b, score, reasons[], desa_code, kab_code, kab_code_b}).
-- Parameters: :rows (JSON text).
insert into duplicate_pair (nik_a, nik_b, score, reasons, desa_code, kab_code, kab_code_b)
select v.nik_a, v.nik_b, v.score, array(select json_array_elements_text(v.reasons)), v.desa_code, v.kab_code, v.kab_code_b
from json_to_recordset(:rows::json) as v(nik_a text, nik_b text, score float8, reasons json, desa_code text, kab_code text, kab_code_b text)
on conflict (nik_a, nik_b) do update set score = excluded.score, reasons = excluded.reasons,
  desa_code = excluded.desa_code, kab_code = excluded.kab_code, kab_code_b = excluded.kab_code_b
