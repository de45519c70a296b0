-- refresh-desa-households: roster households and DTKS households per desa (the roster only changes
-- with a households import, which rebuilds everything).
-- Parameters: none
insert into analytics_desa_households (desa_code, kab_code, households, dtks_households)
select desa_code, left(desa_code, 4), count(*)::int, (count(*) filter (where dtks))::int
from household
group by desa_code
