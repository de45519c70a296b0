-- data-quality: the DataQuality figures of contract §5 for every region of one level at or inside
-- :within (zeros included), over the recipient rows matching the filter, each placed by the
-- matching rule (payment_match: a matched row in its household's desa, an unmatched row in its own).
--   invalid_nik, unmatched_recipients, duplicate_payments, deceased_recipients
--       additive per (desa, program, year, stage): summed from analytics_desa_rollup
--   possible_duplicates
--       pairs of duplicate_pair (filled by the data-quality module, placed in the desa of the person
--       with the smaller NIK) whose two persons both have rows matched to them within the filter
-- Parameters:
--   :level     int     region level (1 province, 2 kab/kota, 3 kecamatan, 4 desa)
--   :len       int     undotted code length of that level (2, 4, 6, 10)
--   :within    text    undotted region code prefix, or null for everywhere
--   :programs  text[]  upper-cased program codes, or null for every program
--   :year      int     year, or null for every year
--   :stage     int     stage, or null for every stage
--   :yk        int     :year, or -1 for every year (rollup key)
--   :sk        int     :stage, or -1 for every stage (rollup key)
-- Rows: code, name, level, parent_code, kind, area_km2, lat, lng, invalid_nik, unmatched_recipients,
--   duplicate_payments, deceased_recipients, possible_duplicates, unknown_programs (text[])
with prog as (
  select p.code from program p
  where :programs::text[] is null or upper(p.code) = any(:programs::text[])
),
unknown as (
  select coalesce(array_agg(a.code order by a.code), '{}') as codes
  from unnest(:programs::text[]) as a(code)
  where not exists (select 1 from program p where upper(p.code) = a.code)
),
keys as (
  select '' as program_key where :programs::text[] is null
  union all
  select code from prog where :programs::text[] is not null
),
fig as (
  select left(x.desa_code, :len::int) as code,
         sum(x.invalid_nik) as invalid_nik, sum(x.unmatched) as unmatched,
         sum(x.duplicate_payments) as duplicate_payments, sum(x.deceased) as deceased
  from analytics_desa_rollup x
  where x.year_key = :yk::int and x.stage_key = :sk::int
    and x.program_key = any(array(select program_key from keys))
    and (:within::text is null or x.desa_code like :within::text || '%')
  group by 1
),
pairs as (
  select left(dp.desa_code, :len::int) as code, count(*) as n
  from duplicate_pair dp
  where (:within::text is null or dp.desa_code like :within::text || '%')
    and exists (select 1 from payment_match m
                where m.person_nik = dp.nik_a
                  and (:programs::text[] is null or upper(m.program) = any(:programs::text[]))
                  and (:year::int is null or m.year = :year::int)
                  and (:stage::int is null or m.stage = :stage::int))
    and exists (select 1 from payment_match m
                where m.person_nik = dp.nik_b
                  and (:programs::text[] is null or upper(m.program) = any(:programs::text[]))
                  and (:year::int is null or m.year = :year::int)
                  and (:stage::int is null or m.stage = :stage::int))
  group by 1
)
select r.code, r.name, r.level, r.parent_code, r.kind, r.area_km2, r.lat, r.lng,
       coalesce(f.invalid_nik, 0)::int as invalid_nik,
       coalesce(f.unmatched, 0)::int as unmatched_recipients,
       coalesce(f.duplicate_payments, 0)::int as duplicate_payments,
       coalesce(f.deceased, 0)::int as deceased_recipients,
       coalesce(p.n, 0)::int as possible_duplicates,
       (select codes from unknown) as unknown_programs
from region r
left join fig f on f.code = r.code
left join pairs p on p.code = r.code
where r.level = :level::int
  and (:within::text is null or r.code like :within::text || '%')
order by r.code
