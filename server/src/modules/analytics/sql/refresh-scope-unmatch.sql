-- refresh-scope-unmatch: removes the match of the payment rows in analytics_refresh_scope, before
-- refresh-match.sql (scoped) matches them again.
-- Parameters: none
delete from payment_match m using analytics_refresh_scope s where m.payment_id = s.payment_id
