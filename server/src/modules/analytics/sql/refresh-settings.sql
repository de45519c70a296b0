-- refresh-settings: for the rest of the import's transaction (set_config(…, true) = SET LOCAL):
--   work_mem 128 MB — a province is ~1 M payment rows and 1.25 M persons; the rebuild's hash joins and
--                     aggregates then stay in memory instead of spilling to disk in batches;
--   jit off         — compiling these one-off statements costs seconds and saves nothing.
-- Parameters: none
select set_config('work_mem', '128MB', true) as work_mem, set_config('jit', 'off', true) as jit
