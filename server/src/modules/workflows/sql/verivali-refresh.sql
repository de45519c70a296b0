-- verivali-refresh: brings verivali_flag up to date with the data after an import, in one
-- statement (all parts see the same snapshot, taken before any of them writes):
--   * the records that need a fix now (current):
--       INVALID_NIK  a roster person whose NIK is invalid (key: the NIK)
--       DECEASED     a roster person with a MENINGGAL event, still listed in a family (key: NIK)
--       MOVED        a roster person whose latest PINDAH event goes to a desa outside the
--                    kab/kota of the family they are still listed in (key: NIK)
--       DUPLICATE    a probable duplicate pair of roster persons: a row of duplicate_pair, which
--                    the data-quality module fills with the pairs at or above its configurable
--                    threshold (key: "nikA|nikB")
--   * open flags no longer current are fixed by this import;
--   * open flags still current follow their record's placement (desa, family);
--   * current records without a flag get one, unless a workflow action already resolved that
--     record (a removal approved, a complaint closed): the data catches up later.
-- Placement: the desa of the person's family; a pair in duplicate_pair's desa (nik_a's).
-- Parameters:
--   :batch  bigint  import_batch.id of the import that just merged
-- Rows: one row: fixed, opened, moved (int counts)
with deaths as (
  select nik, min(event_date) as event_date
  from civil_event where event = 'MENINGGAL'
  group by nik
),
moves as (
  select distinct on (nik) nik, event_date, dest_desa_code
  from civil_event where event = 'PINDAH' and dest_desa_code is not null
  order by nik, event_date desc, id desc
),
current_flags as materialized (
  select 'INVALID_NIK'::text as kind, p.nik::text as record_key, p.nik, p.no_kk,
         null::varchar as other_nik, null::varchar as other_kk, h.desa_code, h.kab_code,
         p.nik_issue as detail
  from person p join household h on h.no_kk = p.no_kk
  where not p.nik_valid
  union all
  select 'DECEASED', p.nik, p.nik, p.no_kk, null, null, h.desa_code, h.kab_code,
         to_char(d.event_date, 'YYYY-MM-DD')
  from deaths d join person p on p.nik = d.nik join household h on h.no_kk = p.no_kk
  union all
  select 'MOVED', p.nik, p.nik, p.no_kk, null, null, h.desa_code, h.kab_code,
         to_char(m.event_date, 'YYYY-MM-DD') || ' ' || m.dest_desa_code
  from moves m join person p on p.nik = m.nik join household h on h.no_kk = p.no_kk
  where left(m.dest_desa_code, 4) <> h.kab_code
  union all
  select 'DUPLICATE', d.nik_a || '|' || d.nik_b, d.nik_a, pa.no_kk, d.nik_b, pb.no_kk, d.desa_code, d.kab_code,
         to_char(d.score, 'FM0.00') || coalesce(' ' || array_to_string(d.reasons, '; '), '')
  from duplicate_pair d
  left join person pa on pa.nik = d.nik_a
  left join person pb on pb.nik = d.nik_b
),
fixed as (
  update verivali_flag f
     set fixed_at = now(), fixed_batch = :batch::bigint, fixed_by = 'IMPORT'
   where f.fixed_at is null
     and not exists (select 1 from current_flags c where c.kind = f.kind and c.record_key = f.record_key)
  returning f.id
),
moved as (
  update verivali_flag f
     set desa_code = c.desa_code, kab_code = c.kab_code, no_kk = c.no_kk, other_kk = c.other_kk, detail = c.detail
    from current_flags c
   where f.fixed_at is null and c.kind = f.kind and c.record_key = f.record_key
     and (f.desa_code, f.kab_code, f.no_kk, f.other_kk, f.detail)
         is distinct from (c.desa_code, c.kab_code::char(4), c.no_kk, c.other_kk, c.detail)
  returning f.id
),
opened as (
  insert into verivali_flag (kind, record_key, nik, no_kk, other_nik, other_kk, desa_code, kab_code, detail,
                             first_seen_batch, first_seen_at)
  select c.kind, c.record_key, c.nik, c.no_kk, c.other_nik, c.other_kk, c.desa_code, c.kab_code, c.detail,
         :batch::bigint, now()
  from current_flags c
  where not exists (
    select 1 from verivali_flag f
    where f.kind = c.kind and f.record_key = c.record_key
      and (f.fixed_at is null or f.fixed_by <> 'IMPORT')
  )
  returning id
)
select (select count(*) from fixed)::int as fixed,
       (select count(*) from opened)::int as opened,
       (select count(*) from moved)::int as moved
