-- pengaduan-summary: complaints per region of one level: counts by status, category and channel,
-- and the median response times. Every region of the level at or inside :within is returned,
-- zeros included (medians null where no complaint reached the step).
--   first response = received_at → first DIPROSES (processed_at), over complaints processed;
--   resolution     = received_at → SELESAI (resolved_at), over complaints resolved.
-- Parameters:
--   :level   int   1 province, 2 kab/kota, 3 kecamatan, 4 desa
--   :len     int   undotted code length of that level (2, 4, 6, 10)
--   :within  text  undotted region prefix, or null for everywhere
-- Rows: region columns (code, name, level, parent_code, kind, area_km2, lat, lng); int counts
--   total, baru, diproses, selesai, c_<category> (5), ch_<channel> (5); float8 hours
--   median_first_response_hours, median_resolution_hours
with sums as (
  select left(p.desa_code, :len::int) as code,
         count(*) as total,
         count(*) filter (where p.status = 'BARU') as baru,
         count(*) filter (where p.status = 'DIPROSES') as diproses,
         count(*) filter (where p.status = 'SELESAI') as selesai,
         count(*) filter (where p.category = 'TIDAK_MENERIMA') as c_tidak_menerima,
         count(*) filter (where p.category = 'SALAH_SASARAN') as c_salah_sasaran,
         count(*) filter (where p.category = 'BANTUAN_GANDA') as c_bantuan_ganda,
         count(*) filter (where p.category = 'DATA_SALAH') as c_data_salah,
         count(*) filter (where p.category = 'LAINNYA') as c_lainnya,
         count(*) filter (where p.channel = 'POSKO') as ch_posko,
         count(*) filter (where p.channel = 'TELEPON') as ch_telepon,
         count(*) filter (where p.channel = 'WHATSAPP') as ch_whatsapp,
         count(*) filter (where p.channel = 'WEB') as ch_web,
         count(*) filter (where p.channel = 'SURAT') as ch_surat,
         percentile_cont(0.5) within group (order by extract(epoch from p.processed_at - p.received_at) / 3600)
           filter (where p.processed_at is not null) as median_first_response_hours,
         percentile_cont(0.5) within group (order by extract(epoch from p.resolved_at - p.received_at) / 3600)
           filter (where p.resolved_at is not null) as median_resolution_hours
  from pengaduan p
  where (:within::text is null or p.desa_code like :within::text || '%')
  group by 1
)
select r.code, r.name, r.level, r.parent_code, r.kind, r.area_km2, r.lat, r.lng,
       coalesce(s.total, 0)::int as total,
       coalesce(s.baru, 0)::int as baru,
       coalesce(s.diproses, 0)::int as diproses,
       coalesce(s.selesai, 0)::int as selesai,
       coalesce(s.c_tidak_menerima, 0)::int as c_tidak_menerima,
       coalesce(s.c_salah_sasaran, 0)::int as c_salah_sasaran,
       coalesce(s.c_bantuan_ganda, 0)::int as c_bantuan_ganda,
       coalesce(s.c_data_salah, 0)::int as c_data_salah,
       coalesce(s.c_lainnya, 0)::int as c_lainnya,
       coalesce(s.ch_posko, 0)::int as ch_posko,
       coalesce(s.ch_telepon, 0)::int as ch_telepon,
       coalesce(s.ch_whatsapp, 0)::int as ch_whatsapp,
       coalesce(s.ch_web, 0)::int as ch_web,
       coalesce(s.ch_surat, 0)::int as ch_surat,
       s.median_first_response_hours::float8 as median_first_response_hours,
       s.median_resolution_hours::float8 as median_resolution_hours
from region r
left join sums s on s.code = r.code
where r.level = :level::int
  and (:within::text is null or r.code like :within::text || '%')
order by r.code
