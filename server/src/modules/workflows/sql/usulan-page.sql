-- usulan-page: one page of proposals, newest first (keyset on id), with the desa they are in.
-- Parameters:
--   :within   text    undotted region prefix, or null for everywhere
--   :status   text    status, or null
--   :kind     text    ADDITION | REMOVAL, or null
--   :reason   text    reason, or null
--   :batch    text    batch code, or null
--   :after_id bigint  only ids below this (the cursor), or null for the first page
--   :limit    int     rows to return (page size + 1 to tell whether a next page exists)
-- Rows: the usulan columns (id as text) + region columns of the desa (r_code, r_name, …)
select u.id::text as id, u.batch, u.kind, u.reason, u.status, u.no_kk, u.head_nik, u.head_name, u.address,
       u.desa_code, u.kab_code, u.pengaduan_id::text as pengaduan_id, u.note, u.created_by, u.created_at, u.updated_at,
       r.code as r_code, r.name as r_name, r.level as r_level, r.parent_code as r_parent_code, r.kind as r_kind,
       r.area_km2 as r_area_km2, r.lat as r_lat, r.lng as r_lng
from usulan u
join region r on r.code = u.desa_code
where (:within::text is null or u.desa_code like :within::text || '%')
  and (:status::text is null or u.status = :status::text)
  and (:kind::text is null or u.kind = :kind::text)
  and (:reason::text is null or u.reason = :reason::text)
  and (:batch::text is null or u.batch = :batch::text)
  and (:after_id::bigint is null or u.id < :after_id::bigint)
order by u.id desc
limit :limit::int
