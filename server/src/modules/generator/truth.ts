import type { NikIssue } from '../quality/nik';
import type { describeJpsFacts } from './budget-facts';

/**
 * truth.json: what the generator planted, so detection can be scored.
 * Counts follow the contract's definitions (§5 Coverage and DataQuality) for
 * the whole data set with the default filter (all programs, years, stages).
 */

export interface KabCounts {
  households: number;
  persons: number;
  dtksHouseholds: number;
  aidedHouseholds: number;
  stackedHouseholds: number;
  unaidedDtksHouseholds: number;
  aidedNonDtksHouseholds: number;
  /** recipient rows matched to this kab/kota's households (unmatched rows not included) */
  paymentRows: number;
  /** sum of nominal of those rows (contract `aidAmount`) */
  aidAmount: number;
}

export interface TruthCounts extends KabCounts {
  /** recipient rows whose NIK is invalid (contract `invalidNik`) */
  invalidNikRows: number;
  invalidNikByReason: Record<NikIssue, number>;
  /** roster persons whose NIK is itself invalid (all their rows carry it too) */
  invalidNikRosterPersons: number;
  /** rows with a valid NIK matching neither a person nor a household (contract `unmatchedRecipients`) */
  unmatchedRows: number;
  unmatchedPersons: number;
  /** matched rows beyond the first per person/household, program, year, stage (contract `duplicatePayments`) */
  duplicatePayments: number;
  /** rows dated strictly after the recipient's earliest MENINGGAL (contract `deceasedRecipients`) */
  deceasedRows: number;
  deceasedRecipients: number;
  /** rows dated strictly after the recipient moved (PINDAH) to another kab/kota */
  movedRows: number;
  movedRecipients: number;
  /** planted second registrations (contract `possibleDuplicates` should find these) */
  fuzzyDuplicatePairs: number;
  fuzzyDuplicatesSameDesa: number;
  fuzzyDuplicatesSameKecamatan: number;
  civilEvents: number;
  budgetLines: number;
  /** every row written (unmatched included), by program; households = roster households with a row */
  byProgram: Record<string, { rows: number; amount: number; households: number }>;
}

export interface Truth {
  generator: string;
  seed: string;
  area: { code: string; name: string; kabKota: { code: string; name: string; population: number; p0: number; p0Source: string }[] };
  options: Record<string, number>;
  households: number;
  persons: number;
  counts: TruthCounts;
  /** the same counts per kab/kota (dotted code) */
  byKab: Record<string, KabCounts>;
  /** [original NIK, second NIK]: both roster persons, same birth date, name variant, both with payment rows */
  fuzzyDuplicates: [string, string][];
  /** each planted invalid NIK as written in the payment rows ('' for EMPTY), with the valid NIK it stands for */
  invalidNik: { nik: string; reason: NikIssue; rows: number; roster: boolean; validNik: string }[];
  /** outsiders: valid NIK and no roster match (no_kk empty or not in the roster) */
  unmatched: { nik: string; noKk: string; rows: number }[];
  duplicatePayments: number;
  /** planted: died (earliest MENINGGAL) before some payments */
  deceased: { nik: string; died: string; rowsAfter: number }[];
  /** planted: moved to another kab/kota before some payments */
  moved: { nik: string; date: string; to: string; rowsAfter: number }[];
  /** Gorontalo JPS-PROV 2020 rakorev figures and the budget lines that reproduce them (null outside Gorontalo) */
  budgetFacts: ReturnType<typeof describeJpsFacts> | null;
  files: Record<string, string>;
}
