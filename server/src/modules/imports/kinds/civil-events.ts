import type { EntityManager } from '@mikro-orm/postgresql';
import type { KindDefinition, StagedCheck } from '../types';
import { date, oneOf } from '../values';
import { desaColumn, nikColumn } from './common';

/** civil-events: Dukcapil deaths and moves, recorded against the NIK (they do not move a household). */
export const civilEvents: KindDefinition = {
  kind: 'civil-events',
  columns: [
    { name: 'nik', required: true },
    { name: 'peristiwa', required: true },
    { name: 'tanggal', required: true },
    { name: 'kode_desa_tujuan', required: false },
  ],
  staging: [
    { name: 'nik', type: 'text' },
    { name: 'event', type: 'text' },
    { name: 'event_date', type: 'date' },
    { name: 'dest_desa_code', type: 'text' },
    { name: 'nik_valid', type: 'boolean' },
  ],

  validateRow(r, ref) {
    const nik = nikColumn(r, ref, 'nik', true);
    const event = r.get('peristiwa', (c) => oneOf(c, ['MENINGGAL', 'PINDAH'] as const), true);
    const when = r.get('tanggal', date, true);
    let dest: string | null = null;
    if (event === 'PINDAH') {
      // The destination may lie outside an operator's region: only the person's own region is checked (stagedChecks).
      dest = desaColumn(r, { ...ref, allowedRegion: null }, 'kode_desa_tujuan', false);
      if (dest === null && !r.errors.some((e) => e.column === 'kode_desa_tujuan')) {
        r.fail('kode_desa_tujuan', 'Wajib diisi untuk peristiwa PINDAH.');
      }
    }
    if (r.bad || !nik) return { values: null };
    return { values: [nik.nik, event, when, dest, nik.valid] };
  },

  stagedChecks(ref) {
    if (!ref.allowedRegion) return [];
    const check: StagedCheck = {
      // The event's region: the person's household in the roster, else the kecamatan in the NIK.
      sql: `select s.line, 'nik' as col, s.nik as value,
              'Orang ini tercatat di wilayah ' || coalesce(h.desa_code, substr(s.nik, 1, 6)) || ', di luar wilayah Anda.' as message
            from stg s left join person p on p.nik = s.nik left join household h on h.no_kk = p.no_kk
            where coalesce(h.desa_code, substr(s.nik, 1, 6)) not like ? || '%'`,
      params: [ref.allowedRegion],
    };
    return [check];
  },

  async merge(tx: EntityManager, batchId: string) {
    await tx.execute(
      `insert into civil_event (nik, event, event_date, dest_desa_code, import_id, line)
       select nik, event, event_date, dest_desa_code, ?, line from stg order by line`,
      [batchId],
    );
  },
};
