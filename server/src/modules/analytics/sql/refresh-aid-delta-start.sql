-- refresh-aid-delta-start: the facts of the scoped households before (sign -1) and after (+1) an
-- incremental refresh, for refresh-aid-rollup-delta. Temporary: dropped by refresh-aid-delta-done.
-- Parameters: none
create temp table analytics_aid_delta (
  no_kk varchar(32) not null, year smallint not null, stage smallint not null, kab_code varchar(4) not null,
  desa_code varchar(10) not null, dtks boolean not null, mask bigint not null, sign smallint not null
) on commit drop
