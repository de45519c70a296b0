-- refresh-aid-delta-drop: drops analytics_aid_delta once the aid rollup has been corrected.
-- Parameters: none
drop table analytics_aid_delta
