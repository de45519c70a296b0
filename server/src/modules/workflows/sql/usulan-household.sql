-- usulan-household: a roster family as a proposal needs it, with what blocks a new proposal.
-- Head: the head's row (household.head_nik), or the first member by NIK when the family has
-- no head row. Address: the family's, else the head's.
-- Parameters:
--   :no_kk  text  No. KK (digits)
-- Rows: at most one: no_kk, desa_code, kab_code, dtks (bool), head_nik, head_name, address,
--   aided (bool: at least one recipient row matched to the family, contract §5),
--   roster_at (timestamptz: when an import last wrote the family, null if unknown),
--   blocking (json array of {id, batch, kind, status, updatedAt}: open proposals and approved
--   ones of the family, newest first)
select h.no_kk, h.desa_code, h.kab_code, h.dtks,
       hd.nik as head_nik, hd.name as head_name,
       coalesce(nullif(trim(h.address), ''), nullif(trim(hd.address), '')) as address,
       exists (select 1 from payment_match m where m.household_kk = h.no_kk) as aided,
       (select coalesce(b.finished_at, b.started_at) from import_batch b where b.id = h.import_id) as roster_at,
       coalesce((
         select json_agg(json_build_object('id', u.id::text, 'batch', u.batch, 'kind', u.kind, 'status', u.status,
                                           'updatedAt', u.updated_at) order by u.id desc)
         from usulan u
         where u.no_kk = h.no_kk and u.status in ('DIUSULKAN', 'DIVERIFIKASI', 'DISETUJUI')
       ), '[]'::json) as blocking
from household h
left join lateral (
  select p.nik, p.name, p.address from person p
  where p.no_kk = h.no_kk
  order by (p.nik = h.head_nik) desc nulls last, p.nik
  limit 1
) hd on true
where h.no_kk = :no_kk
