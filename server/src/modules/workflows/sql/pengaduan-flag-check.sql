-- pengaduan-flag-check: verivali flags a complaint names explicitly, with whether they concern
-- the complaint's family (either family of a duplicate pair) or lie in its desa.
-- Parameters:
--   :ids        bigint[]  verivali_flag ids
--   :no_kk      text      the complaint's No. KK, or null for a complaint about a desa
--   :desa_code  text      the complaint's desa (undotted)
-- Rows: id (text), concerns (bool)
select f.id::text as id,
       (f.desa_code = :desa_code::text or (:no_kk::text is not null and (f.no_kk = :no_kk::text or f.other_kk = :no_kk::text))) as concerns
from verivali_flag f
where f.id = any(:ids::bigint[])
