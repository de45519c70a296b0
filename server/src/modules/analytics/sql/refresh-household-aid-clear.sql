-- refresh-household-aid-clear: removes the facts of the households that rows of one import matched,
-- before refresh-household-aid recomputes them from all their rows.
-- Parameters:
--   :batch   bigint   import_batch id (null with :scoped)
--   :scoped  boolean  instead: the households the rows in analytics_refresh_scope were or are placed in
delete from analytics_household_aid a
where case when :scoped::boolean
           then a.no_kk in (select s.old_kk from analytics_refresh_scope s where s.old_kk is not null
                            union
                            select m.household_kk from payment_match m join analytics_refresh_scope s on s.payment_id = m.payment_id
                            where m.household_kk is not null)
           else a.no_kk in (select m.household_kk from payment_match m where m.import_id = :batch::bigint and m.household_kk is not null) end
