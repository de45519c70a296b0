-- Failed logins that count against the next attempt, per username and per address.
-- Parameters:
--   :username   the username tried (compared case-insensitively)
--   :ip         the client address
--   :window     window length in seconds (failures older than this are forgotten)
--   :perUser    failures per username allowed in the window
--   :perIp      failures per address allowed in the window
-- A successful login of the user forgets that user's earlier failures (not the address's).
-- Returns one row: failure counts (capped at the limits) and, when a limit is reached,
-- the seconds until the oldest counted failure leaves the window.
with last_ok as (
  select max(at) as at
  from login_attempt
  where lower(username) = lower(:username) and outcome = 'ok'
),
by_user as (
  select at
  from login_attempt
  where lower(username) = lower(:username)
    and outcome = 'failed'
    and at > now() - make_interval(secs => :window)
    and at > coalesce((select at from last_ok), '-infinity'::timestamptz)
  order by at desc
  limit :perUser
),
by_ip as (
  select at
  from login_attempt
  where ip = :ip
    and outcome = 'failed'
    and at > now() - make_interval(secs => :window)
  order by at desc
  limit :perIp
)
select
  (select count(*)::int from by_user) as user_failures,
  (select greatest(1, ceil(extract(epoch from (min(at) + make_interval(secs => :window) - now()))))::int from by_user) as user_retry_seconds,
  (select count(*)::int from by_ip) as ip_failures,
  (select greatest(1, ceil(extract(epoch from (min(at) + make_interval(secs => :window) - now()))))::int from by_ip) as ip_retry_seconds
