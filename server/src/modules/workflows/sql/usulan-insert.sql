-- usulan-insert: proposes families (one or a batch) with their first history step, set-based.
-- The family's head, name, address and desa are copied from the roster now. A family that
-- already has an open proposal is skipped (the partial unique index usulan_open_kk_idx), so
-- a concurrent proposal cannot create a second open one.
-- Parameters:
--   :no_kks       text[]  No. KK of the families (roster)
--   :reasons      text[]  reason per family, same order as :no_kks
--   :kind         text    ADDITION | REMOVAL
--   :batch        text    batch code
--   :note         text    note of the proposal (nullable)
--   :username     text    who proposes
--   :at           timestamptz  when
--   :pengaduan_id bigint  complaint the proposal comes from (nullable)
-- Rows: id (text) of each proposal created
with req as (
  select * from unnest(:no_kks::text[], :reasons::text[]) as r(no_kk, reason)
),
ins as (
  insert into usulan (batch, kind, reason, status, no_kk, head_nik, head_name, address, desa_code, kab_code,
                      pengaduan_id, note, created_by, created_at, updated_at)
  select :batch::text, :kind::text, r.reason, 'DIUSULKAN', h.no_kk, hd.nik, hd.name,
         coalesce(nullif(trim(h.address), ''), nullif(trim(hd.address), '')),
         h.desa_code, h.kab_code, :pengaduan_id::bigint, :note::text, :username::text, :at::timestamptz, :at::timestamptz
  from req r
  join household h on h.no_kk = r.no_kk
  left join lateral (
    select p.nik, p.name, p.address from person p
    where p.no_kk = h.no_kk
    order by (p.nik = h.head_nik) desc nulls last, p.nik
    limit 1
  ) hd on true
  order by h.desa_code, h.no_kk
  on conflict (no_kk) where status in ('DIUSULKAN', 'DIVERIFIKASI') do nothing
  returning id, created_at
),
hist as (
  insert into usulan_history (usulan_id, from_status, to_status, note, username, at)
  select id, null, 'DIUSULKAN', :note::text, :username::text, created_at from ins
)
select id::text as id from ins order by id
