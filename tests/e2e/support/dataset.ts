import fs from 'node:fs';
import path from 'node:path';
import { Rng } from '../../../server/src/modules/generator/rng';

/**
 * A small, deterministic data set over real desa codes for the browser tests
 * and the map benchmark (when the full generator is not wanted): programs, a
 * roster with DTKS flags, recipient rows of several programs and stages,
 * budget lines per kab/kota and stage, and a few civil events. Each desa gets
 * its own aid probability so the choropleth has real variety.
 */

export interface DatasetFiles {
  programs: string;
  households: string;
  recipients: string;
  budgets: string;
  civilEvents: string;
  /** What was written, for assertions. */
  stats: { desa: number; households: number; persons: number; recipientRows: number; budgetLines: number };
  /** NIKs of the planted duplicate pair (smaller first). */
  duplicate: [string, string] | null;
}

/** The generator's seeded stream (server/src/modules/generator/rng.ts): the same files on every machine. */
function rng(seed: number): () => number {
  const r = new Rng(seed, 0);
  return () => r.float();
}

const PROGRAMS = [
  { code: 'PKH', name: 'Program Keluarga Harapan', source: 'PUSAT', monthly: 250000 },
  { code: 'BPNT', name: 'Bantuan Pangan Non Tunai', source: 'PUSAT', monthly: 200000 },
  { code: 'BLT-DD', name: 'BLT Dana Desa', source: 'DESA', monthly: 300000 },
  { code: 'JPS-PROV', name: 'Jaring Pengaman Sosial Provinsi', source: 'PROVINSI', monthly: 150000 },
];

const FIRST = [
  'Siti',
  'Nur',
  'Ahmad',
  'Rahmat',
  'Fitri',
  'Yusuf',
  'Dewi',
  'Hasan',
  'Rina',
  'Ismail',
  'Sri',
  'Agus',
  'Wati',
  'Budi',
  'Lina',
];
const LAST = ['Hulopi', 'Mohamad', 'Abdullah', 'Pakaya', 'Daud', 'Ali', 'Katili', 'Usman', 'Rahim', 'Lamato', 'Gobel', 'Hasan', 'Nento'];

const csv = (rows: (string | number | null)[][]) =>
  rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join(',')).join('\n') + '\n';

/** Writes the CSV files for the given desa codes (dotted, e.g. 75.01.01.2001) into `dir`. */
export function writeDataset(
  dir: string,
  desaCodes: readonly string[],
  opts: { seed?: number; year?: number; householdsPerDesa?: number } = {},
): DatasetFiles {
  const rand = rng(opts.seed ?? 20200917);
  const year = opts.year ?? 2020;
  const perDesa = opts.householdsPerDesa ?? 6;
  fs.mkdirSync(dir, { recursive: true });
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];

  const programs = [['kode', 'nama', 'sumber_dana', 'nominal_bulanan'], ...PROGRAMS.map((p) => [p.code, p.name, p.source, p.monthly])];

  const households: (string | number | null)[][] = [
    ['no_kk', 'nik', 'nama', 'kode_desa', 'jenis_kelamin', 'tanggal_lahir', 'hubungan', 'dtks', 'desil'],
  ];
  const recipients: (string | number | null)[][] = [
    ['program', 'tahun', 'tahap', 'kode_desa', 'nominal', 'nik', 'no_kk', 'nama', 'tanggal_salur'],
  ];
  const civil: (string | number | null)[][] = [['nik', 'peristiwa', 'tanggal', 'kode_desa_tujuan']];
  let serial = 1;
  let kkSerial = 1;
  let persons = 0;
  const paidByKab = new Map<string, number>();

  for (const desa of [...desaCodes].sort()) {
    const kec = desa.split('.').slice(0, 3).join('');
    const desaDigits = desa.replace(/\./g, '');
    const kab = desa.split('.').slice(0, 2).join('.');
    // Per-desa reach of aid: from 15% to 95% of DTKS households.
    const reach = 0.15 + 0.8 * rand();
    const n = perDesa + Math.floor(rand() * 4);
    for (let h = 0; h < n; h++) {
      const noKk = `${desaDigits.slice(0, 6)}${String(kkSerial++).padStart(10, '0')}`;
      const dtks = rand() < 0.6;
      const desil = dtks ? 1 + Math.floor(rand() * 4) : null;
      const size = 1 + Math.floor(rand() * 4);
      const last = pick(LAST);
      let head: { nik: string; name: string } | null = null;
      for (let m = 0; m < size; m++) {
        const female = m === 1 || (m > 1 && rand() < 0.5);
        const day = 1 + Math.floor(rand() * 28);
        const month = 1 + Math.floor(rand() * 12);
        const yy = m < 2 ? 50 + Math.floor(rand() * 40) : 5 + Math.floor(rand() * 14);
        const nik = `${kec}${String(day + (female ? 40 : 0)).padStart(2, '0')}${String(month).padStart(2, '0')}${String(yy % 100).padStart(2, '0')}${String(serial++ % 9999 || 1).padStart(4, '0')}`;
        const name = `${pick(FIRST)} ${last}`;
        const birth = `${yy >= 30 ? 1900 + yy : 2000 + yy}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const rel = m === 0 ? 'KEPALA KELUARGA' : m === 1 ? 'ISTRI' : 'ANAK';
        households.push([noKk, nik, name, desa, female ? 'P' : 'L', birth, rel, dtks ? 'Y' : 'N', desil]);
        persons++;
        if (m === 0) head = { nik, name };
      }
      const aided = dtks ? rand() < reach : rand() < 0.12;
      if (!aided || !head) continue;
      // One to three programs; several stages each.
      const progs = PROGRAMS.filter(() => rand() < 0.45);
      if (progs.length === 0) progs.push(pick(PROGRAMS));
      for (const p of progs) {
        for (let stage = 1; stage <= 3; stage++) {
          if (rand() < 0.15) continue;
          const nominal = p.monthly * 3;
          const paid = `${year}-${String(stage * 3).padStart(2, '0')}-${String(5 + Math.floor(rand() * 20)).padStart(2, '0')}`;
          // A few rows by No. KK only (empty NIK: kept, counted as invalid).
          const byKk = rand() < 0.05;
          recipients.push([p.code, year, stage, desa, nominal, byKk ? null : head.nik, noKk, head.name, paid]);
          paidByKab.set(kab, (paidByKab.get(kab) ?? 0) + nominal);
        }
      }
      if (rand() < 0.01) civil.push([head.nik, 'MENINGGAL', `${year}-02-01`, null]);
    }
  }

  // One planted duplicate: the same woman registered twice in one desa under two NIKs, a spelling
  // variant of her name and the same birth date, both paid by PKH (the data-quality page shows the pair).
  const first = [...desaCodes].sort()[0];
  if (first) {
    const kec = first.split('.').slice(0, 3).join('');
    const variants = ['SITI AMINAH HULOPI', 'SITI AMINA HULOPI'];
    variants.forEach((name, i) => {
      const noKk = `${kec}${String(kkSerial++).padStart(10, '0')}`;
      const nik = `${kec}450570${String(9000 + i)}`; // 5 May 1970, a woman (day + 40)
      households.push([noKk, nik, name, first, 'P', '1970-05-05', 'KEPALA KELUARGA', 'Y', 1]);
      persons++;
      recipients.push(['PKH', year, 1, first, 750000, nik, noKk, name, `${year}-03-10`]);
    });
  }

  // Budget per kab/kota and stage: allocation a little above what was paid, stage 3 partly outstanding.
  const budgets: (string | number | null)[][] = [['program', 'tahun', 'kode_wilayah', 'pagu', 'tahap', 'realisasi']];
  for (const [kab, paid] of [...paidByKab.entries()].sort()) {
    for (let stage = 1; stage <= 3; stage++) {
      const pagu = Math.round(((paid / 3) * (1.05 + rand() * 0.1)) / 1000) * 1000;
      const rate = stage < 3 ? 0.97 + rand() * 0.03 : 0.55 + rand() * 0.4;
      budgets.push(['PKH', year, kab, pagu, stage, Math.round((pagu * rate) / 1000) * 1000]);
    }
  }

  const files: DatasetFiles = {
    programs: path.join(dir, 'programs.csv'),
    households: path.join(dir, 'households.csv'),
    recipients: path.join(dir, 'recipients.csv'),
    budgets: path.join(dir, 'budgets.csv'),
    civilEvents: path.join(dir, 'civil-events.csv'),
    duplicate: first ? [`${first.split('.').slice(0, 3).join('')}4505709000`, `${first.split('.').slice(0, 3).join('')}4505709001`] : null,
    stats: {
      desa: desaCodes.length,
      households: kkSerial - 1,
      persons,
      recipientRows: recipients.length - 1,
      budgetLines: budgets.length - 1,
    },
  };
  fs.writeFileSync(files.programs, csv(programs));
  fs.writeFileSync(files.households, csv(households));
  fs.writeFileSync(files.recipients, csv(recipients));
  fs.writeFileSync(files.budgets, csv(budgets));
  fs.writeFileSync(files.civilEvents, csv(civil));
  return files;
}
