-- usulan-export: the rows of a DTKS update file for one batch, in (desa, No. KK) order.
-- Parameters:
--   :batch  text  batch code
-- Rows: id (text), no_kk, head_nik, head_name, address, desa_code, desa_name, kecamatan_name,
--   kab_name, kind, reason, status, created_at, updated_at, note
select u.id::text as id, u.no_kk, u.head_nik, u.head_name, u.address, u.desa_code,
       d.name as desa_name, k.name as kecamatan_name, kb.name as kab_name,
       u.kind, u.reason, u.status, u.created_at, u.updated_at, u.note
from usulan u
join region d on d.code = u.desa_code
left join region k on k.code = left(u.desa_code, 6)
left join region kb on kb.code = u.kab_code
where u.batch = :batch::text
order by u.desa_code, u.no_kk, u.id
