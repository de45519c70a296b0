-- refresh-match: THE matching rule of contract §5, the only place it is written down.
-- A recipient row belongs to the roster person with the same NIK when its NIK is valid
-- (never by an invalid NIK); failing that, to the household with the same No. KK; failing
-- both it is unmatched. A matched row is placed in its household's desa, an unmatched row
-- in its own kode_desa. Validity and matching are independent: an invalid-NIK row can match
-- by No. KK. Every figure (coverage, data quality, household lists) reads payment_match.
-- Parameters:
--   :batch   bigint   import_batch id whose payment rows are matched, or null (see :scoped)
--   :scoped  boolean  match the payment rows listed in analytics_refresh_scope (roster refresh);
--                     with :batch null and :scoped false every payment row is matched
insert into payment_match (payment_id, import_id, program, year, stage, nominal, paid_on, nik_valid,
                           person_nik, household_kk, placed_desa, placed_kab, dtks)
select p.id, p.import_id, p.program, p.year, p.stage, p.nominal, p.paid_on, p.nik_valid,
       pe.nik,
       h.no_kk,
       coalesce(h.desa_code, p.desa_code),
       left(coalesce(h.desa_code, p.desa_code), 4),
       coalesce(h.dtks, false)
from payment p
left join person pe on p.nik_valid and pe.nik = p.nik
-- a person's own household (always there: person.no_kk is a foreign key), else the row's No. KK
left join household h on h.no_kk = coalesce(pe.no_kk, p.no_kk)
where case when :scoped::boolean then p.id in (select payment_id from analytics_refresh_scope)
           else :batch::bigint is null or p.import_id = :batch::bigint end
