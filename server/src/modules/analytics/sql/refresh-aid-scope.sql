-- refresh-aid-scope: the households whose facts an incremental refresh recomputes, into
-- analytics_aid_scope (emptied again by refresh-aid-delta-done): those the rows of one import
-- matched, or those the rows in analytics_refresh_scope were placed in before and are now.
-- Parameters:
--   :batch   bigint   import_batch id (with :scoped false)
--   :scoped  boolean  true: the households of analytics_refresh_scope's rows instead
insert into analytics_aid_scope (no_kk)
select s.old_kk from analytics_refresh_scope s where :scoped::boolean and s.old_kk is not null
union
select m.household_kk from payment_match m join analytics_refresh_scope s on s.payment_id = m.payment_id
where :scoped::boolean and m.household_kk is not null
union
select m.household_kk from payment_match m
where not :scoped::boolean and m.import_id = :batch::bigint and m.household_kk is not null
