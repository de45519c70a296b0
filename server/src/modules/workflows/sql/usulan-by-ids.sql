-- usulan-by-ids: proposals by id, with the desa they are in, in id order.
-- Parameters:
--   :ids  bigint[]  proposal ids
-- Rows: as usulan-page
select u.id::text as id, u.batch, u.kind, u.reason, u.status, u.no_kk, u.head_nik, u.head_name, u.address,
       u.desa_code, u.kab_code, u.pengaduan_id::text as pengaduan_id, u.note, u.created_by, u.created_at, u.updated_at,
       r.code as r_code, r.name as r_name, r.level as r_level, r.parent_code as r_parent_code, r.kind as r_kind,
       r.area_km2 as r_area_km2, r.lat as r_lat, r.lng as r_lng
from usulan u
join region r on r.code = u.desa_code
where u.id = any(:ids::bigint[])
order by u.id
