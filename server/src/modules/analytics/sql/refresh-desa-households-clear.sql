-- refresh-desa-households-clear: empties the roster counts per desa before refresh-desa-households.sql
-- recounts them (a households file may move families between desa).
-- Parameters: none
delete from analytics_desa_households
