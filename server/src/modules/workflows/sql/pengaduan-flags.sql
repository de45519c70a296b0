-- pengaduan-flags: the verivali flags linked to many complaints at once (one query per request).
-- Parameters:
--   :ids  bigint[]  complaint ids
-- Rows: pengaduan_id (text) + verivali flag columns (as verivali-flag-page), in flag id order
select pf.pengaduan_id::text as pengaduan_id,
       f.id::text as id, f.kind, f.record_key, f.nik, f.no_kk, f.other_nik, f.other_kk, f.desa_code, f.kab_code, f.detail,
       f.first_seen_batch::text as first_seen_batch, f.first_seen_at, f.fixed_batch::text as fixed_batch, f.fixed_at, f.fixed_by,
       f.fixed_ref::text as fixed_ref,
       r.code as r_code, r.name as r_name, r.level as r_level, r.parent_code as r_parent_code, r.kind as r_kind,
       r.area_km2 as r_area_km2, r.lat as r_lat, r.lng as r_lng
from pengaduan_flag pf
join verivali_flag f on f.id = pf.flag_id
join region r on r.code = f.desa_code
where pf.pengaduan_id = any(:ids::bigint[])
order by pf.pengaduan_id, f.id
