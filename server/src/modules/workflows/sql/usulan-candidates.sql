-- usulan-candidates: the families a batch proposal takes, inside a region, in (desa, No. KK) order.
--   ADDITION: roster families not in DTKS with at least one matched recipient row (the
--             aidedNonDtksHouseholds of contract §5: recipients outside DTKS), reason
--             PENERIMA_NON_DTKS.
--   REMOVAL:  DTKS families every member of which has an open DECEASED or MOVED verivali flag
--             (all died, or died or moved to another kab/kota), reason MENINGGAL when every
--             member died, PINDAH otherwise.
-- Left out: families with an open proposal (DIUSULKAN/DIVERIFIKASI), and families with an
-- approved proposal of the same kind that no import of the roster has followed yet (the DTKS
-- update is on its way).
-- Parameters:
--   :kind    text  ADDITION | REMOVAL
--   :within  text  undotted region code prefix (any level)
-- Rows: no_kk, reason
with fam as (
  select h.no_kk, h.desa_code, h.dtks,
         (select coalesce(b.finished_at, b.started_at) from import_batch b where b.id = h.import_id) as roster_at
  from household h
  where h.desa_code like :within::text || '%'
    and h.dtks = (:kind::text = 'REMOVAL')
),
cand as (
  select f.no_kk, f.desa_code, f.roster_at,
         case when :kind::text = 'ADDITION' then 'PENERIMA_NON_DTKS'
              when not exists (
                select 1 from person p where p.no_kk = f.no_kk
                and not exists (select 1 from verivali_flag v where v.fixed_at is null and v.kind = 'DECEASED' and v.nik = p.nik)
              ) then 'MENINGGAL'
              else 'PINDAH' end as reason
  from fam f
  where case when :kind::text = 'ADDITION'
             then exists (select 1 from payment_match m where m.household_kk = f.no_kk)
             else exists (select 1 from person p where p.no_kk = f.no_kk)
                  and not exists (
                    select 1 from person p where p.no_kk = f.no_kk
                    and not exists (select 1 from verivali_flag v
                                    where v.fixed_at is null and v.kind in ('DECEASED', 'MOVED') and v.nik = p.nik))
        end
)
select c.no_kk, c.reason
from cand c
where not exists (
  select 1 from usulan u
  where u.no_kk = c.no_kk
    and (u.status in ('DIUSULKAN', 'DIVERIFIKASI')
         or (u.status = 'DISETUJUI' and u.kind = :kind::text and (c.roster_at is null or u.updated_at >= c.roster_at)))
)
order by c.desa_code, c.no_kk
