/**
 * An independent reading of a generated data set by the contract's rules
 * (§5 matching, Coverage, DataQuality): it knows nothing of how the generator
 * planted its faults, so agreeing with truth.json means the plants are what
 * truth.json says. Test helper only (small data sets: whole files in memory).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { validateNik } from '../../server/src/modules/quality/nik';

export type Csv = Record<string, string>[];

export function readCsv(dir: string, file: string): Csv {
  return parse(fs.readFileSync(path.join(dir, file), 'utf8'), { columns: true, skip_empty_lines: true }) as Csv;
}

export interface OracleCounts {
  households: number;
  persons: number;
  dtksHouseholds: number;
  aidedHouseholds: number;
  stackedHouseholds: number;
  unaidedDtksHouseholds: number;
  aidedNonDtksHouseholds: number;
  paymentRows: number;
  aidAmount: number;
  invalidNikRows: number;
  unmatchedRows: number;
  duplicatePayments: number;
  deceasedRows: number;
  movedRows: number;
}

export interface Oracle {
  counts: OracleCounts;
  byKab: Record<string, Pick<OracleCounts, 'households' | 'dtksHouseholds' | 'aidedHouseholds' | 'aidAmount'>>;
  roster: Map<string, Record<string, string>>;
  /** NIKs of roster persons with at least one row matched to them */
  personsWithRows: Set<string>;
  households: Csv;
  recipients: Csv;
  events: Csv;
  budgets: Csv;
}

export function readOracle(dir: string, knownKecamatan: Set<string>): Oracle {
  const households = readCsv(dir, 'households.csv');
  const recipients = readCsv(dir, 'recipients.csv');
  const events = readCsv(dir, 'civil-events.csv');
  const budgets = readCsv(dir, 'budgets.csv');
  const valid = (nik: string) => validateNik(nik, (c) => knownKecamatan.has(c)).valid;

  const roster = new Map<string, Record<string, string>>();
  const family = new Map<string, { desa: string; dtks: boolean; head: boolean }>();
  for (const r of households) {
    if (roster.has(r.nik!)) throw new Error(`NIK ${r.nik} twice in households.csv`);
    roster.set(r.nik!, r);
    const f = family.get(r.no_kk!);
    const isHead = r.hubungan === 'KEPALA KELUARGA';
    if (!f || (isHead && !f.head)) family.set(r.no_kk!, { desa: r.kode_desa!, dtks: r.dtks === 'Y', head: isHead });
  }

  const died = new Map<string, string>();
  const moved = new Map<string, string>();
  for (const e of events) {
    const m = e.peristiwa === 'MENINGGAL' ? died : moved;
    const prev = m.get(e.nik!);
    if (!prev || e.tanggal! < prev) m.set(e.nik!, e.tanggal!);
  }

  const c: OracleCounts = {
    households: family.size,
    persons: roster.size,
    dtksHouseholds: [...family.values()].filter((f) => f.dtks).length,
    aidedHouseholds: 0,
    stackedHouseholds: 0,
    unaidedDtksHouseholds: 0,
    aidedNonDtksHouseholds: 0,
    paymentRows: 0,
    aidAmount: 0,
    invalidNikRows: 0,
    unmatchedRows: 0,
    duplicatePayments: 0,
    deceasedRows: 0,
    movedRows: 0,
  };
  const programsOf = new Map<string, Set<string>>();
  const amountOf = new Map<string, number>();
  const seen = new Set<string>();
  const personsWithRows = new Set<string>();
  for (const r of recipients) {
    const nikValid = valid(r.nik!);
    if (!nikValid) c.invalidNikRows++;
    const person = nikValid ? roster.get(r.nik!) : undefined;
    const kk = person ? person.no_kk! : r.no_kk && family.has(r.no_kk) ? r.no_kk : null;
    if (!kk) {
      if (nikValid) c.unmatchedRows++;
      continue;
    }
    c.paymentRows++;
    c.aidAmount += Number(r.nominal);
    (programsOf.get(kk) ?? programsOf.set(kk, new Set()).get(kk)!).add(r.program!);
    amountOf.set(kk, (amountOf.get(kk) ?? 0) + Number(r.nominal));
    const key = `${person ? 'P' + r.nik : 'H' + kk}|${r.program}|${r.tahun}|${r.tahap}`;
    if (seen.has(key)) c.duplicatePayments++;
    else seen.add(key);
    if (person) {
      personsWithRows.add(r.nik!);
      const d = died.get(r.nik!);
      if (d && r.tanggal_salur && r.tanggal_salur > d) c.deceasedRows++;
      const mv = moved.get(r.nik!);
      if (mv && r.tanggal_salur && r.tanggal_salur > mv) c.movedRows++;
    }
  }
  const byKab: Oracle['byKab'] = {};
  for (const [kk, f] of family) {
    const kab = `${f.desa.slice(0, 2)}.${f.desa.slice(2, 4)}`;
    const k = (byKab[kab] ??= { households: 0, dtksHouseholds: 0, aidedHouseholds: 0, aidAmount: 0 });
    const progs = programsOf.get(kk);
    k.households++;
    if (f.dtks) k.dtksHouseholds++;
    if (progs) {
      c.aidedHouseholds++;
      k.aidedHouseholds++;
      k.aidAmount += amountOf.get(kk)!;
      if (progs.size >= 2) c.stackedHouseholds++;
      if (!f.dtks) c.aidedNonDtksHouseholds++;
    } else if (f.dtks) c.unaidedDtksHouseholds++;
  }
  return { counts: c, byKab, roster, personsWithRows, households, recipients, events, budgets };
}
