-- pengaduan-by-ids: complaints by id, with their desa, in id order.
-- Parameters:
--   :ids  bigint[]  complaint ids
-- Rows: as pengaduan-page
select p.id::text as id, p.no_kk, p.desa_code, p.kab_code, p.category, p.channel, p.status, p.description,
       p.reporter_name, p.received_at, p.processed_at, p.resolved_at, p.created_by, p.created_at,
       (extract(epoch from p.processed_at - p.received_at) / 3600)::float8 as first_response_hours,
       (extract(epoch from p.resolved_at - p.received_at) / 3600)::float8 as resolution_hours,
       r.code as r_code, r.name as r_name, r.level as r_level, r.parent_code as r_parent_code, r.kind as r_kind,
       r.area_km2 as r_area_km2, r.lat as r_lat, r.lng as r_lng
from pengaduan p
join region r on r.code = p.desa_code
where p.id = any(:ids::bigint[])
order by p.id
