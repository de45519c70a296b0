-- verivali-fix-usulan: approved removals resolve the open verivali flags they answer, of the
-- family removed (as first or second family of a duplicate pair):
--   MENINGGAL → DECEASED, PINDAH → MOVED, BANTUAN_GANDA → DUPLICATE (TIDAK_MISKIN: none).
-- A flag is never fixed before it was first seen (backdated workflow steps of the demo).
-- Parameters:
--   :ids  bigint[]     proposal ids just approved
--   :at   timestamptz  time of the approval
-- Rows: id (text) of each flag fixed
with u as (
  select id, no_kk,
         case reason when 'MENINGGAL' then 'DECEASED' when 'PINDAH' then 'MOVED' when 'BANTUAN_GANDA' then 'DUPLICATE' end as flag_kind
  from usulan
  where id = any(:ids::bigint[]) and kind = 'REMOVAL' and status = 'DISETUJUI'
),
-- Two joins instead of one with "no_kk = … or other_kk = …", so each uses its index.
targets as (
  select f.id as flag_id, u.id as usulan_id
  from u join verivali_flag f on f.no_kk = u.no_kk and f.kind = u.flag_kind and f.fixed_at is null
  union
  select f.id, u.id
  from u join verivali_flag f on f.other_kk = u.no_kk and f.kind = u.flag_kind and f.fixed_at is null
),
one as (
  select distinct on (flag_id) flag_id, usulan_id from targets order by flag_id, usulan_id
)
update verivali_flag f
   set fixed_at = greatest(:at::timestamptz, f.first_seen_at), fixed_by = 'USULAN', fixed_ref = one.usulan_id
  from one
 where f.id = one.flag_id
returning f.id::text as id
