-- demo-kab-households: roster families per kab/kota (sizes the demo's workflow data).
-- Parameters: none
-- Rows: kab_code, households (int), in code order
select kab_code, count(*)::int as households from household group by kab_code order by kab_code
