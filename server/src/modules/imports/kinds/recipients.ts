import type { EntityManager } from '@mikro-orm/postgresql';
import type { Cell, KindDefinition } from '../types';
import { date, identityNumber, integer, money, text } from '../values';
import { desaColumn, nikColumn, programColumn } from './common';

const yearCell = (c: Cell) => integer(c, 2000, 2100);
const stageCell = (c: Cell) => integer(c, 1, 99);
const noKkCell = (c: Cell) => identityNumber(c, 'No. KK');

/**
 * recipients: payment rows, appended (one file may hold several programs, years
 * and stages). Matching to the roster is derived later in SQL, not stored.
 */
export const recipients: KindDefinition = {
  kind: 'recipients',
  columns: [
    { name: 'program', required: true },
    { name: 'tahun', required: true },
    { name: 'tahap', required: true },
    { name: 'kode_desa', required: true },
    { name: 'nominal', required: true },
    { name: 'nik', required: false },
    { name: 'no_kk', required: false },
    { name: 'nama', required: false },
    { name: 'tanggal_salur', required: false },
  ],
  anyOf: [['nik', 'no_kk']],
  staging: [
    { name: 'program', type: 'text' },
    { name: 'year', type: 'smallint' },
    { name: 'stage', type: 'smallint' },
    { name: 'desa_code', type: 'text' },
    { name: 'nominal', type: 'numeric' },
    { name: 'nik', type: 'text' },
    { name: 'no_kk', type: 'text' },
    { name: 'name', type: 'text' },
    { name: 'paid_on', type: 'date' },
    { name: 'nik_valid', type: 'boolean' },
    { name: 'nik_issue', type: 'text' },
    { name: 'kab_code', type: 'text' },
  ],
  direct: { table: 'payment' },
  bulkTables: ['payment'],

  validateRow(r, ref) {
    const program = programColumn(r, ref, 'program');
    const year = r.get('tahun', yearCell, true);
    const stage = r.get('tahap', stageCell, true);
    const desa = desaColumn(r, ref, 'kode_desa', true);
    const nominal = r.get('nominal', money, true);
    const nik = nikColumn(r, ref, 'nik', false);
    const noKk = r.get('no_kk', noKkCell);
    const name = r.get('nama', text);
    const paidOn = r.get('tanggal_salur', date);
    if (nik && nik.nik === null && noKk === null && !r.errors.some((e) => e.column === 'no_kk')) {
      r.fail(r.has('nik') ? 'nik' : 'no_kk', 'Isi paling sedikit salah satu dari nik atau no_kk.');
    }
    if (r.bad || !nik) return { values: null };
    // An empty NIK beside a No. KK is no structural error: the row is kept and counts as invalidNik (contract §3).
    return {
      values: [program, year, stage, desa, nominal, nik.nik, noKk, name, paidOn, nik.valid, nik.issue, desa!.slice(0, 4)],
    };
  },

  async merge(tx: EntityManager, batchId: string) {
    await tx.execute(
      `insert into payment (program, year, stage, desa_code, nominal, nik, no_kk, name, paid_on, nik_valid, nik_issue, kab_code, import_id, line)
       select program, year, stage, desa_code, nominal, nik, no_kk, name, paid_on, nik_valid, nik_issue, kab_code, ?, line
       from stg order by line`,
      [batchId],
    );
  },
};

