-- verivali-flag-count: how many verivali flags match a list filter (totalCount of verivaliFlags).
-- Parameters:
--   :within  text     undotted region prefix, or null for everywhere
--   :kind    text     flag kind, or null
--   :open    boolean  true = not fixed yet, false = fixed, null = both
--   :no_kk   text     a family (as either family of a pair), or null
-- Rows: one row: n (int)
select count(*)::int as n
from verivali_flag f
where (:within::text is null or f.desa_code like :within::text || '%')
  and (:kind::text is null or f.kind = :kind::text)
  and (:open::boolean is null or (f.fixed_at is null) = :open::boolean)
  and (:no_kk::text is null or f.no_kk = :no_kk::text or f.other_kk = :no_kk::text)
