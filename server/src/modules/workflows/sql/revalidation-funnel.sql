-- revalidation-funnel: the re-validation funnel of a JPS recipient list (Purworejo, May 2020),
-- counted in households (KK). The list = the recipient rows of one import batch and/or one
-- program and year (without :program, the rows of JPS programs: funded by PROVINSI or
-- KABUPATEN, or coded JPS-PROV / JPS-KAB), placed by the matching rule (payment_match) at or
-- inside :within.
--   unit          the matched family (payment_match.household_kk); an unmatched row stands for
--                 its own No. KK, else its NIK
--   collected     units in the list
--   not_duplicate collected minus units whose family received, in the same year as its list
--                 row, a row of a central program (funded PUSAT: PKH, BPNT, BST, SEMBAKO-COVID)
--                 or of BLT Dana Desa (funded DESA) — other than the list's own program
--   proposed      the first :quota of them (all when :quota is null), poorest first: welfare
--                 decile ascending (unknown last), then unit
--   valid         proposed units that are matched to the roster, whose every list row has a
--                 valid NIK and a name agreeing with the roster (trigram similarity ≥ 0.5 of
--                 the lower-cased names, to the matched person, or for a row matched by
--                 No. KK to a member of the family), and whose family has an address
--   (needs re-validation = proposed − valid)
-- Parameters:
--   :batch    bigint  import_batch.id of a recipients import, or null
--   :program  text    program code, or null for the JPS programs
--   :year     int     year (tahun), or null for every year
--   :within   text    undotted region prefix, or null for everywhere
--   :quota    int     how many households may be proposed, or null for no limit
-- Rows: one row: collected, not_duplicate, proposed, valid (int)
with list as (
  select p.id, p.program, p.year, nullif(trim(p.nik), '') as nik, nullif(trim(p.no_kk), '') as no_kk, p.name, p.nik_valid,
         m.person_nik, m.household_kk
  from payment p
  join payment_match m on m.payment_id = p.id
  join program pg on pg.code = p.program
  where (:batch::bigint is null or p.import_id = :batch::bigint)
    and case when :program::text is not null then p.program = :program::text
             else pg.funding_source in ('PROVINSI', 'KABUPATEN') or upper(pg.code) in ('JPS-PROV', 'JPS-KAB') end
    and (:year::int is null or p.year = :year::int)
    and (:within::text is null or m.placed_desa like :within::text || '%')
),
list_rows as (
  select l.*,
         coalesce(l.household_kk, 'KK:' || l.no_kk, 'NIK:' || l.nik, 'ROW:' || l.id) as unit,
         (nullif(trim(l.name), '') is not null and
          case when l.person_nik is not null then
                 exists (select 1 from person q where q.nik = l.person_nik and similarity(lower(q.name), lower(l.name)) >= 0.5)
               when l.household_kk is not null then
                 exists (select 1 from person q where q.no_kk = l.household_kk and similarity(lower(q.name), lower(l.name)) >= 0.5)
               else false end) as name_ok
  from list l
),
units as (
  select unit, max(household_kk) as kk, bool_and(nik_valid) as nik_ok, bool_and(name_ok) as name_ok
  from list_rows group by unit
),
checked as (
  select u.unit, u.kk, u.nik_ok, u.name_ok, h.desil,
         coalesce(nullif(trim(h.address), ''), nullif(trim(hp.address), '')) is not null as address_ok,
         exists (
           select 1
           from list_rows r
           join payment_match m2 on m2.household_kk = r.household_kk and m2.year = r.year and m2.program <> r.program
           join program p2 on p2.code = m2.program
           where r.unit = u.unit and r.household_kk is not null
             and (p2.funding_source in ('PUSAT', 'DESA') or upper(p2.code) in ('PKH', 'BPNT', 'BST', 'SEMBAKO-COVID', 'BLT-DD'))
         ) as duplicate
  from units u
  left join household h on h.no_kk = u.kk
  left join person hp on hp.nik = h.head_nik
),
ranked as (
  select c.*, row_number() over (order by c.desil asc nulls last, c.unit) as rn
  from checked c
  where not c.duplicate
)
select (select count(*) from units)::int as collected,
       (select count(*) from ranked)::int as not_duplicate,
       (select count(*) from ranked where :quota::int is null or rn <= :quota::int)::int as proposed,
       (select count(*) from ranked
         where (:quota::int is null or rn <= :quota::int) and kk is not null and nik_ok and name_ok and address_ok)::int as valid
