-- pengaduan-set-status: moves a complaint to a new status with one history step. The first
-- DIPROSES sets processed_at (first response), SELESAI sets resolved_at. The caller has
-- locked and checked it (pengaduan-lock).
-- Parameters:
--   :id        bigint       complaint id
--   :to        text         DIPROSES | SELESAI
--   :note      text         note of the step (nullable)
--   :username  text         who
--   :at        timestamptz  when
-- Rows: one row: n (int) complaints changed
with old as (
  select id, status from pengaduan where id = :id::bigint
),
up as (
  update pengaduan p
     set status = :to::text,
         processed_at = case when :to::text = 'DIPROSES' then coalesce(p.processed_at, :at::timestamptz) else p.processed_at end,
         resolved_at = case when :to::text = 'SELESAI' then :at::timestamptz else p.resolved_at end
    from old where p.id = old.id
  returning p.id
),
hist as (
  insert into pengaduan_history (pengaduan_id, from_status, to_status, note, username, at)
  select old.id, old.status, :to::text, :note::text, :username::text, :at::timestamptz from old
)
select count(*)::int as n from up
