-- usulan-candidates: the families a batch proposal takes, inside a region, in (desa, No. KK) order.
--   ADDITION: roster families not in DTKS with at least one matched recipient row (the
--             aidedNonDtksHouseholds of contract §5: recipients outside DTKS), reason
--             PENERIMA_NON_DTKS.
--   REMOVAL:  DTKS families every member of which has an open DECEASED or MOVED verivali flag
--             (all died, or died or moved to another kab/kota), reason MENINGGAL when every
--             member died, PINDAH otherwise. Found from the open flags (few) rather than by
--             visiting every DTKS family.
-- Left out: families with an open proposal (DIUSULKAN/DIVERIFIKASI), and families with an
-- approved proposal of the same kind that no import of the roster has followed yet (the DTKS
-- update is on its way).
-- Parameters:
--   :kind    text  ADDITION | REMOVAL
--   :within  text  undotted region code prefix (any level)
-- Rows: no_kk, reason
with fam as (
  select h.no_kk, h.desa_code, h.import_id, 'PENERIMA_NON_DTKS' as reason
  from household h
  where :kind::text = 'ADDITION'
    and not h.dtks
    and h.desa_code like :within::text || '%'
    and exists (select 1 from payment_match m where m.household_kk = h.no_kk)
  union all
  select h.no_kk, h.desa_code, h.import_id,
         case when exists (
                select 1 from person p where p.no_kk = h.no_kk
                and not exists (select 1 from verivali_flag v where v.fixed_at is null and v.kind = 'DECEASED' and v.nik = p.nik)
              ) then 'PINDAH' else 'MENINGGAL' end
  from household h
  where :kind::text = 'REMOVAL'
    and h.dtks
    and h.no_kk in (
      select v.no_kk from verivali_flag v
      where v.fixed_at is null and v.kind in ('DECEASED', 'MOVED') and v.desa_code like :within::text || '%'
    )
    and not exists (
      select 1 from person p where p.no_kk = h.no_kk
      and not exists (select 1 from verivali_flag v
                      where v.fixed_at is null and v.kind in ('DECEASED', 'MOVED') and v.nik = p.nik)
    )
)
select f.no_kk, f.reason
from fam f
left join import_batch b on b.id = f.import_id
where not exists (
  select 1 from usulan u
  where u.no_kk = f.no_kk
    and (u.status in ('DIUSULKAN', 'DIVERIFIKASI')
         or (u.status = 'DISETUJUI' and u.kind = :kind::text
             and (b.id is null or u.updated_at >= coalesce(b.finished_at, b.started_at))))
)
order by f.desa_code, f.no_kk
