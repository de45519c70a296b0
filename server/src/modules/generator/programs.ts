import { dayOf } from './dates';

/**
 * The program catalogue of domain.md with the 2020 schedule: stages (tahap),
 * the benefit per stage and the usual disbursement date of each stage.
 */

export const YEAR = 2020;

export type ProgramCode = 'PKH' | 'BPNT' | 'BST' | 'BLT-DD' | 'SEMBAKO-COVID' | 'JPS-PROV' | 'JPS-KAB';

export interface ProgramDef {
  code: ProgramCode;
  bit: number;
  name: string;
  funding: 'PUSAT' | 'PROVINSI' | 'KABUPATEN' | 'DESA';
  /** nominal_bulanan of programs.csv (empty when it depends on the family, as for PKH) */
  monthly: number | null;
  /** benefit of one stage, by stage number (1-based); PKH is computed per family */
  stageAmount: (stage: number) => number;
  /** base disbursement day of each stage (index 0 = stage 1) */
  stageDates: number[];
}

const monthly = (months: number[], day: number) => months.map((m) => dayOf(YEAR, m, day));

export const PROGRAMS: readonly ProgramDef[] = [
  {
    code: 'PKH',
    bit: 1,
    name: 'Program Keluarga Harapan',
    funding: 'PUSAT',
    monthly: null,
    stageAmount: () => 0,
    // quarterly: January, April, July, October
    stageDates: [dayOf(YEAR, 1, 20), dayOf(YEAR, 4, 14), dayOf(YEAR, 7, 14), dayOf(YEAR, 10, 12)],
  },
  {
    code: 'BPNT',
    bit: 2,
    name: 'Bantuan Pangan Non Tunai / Program Sembako',
    funding: 'PUSAT',
    monthly: 200_000,
    // one stage per quarter; Rp150,000 a month in Jan–Feb, Rp200,000 from March 2020
    stageAmount: (s) => (s === 1 ? 500_000 : 600_000),
    stageDates: [dayOf(YEAR, 2, 10), dayOf(YEAR, 4, 8), dayOf(YEAR, 7, 8), dayOf(YEAR, 10, 7)],
  },
  {
    code: 'BST',
    bit: 4,
    name: 'Bantuan Sosial Tunai (Covid-19)',
    funding: 'PUSAT',
    monthly: 600_000,
    // April–June Rp600,000 a month, July–December Rp300,000
    stageAmount: (s) => (s <= 3 ? 600_000 : 300_000),
    stageDates: monthly([4, 5, 6, 7, 8, 9, 10, 11, 12], 15),
  },
  {
    code: 'BLT-DD',
    bit: 8,
    name: 'Bantuan Langsung Tunai Dana Desa',
    funding: 'DESA',
    monthly: 600_000,
    // first three months Rp600,000, then Rp300,000 (extended to December 2020)
    stageAmount: (s) => (s <= 3 ? 600_000 : 300_000),
    stageDates: monthly([4, 5, 6, 7, 8, 9, 10, 11, 12], 14),
  },
  {
    code: 'SEMBAKO-COVID',
    bit: 16,
    name: 'Bantuan Sembako Covid-19',
    funding: 'PUSAT',
    monthly: 600_000,
    // in kind: a food package valued at Rp600,000, April–June
    stageAmount: () => 600_000,
    stageDates: monthly([4, 5, 6], 25),
  },
  {
    code: 'JPS-PROV',
    bit: 32,
    name: 'Jaring Pengaman Sosial Provinsi',
    funding: 'PROVINSI',
    monthly: 200_000,
    // three stages of Rp200,000 per KK; stage III ran into October 2020
    stageAmount: () => 200_000,
    stageDates: [dayOf(YEAR, 5, 11), dayOf(YEAR, 7, 13), dayOf(YEAR, 9, 21)],
  },
  {
    code: 'JPS-KAB',
    bit: 64,
    name: 'Jaring Pengaman Sosial Kabupaten/Kota',
    funding: 'KABUPATEN',
    monthly: 250_000,
    // Rp250,000 per KK per month for three months
    stageAmount: () => 250_000,
    stageDates: monthly([5, 6, 7], 18),
  },
];

export const PROGRAM_BY_CODE = new Map(PROGRAMS.map((p) => [p.code, p]));
export const program = (code: ProgramCode) => PROGRAM_BY_CODE.get(code)!;

/** Annual PKH benefit per family component in 2020 (Kemensos), paid in four quarterly stages. */
export const PKH_COMPONENT = {
  pregnant: 3_000_000,
  earlyChild: 3_000_000, // 0–6 years
  sd: 900_000, // 7–12
  smp: 1_500_000, // 13–15
  sma: 2_000_000, // 16–18
  elderly: 2_400_000, // 70 and over
  disabled: 2_400_000,
} as const;

/** At most four components count per family. */
export const PKH_MAX_COMPONENTS = 4;

/** Latest day a row of a stage may carry: the base date plus the spread used by the generator. */
export const STAGE_SPREAD_DAYS = 12;
