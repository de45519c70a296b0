import type { EntityManager } from '@mikro-orm/postgresql';
import type { KindDefinition } from '../types';
import { integer, money, regionCode } from '../values';
import { programColumn } from './common';
import { dot } from '../../regions/region-data';

/**
 * budgets: pagu / realisasi lines per program, year, optional stage and region of
 * any level. A line replaces the stored line with the same program, year, stage
 * and region (budgets are re-sent as realisation progresses; appending would double them).
 */
export const budgets: KindDefinition = {
  kind: 'budgets',
  columns: [
    { name: 'program', required: true },
    { name: 'tahun', required: true },
    { name: 'kode_wilayah', required: true },
    { name: 'pagu', required: true },
    { name: 'tahap', required: false },
    { name: 'realisasi', required: false },
  ],
  staging: [
    { name: 'program', type: 'text' },
    { name: 'year', type: 'smallint' },
    { name: 'stage', type: 'smallint' },
    { name: 'region_code', type: 'text' },
    { name: 'allocated', type: 'numeric' },
    { name: 'disbursed', type: 'numeric' },
  ],

  validateRow(r, ref) {
    const program = programColumn(r, ref, 'program');
    const year = r.get('tahun', (c) => integer(c, 2000, 2100), true);
    const region = r.get('kode_wilayah', regionCode, true);
    if (region !== null) {
      if (!ref.regions.has(region)) r.fail('kode_wilayah', `Kode wilayah ${dot(region)} tidak dikenal.`);
      else if (ref.allowedRegion && !region.startsWith(ref.allowedRegion)) {
        r.fail('kode_wilayah', `Wilayah ${dot(region)} di luar wilayah Anda (${dot(ref.allowedRegion)}).`);
      }
    }
    const allocated = r.get('pagu', money, true);
    const stage = r.get('tahap', (c) => integer(c, 1, 99));
    const disbursed = r.get('realisasi', money) ?? 0;
    if (r.bad) return { values: null };
    return { values: [program, year, stage, region, allocated, disbursed] };
  },

  stagedChecks() {
    return [
      {
        sql: `select line, 'kode_wilayah' as col, region_code as value,
                'Baris ' || first_line || ' sudah memuat program, tahun, tahap dan wilayah yang sama.' as message
              from (select line, region_code,
                      min(line) over (partition by program, year, stage, region_code) as first_line from stg) d
              where line > first_line`,
      },
    ];
  },

  async merge(tx: EntityManager, batchId: string) {
    await tx.execute(`delete from budget_line b using stg s
      where b.program = s.program and b.year = s.year and b.stage is not distinct from s.stage and b.region_code = s.region_code`);
    await tx.execute(
      `insert into budget_line (program, year, stage, region_code, allocated, disbursed, import_id, line)
       select program, year, stage, region_code, allocated, disbursed, ?, line from stg order by line`,
      [batchId],
    );
  },
};
