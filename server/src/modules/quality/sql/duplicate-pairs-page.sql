-- One page of possibleDuplicates: the pairs of duplicate_pair placed at/inside :within whose two
-- persons both have recipient rows matched to them within the filter — the same pairs the
-- analytics possibleDuplicates figure counts (modules/analytics/sql/data-quality.sql).
-- Order: score descending, then a hash of the pair (a stable tiebreak that reveals no NIK, so
-- cursors can carry it). Keyset paging after (:afterScore, :afterHash).
-- Parameters:
--   :within     text    undotted region prefix, or null
--   :programs   text[]  upper-cased program codes, or null for every program
--   :year       int     or null
--   :stage      int     or null
--   :afterScore float8  score of the last pair of the previous page, or null for the first page
--   :afterHash  text    hash of that pair, or null
--   :limit      int     rows to return (page size + 1, to know whether another page follows)
-- Rows: total (all matching pairs), nik_a, nik_b, score, reasons, h, then per person (a_, b_):
--   name, birth_date (text), and the desa of their household (code, name, level, parent_code, kind, area_km2, lat, lng).
with f as (
  select dp.nik_a, dp.nik_b, dp.score, dp.reasons, md5(dp.nik_a || '/' || dp.nik_b) as h
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
),
page as (
  select * from f
  where :afterScore::float8 is null or f.score < :afterScore::float8 or (f.score = :afterScore::float8 and f.h > :afterHash::text)
  order by f.score desc, f.h
  limit :limit::int
)
select (select count(*) from f)::int as total, p.nik_a, p.nik_b, p.score, p.reasons, p.h,
       pa.name as a_name, pa.birth_date::text as a_birth_date,
       ra.code as a_code, ra.name as a_region_name, ra.level as a_level, ra.parent_code as a_parent_code, ra.kind as a_kind,
       ra.area_km2 as a_area_km2, ra.lat as a_lat, ra.lng as a_lng,
       pb.name as b_name, pb.birth_date::text as b_birth_date,
       rb.code as b_code, rb.name as b_region_name, rb.level as b_level, rb.parent_code as b_parent_code, rb.kind as b_kind,
       rb.area_km2 as b_area_km2, rb.lat as b_lat, rb.lng as b_lng
from page p
join person pa on pa.nik = p.nik_a
join household ha on ha.no_kk = pa.no_kk
join region ra on ra.code = ha.desa_code
join person pb on pb.nik = p.nik_b
join household hb on hb.no_kk = pb.no_kk
join region rb on rb.code = hb.desa_code
order by p.score desc, p.h
