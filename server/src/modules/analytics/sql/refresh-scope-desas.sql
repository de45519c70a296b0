-- refresh-scope-desas: the desa whose rollups change when the rows in analytics_refresh_scope moved:
-- where they were placed before and where they are placed now.
-- Parameters: none
-- Rows: desa
select s.old_desa as desa from analytics_refresh_scope s where s.old_desa is not null
union
select m.placed_desa from payment_match m join analytics_refresh_scope s on s.payment_id = m.payment_id
