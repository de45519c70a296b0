-- One page of exclusiveProgramViolations: households paid by both programs of an exclusive pair in
-- one year (exclusive_violation), placed at/inside :within, optionally one year and/or pairs that
-- involve one of :programs. Order: desa, year, pair, a hash of the No. KK (keyset; reveals no KK).
-- Parameters:
--   :within    text    undotted region prefix, or null
--   :programs  text[]  upper-cased program codes, or null
--   :year      int     or null
--   :afterKey  text    "desa|year|pair_id|hash" of the last row of the previous page, or null
--   :limit     int     page size + 1
-- Rows: total, key, pair_id, year, no_kk, head_name, program_a, program_b, rows_a, rows_b, amount_a, amount_b,
--   total_amount_a/b (over every matching row, not the page), and the desa (code, name, level, parent_code, kind, area_km2, lat, lng).
with f as (
  select v.*, v.desa_code || '|' || lpad(v.year::text, 4, '0') || '|' || lpad(v.pair_id::text, 10, '0') || '|' || md5(v.no_kk) as k
  from exclusive_violation v
  where (:within::text is null or v.desa_code like :within::text || '%')
    and (:year::int is null or v.year = :year::int)
    and (:programs::text[] is null or upper(v.program_a) = any(:programs::text[]) or upper(v.program_b) = any(:programs::text[]))
),
tot as (
  select count(*)::int as n, coalesce(sum(amount_a), 0)::float8 as amount_a, coalesce(sum(amount_b), 0)::float8 as amount_b from f
),
page as (
  select * from f where :afterKey::text is null or f.k > :afterKey::text order by f.k limit :limit::int
)
select tot.n as total, tot.amount_a as total_amount_a, tot.amount_b as total_amount_b,
       p.k as key, p.pair_id, p.year, p.no_kk, hp.name as head_name, p.program_a, p.program_b, p.rows_a, p.rows_b,
       p.amount_a::float8 as amount_a, p.amount_b::float8 as amount_b,
       r.code, r.name, r.level, r.parent_code, r.kind, r.area_km2, r.lat, r.lng
from tot
left join page p on true
left join household h on h.no_kk = p.no_kk
left join person hp on hp.nik = h.head_nik
left join region r on r.code = p.desa_code
order by p.k
