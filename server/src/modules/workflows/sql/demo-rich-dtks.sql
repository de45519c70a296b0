-- demo-rich-dtks: per kab/kota the DTKS families in the richest deciles that no proposal names yet
-- (richest first, unranked last; ties in a seeded order): inclusion errors a social office would
-- propose to remove (TIDAK_MISKIN).
-- Parameters:
--   :seed     text  demo seed (seeded order)
--   :per_kab  int   families per kab/kota
-- Rows: kab_code, no_kk
select kab_code, no_kk from (
  select h.kab_code, h.no_kk, row_number() over (partition by h.kab_code order by h.desil desc nulls last, md5(:seed::text || h.no_kk)) as rn
  from household h
  where h.dtks
    and not exists (select 1 from usulan u where u.no_kk = h.no_kk)
) x
where rn <= :per_kab::int
order by kab_code, rn
