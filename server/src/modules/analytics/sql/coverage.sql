-- coverage: the Coverage figures of contract §5 for every region of one level at or inside
-- :within (zeros included), read from the rollups that each import refreshes (refresh-*.sql).
-- Desa rows are summed to higher levels by code prefix. Matching (NIK, then No. KK, placed in the
-- household's desa) is already applied in payment_match, from which every rollup is built.
--   households / dtks_households  roster households in the region (analytics_desa_households)
--   aided / stacked / aided_dtks   distinct households: for every program or one program from
--                                  analytics_desa_rollup; for several programs from the
--                                  (desa, DTKS, period, mask) counts of analytics_aid_rollup
--   aid_amount                     sum of nominal of matched rows placed in the region
-- Parameters:
--   :level     int     region level (1 province, 2 kab/kota, 3 kecamatan, 4 desa)
--   :len       int     undotted code length of that level (2, 4, 6, 10)
--   :within    text    undotted region code prefix, or null for everywhere
--   :programs  text[]  upper-cased program codes, or null for every program
--   :yk        int     year, or -1 for every year
--   :sk        int     stage, or -1 for every stage
-- Rows: code, name, level, parent_code, kind, area_km2, lat, lng, households, dtks_households,
--   aided_households, stacked_households, unaided_dtks_households, aided_non_dtks_households,
--   aid_amount (float8), unknown_programs (text[] of filter codes naming no program; the caller refuses them)
with prog as (
  select p.code from program p
  where :programs::text[] is null or upper(p.code) = any(:programs::text[])
),
unknown as (
  select coalesce(array_agg(a.code order by a.code), '{}') as codes
  from unnest(:programs::text[]) as a(code)
  where not exists (select 1 from program p where upper(p.code) = a.code)
),
-- '' = every program, a code = exactly one program (both precomputed per desa); null = several programs
sel as (
  select case when :programs::text[] is null then ''
              when (select count(*) from prog) = 1 then (select min(code) from prog) end as key
),
keys as (
  select s.key as program_key from sel s where s.key is not null
  union all
  select code from prog where (select key from sel) is null
),
hh as (
  select left(x.desa_code, :len::int) as code,
         sum(x.households) as households, sum(x.dtks_households) as dtks_households
  from analytics_desa_households x
  where :within::text is null or x.desa_code like :within::text || '%'
  group by 1
),
fig as (
  select left(x.desa_code, :len::int) as code,
         sum(x.aid_amount) as aid_amount, sum(x.aided) as aided,
         sum(x.aided_dtks) as aided_dtks, sum(x.stacked) as stacked
  from analytics_desa_rollup x
  where x.year_key = :yk::int and x.stage_key = :sk::int
    and x.program_key = any(array(select program_key from keys))
    and (:within::text is null or x.desa_code like :within::text || '%')
  group by 1
),
masks as (
  select b.kab_code, bit_or(1::bigint << b.bit) as m
  from analytics_program_bit b
  where (select key from sel) is null and b.program in (select code from prog)
  group by b.kab_code
),
several as (
  select left(r.desa_code, :len::int) as code,
         sum(r.households) as aided,
         sum(r.households) filter (where r.dtks) as aided_dtks,
         sum(r.households) filter (where (r.mask & k.m) & ((r.mask & k.m) - 1) <> 0) as stacked  -- two or more bits
  from analytics_aid_rollup r
  join masks k on k.kab_code = r.kab_code
  where (select key from sel) is null
    and r.year_key = :yk::int and r.stage_key = :sk::int
    and r.mask & k.m <> 0
    and (:within::text is null or r.desa_code like :within::text || '%')
  group by 1
)
select r.code, r.name, r.level, r.parent_code, r.kind, r.area_km2, r.lat, r.lng,
       coalesce(h.households, 0)::int as households,
       coalesce(h.dtks_households, 0)::int as dtks_households,
       a.aided::int as aided_households,
       a.stacked::int as stacked_households,
       (coalesce(h.dtks_households, 0) - a.aided_dtks)::int as unaided_dtks_households,
       (a.aided - a.aided_dtks)::int as aided_non_dtks_households,
       coalesce(f.aid_amount, 0)::float8 as aid_amount,
       (select codes from unknown) as unknown_programs
from region r
cross join sel s
left join hh h on h.code = r.code
left join fig f on f.code = r.code
left join several v on v.code = r.code
cross join lateral (
  select coalesce(case when s.key is null then v.aided else f.aided end, 0) as aided,
         coalesce(case when s.key is null then v.aided_dtks else f.aided_dtks end, 0) as aided_dtks,
         coalesce(case when s.key is null then v.stacked else f.stacked end, 0) as stacked
) a
where r.level = :level::int
  and (:within::text is null or r.code like :within::text || '%')
order by r.code
