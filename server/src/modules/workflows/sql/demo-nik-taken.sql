-- demo-nik-taken: NIKs in the roster that start with one of some 12-digit prefixes (kecamatan +
-- birth date), so a corrected NIK can take a free serial.
-- Parameters:
--   :prefixes  text[]  12-digit prefixes
-- Rows: nik
select nik from person where left(nik, 12) = any(:prefixes::text[])
