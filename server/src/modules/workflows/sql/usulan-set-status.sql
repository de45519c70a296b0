-- usulan-set-status: moves proposals to a new status and writes one history step each
-- (from the status each had). The caller has locked and checked them (usulan-lock).
-- Parameters:
--   :ids       bigint[]     proposal ids
--   :to        text         new status
--   :note      text         note of the step (nullable)
--   :username  text         who
--   :at        timestamptz  when
-- Rows: one row: n (int) proposals changed
with old as (
  select id, status from usulan where id = any(:ids::bigint[])
),
up as (
  update usulan u set status = :to::text, updated_at = :at::timestamptz
  from old where u.id = old.id
  returning u.id
),
hist as (
  insert into usulan_history (usulan_id, from_status, to_status, note, username, at)
  select old.id, old.status, :to::text, :note::text, :username::text, :at::timestamptz from old
)
select count(*)::int as n from up
