-- pengaduan-page: one page of complaints, newest first (keyset on id), with their desa.
-- Parameters:
--   :within    text    undotted region prefix, or null for everywhere
--   :status    text    status, or null
--   :category  text    category, or null
--   :channel   text    channel, or null
--   :no_kk     text    No. KK, or null
--   :after_id  bigint  only ids below this (the cursor), or null for the first page
--   :limit     int     rows to return (page size + 1)
-- Rows: pengaduan columns (id as text), first_response_hours, resolution_hours (float8, null
--   until reached), region columns of the desa (r_code, r_name, …)
select p.id::text as id, p.no_kk, p.desa_code, p.kab_code, p.category, p.channel, p.status, p.description,
       p.reporter_name, p.received_at, p.processed_at, p.resolved_at, p.created_by, p.created_at,
       (extract(epoch from p.processed_at - p.received_at) / 3600)::float8 as first_response_hours,
       (extract(epoch from p.resolved_at - p.received_at) / 3600)::float8 as resolution_hours,
       r.code as r_code, r.name as r_name, r.level as r_level, r.parent_code as r_parent_code, r.kind as r_kind,
       r.area_km2 as r_area_km2, r.lat as r_lat, r.lng as r_lng
from pengaduan p
join region r on r.code = p.desa_code
where (:within::text is null or p.desa_code like :within::text || '%')
  and (:status::text is null or p.status = :status::text)
  and (:category::text is null or p.category = :category::text)
  and (:channel::text is null or p.channel = :channel::text)
  and (:no_kk::text is null or p.no_kk = :no_kk::text)
  and (:after_id::bigint is null or p.id < :after_id::bigint)
order by p.id desc
limit :limit::int
