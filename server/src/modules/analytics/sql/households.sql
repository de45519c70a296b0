-- households: one page of roster households at or inside :within matching a HouseholdFilter, in
-- (desa_code, no_kk) order, with their region. Also serves the export's batches (keyset, no total).
-- The aid window (:programs, :year, :stage) picks the matched recipient rows that count for :aided,
-- :min_programs and :program, read from analytics_household_aid (built from payment_match, the one
-- place the matching rule lives). These are the rows the coverage figures count, so e.g.
-- dtks = true and aided = false with the same window lists exactly the unaidedDtksHouseholds.
-- Parameters:
--   :within        text     undotted region code prefix, or null for everywhere
--   :dtks          boolean  DTKS (true) / non-DTKS (false) households only, or null
--   :desil         int[]    welfare deciles (desil), or null
--   :number        text     exact NIK of a member or exact No. KK, or null
--   :name          text     lower-cased fragment of a member's name (LIKE-escaped), or null
--   :aided         boolean  with (true) / without (false) a matched row in the window, or null
--   :min_programs  int      at least this many distinct programs in the window, or null
--   :program       text     upper-cased code of a program received in the window, or null
--   :programs      text[]   window: upper-cased program codes, or null for every program
--   :year          int      window: year, or null for every year
--   :stage         int      window: stage, or null for every stage
--   :after_desa    text     keyset: only rows after (:after_desa, :after_kk), or null
--   :after_kk      text
--   :offset        int      rows to skip
--   :limit         int      rows to return
--   :with_total    boolean  put the count of every match on each row (else null, not computed)
--   :probe         boolean  read the aid window per candidate household (true) or per region (false)
--   :named         text[]   every program code the filter names (upper case), or null
-- Rows: no_kk, desa_code, dtks, desil, address, total, then the region: code, name, level,
--   parent_code, kind, area_km2, lat, lng; unknown_programs (text[] of :named codes naming no
--   program: the caller refuses them, so a typo never reads as "no household")
with prog as (
  select code from program where :programs::text[] is null or upper(code) = any(:programs::text[])
),
masks as (
  select kab_code, bit_or(1::bigint << bit) as m
  from analytics_program_bit
  where program in (select code from prog)
  group by kab_code
),
wanted as (
  select kab_code, 1::bigint << bit as m
  from analytics_program_bit
  where upper(program) = :program::text
),
found as (
  select no_kk from household where no_kk = :number::text
  union
  select no_kk from person where nik = :number::text
  union
  -- the distinct names carry the trigram index; the persons are found from them by lower(name)
  select no_kk from person
  where lower(name) collate "C" in (select name from person_name where name like '%' || :name::text || '%')
),
unknown as (
  select coalesce(array_agg(a.code order by a.code), '{}') as codes
  from unnest(:named::text[]) as a(code)
  where not exists (select 1 from program p where upper(p.code) = a.code)
),
page as (
  select h.no_kk, h.desa_code, h.dtks, h.desil, h.address,
         case when :with_total::boolean then count(*) over () end as total
  from household h
  -- The window's program mask of each household, only when an aid filter asks for it, in one of two
  -- ways: probing each candidate household (:probe — few households, or export batches that stop
  -- early), or aggregating the region's facts once and joining (a whole page with its total).
  left join lateral (
    select bit_or(a.mask & k.m) as m
    from analytics_household_aid a
    join masks k on k.kab_code = a.kab_code
    where :probe::boolean
      and (:aided::boolean is not null or :min_programs::int is not null or :program::text is not null)
      and a.no_kk = h.no_kk
      and (:year::int is null or a.year = :year::int)
      and (:stage::int is null or a.stage = :stage::int)
  ) xp on true
  left join (
    select a.no_kk, bit_or(a.mask & k.m) as m
    from analytics_household_aid a
    join masks k on k.kab_code = a.kab_code
    where not :probe::boolean
      and (:aided::boolean is not null or :min_programs::int is not null or :program::text is not null)
      and (:within::text is null or a.desa_code like :within::text || '%')
      and (:year::int is null or a.year = :year::int)
      and (:stage::int is null or a.stage = :stage::int)
    group by a.no_kk
  ) xa on xa.no_kk = h.no_kk
  cross join lateral (select coalesce(xp.m, xa.m, 0) as m) x
  where (:within::text is null or h.desa_code like :within::text || '%')
    and ((:number::text is null and :name::text is null) or h.no_kk = any(array(select no_kk from found)))
    and (:dtks::boolean is null or h.dtks = :dtks::boolean)
    and (:desil::int[] is null or h.desil = any(:desil::int[]))
    and (:aided::boolean is null or (x.m <> 0) = :aided::boolean)
    and (:min_programs::int is null or bit_count(x.m::bit(64)) >= :min_programs::int)
    and (:program::text is null or x.m & coalesce((select w.m from wanted w where w.kab_code = h.kab_code), 0) <> 0)
    and (:after_desa::text is null or (h.desa_code, h.no_kk) > (:after_desa::text, :after_kk::text))
  order by h.desa_code, h.no_kk
  limit :limit::int offset :offset::int
)
select p.no_kk, p.desa_code, p.dtks, p.desil, p.address, p.total::int as total,
       r.code, r.name, r.level, r.parent_code, r.kind, r.area_km2, r.lat, r.lng,
       (select codes from unknown) as unknown_programs
from page p
join region r on r.code = p.desa_code
order by p.desa_code, p.no_kk
