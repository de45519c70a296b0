import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { EntityManager } from '@mikro-orm/postgresql';
import { maskNik } from '../auth/access';
import type { AuthUser } from '../auth/auth.types';
import { dot } from '../regions/region-data';
import {
  householdBatches,
  membersOf,
  programsOf,
  type HouseholdFilterInput,
  type HouseholdRow,
} from '../households/household.service';

export type ExportFormat = 'csv' | 'xlsx';

/** One line per household member, the household's columns repeated: what a verification team checks door to door. */
export const EXPORT_COLUMNS = [
  'no_kk',
  'kode_desa',
  'nama_desa',
  'dtks',
  'desil',
  'alamat',
  'nik',
  'nama',
  'jenis_kelamin',
  'tanggal_lahir',
  'hubungan',
  'nik_valid',
  'program',
  'nominal_total',
] as const;

type Cell = string | number | null;

export interface ExportCounts {
  households: number;
  /** Member lines written, i.e. NIKs handed out (masked or not). */
  niks: number;
  complete: boolean;
}

/** A CSV field: quoted when needed; text that a spreadsheet would run as a formula is defused with a leading apostrophe. */
export function csvField(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function linesOf(user: AuthUser, h: HouseholdRow, members: Awaited<ReturnType<typeof membersOf>>, programs: Awaited<ReturnType<typeof programsOf>>): Cell[][] {
  const aid = programs.get(h.no_kk) ?? [];
  const programList = [...new Set(aid.map((p) => p.program))].sort().join(', ');
  const total = aid.reduce((s, p) => s + p.amount, 0);
  const base = [maskNik(user, h.no_kk, h.desa_code), dot(h.desa_code), h.name, h.dtks ? 'Y' : 'N', h.desil, h.address];
  const people = members.get(h.no_kk) ?? [];
  const tail = [programList, total];
  if (people.length === 0) return [[...base, null, null, null, null, null, null, ...tail]];
  return people.map((m) => [
    ...base,
    maskNik(user, m.nik, h.desa_code),
    m.name,
    m.sex,
    m.birth_date,
    m.relation,
    m.nik_valid ? 'Y' : 'N',
    ...tail,
  ]);
}

/**
 * Streams the household list (the same filter as the `households` query) to `out` as CSV or XLSX,
 * batch by batch (keyset pages, members and programs of a batch in one query each), masking NIKs
 * for the user. Arguments are checked before the first byte, so a bad filter throws and nothing is
 * written. Stops early when `aborted()` turns true (the client went away); the counts say how far it got.
 * `record` gets the counts before the file is ended: the export is in the audit log before the client
 * has the last byte (and a process that dies in between has not handed out a complete file unrecorded).
 */
export async function exportHouseholds(
  em: EntityManager,
  user: AuthUser,
  q: { within?: string | null; filter?: HouseholdFilterInput | null; format: ExportFormat },
  open: () => Writable,
  aborted: () => boolean,
  record: (counts: ExportCounts) => Promise<void>,
): Promise<ExportCounts> {
  const batches = await householdBatches(em, q.within, q.filter);
  const out = open();
  const counts: ExportCounts = { households: 0, niks: 0, complete: false };

  if (q.format === 'csv') {
    const write = async (text: string) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    await write('\uFEFF' + EXPORT_COLUMNS.join(',') + '\r\n'); // BOM: spreadsheets then read the file as UTF-8
    for await (const batch of batches) {
      if (aborted()) {
        await record(counts);
        return counts;
      }
      const kks = batch.map((h) => h.no_kk);
      const [members, programs] = [await membersOf(em, kks), await programsOf(em, kks)];
      let chunk = '';
      for (const h of batch) {
        for (const line of linesOf(user, h, members, programs)) {
          chunk += line.map(csvField).join(',') + '\r\n';
          if (line[6] !== null) counts.niks++;
        }
        counts.households++;
      }
      await write(chunk);
    }
    counts.complete = true;
    await record(counts);
    out.end();
    return counts;
  }

  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Rumah tangga', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((c) => ({
    header: c,
    key: c,
    width: c === 'nama' || c === 'nama_desa' || c === 'alamat' ? 28 : c === 'no_kk' || c === 'nik' ? 19 : 12,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const batch of batches) {
    if (aborted()) break;
    const kks = batch.map((h) => h.no_kk);
    const [members, programs] = [await membersOf(em, kks), await programsOf(em, kks)];
    for (const h of batch) {
      for (const line of linesOf(user, h, members, programs)) {
        // NIK and No. KK stay text cells: as numbers a spreadsheet would drop their last digit.
        sheet.addRow(line).commit();
        if (line[6] !== null) counts.niks++;
      }
      counts.households++;
    }
  }
  counts.complete = !aborted();
  await record(counts);
  sheet.commit();
  await workbook.commit();
  return counts;
}
