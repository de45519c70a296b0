-- refresh-aid-rollup-zero: removes the aid rollup rows an incremental correction left at zero
-- households (no household has that key any more).
-- Parameters: none
delete from analytics_aid_rollup where households = 0
