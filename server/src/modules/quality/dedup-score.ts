import { phoneticKey, type NameMatcher } from './names';

/**
 * Scoring one candidate pair of roster persons ("the same person under two NIKs").
 * Candidates always share a birth date (the blocking guarantees it), so the score
 * weighs what else agrees:
 *
 *   score = 0.35 (same birth date)
 *         + 0.45 × name similarity (names.ts: IDF-weighted soft word match, 0–1)
 *         + 0.20 × place (same No. KK or desa 1, same kecamatan 0.75, same kab/kota 0.5, else 0.25)
 *   and × 0.7 when both sexes are known and differ (a NIK's sex is rarely mistyped).
 *
 * So identical names in one desa score 1.0; with the default threshold 0.8 a pair
 * in the same desa needs a name similarity ≥ 0.56, in the same kecamatan ≥ 0.67,
 * elsewhere in the kab/kota ≥ 0.78, in another kab/kota ≥ 0.89.
 */

export interface DedupPerson {
  nik: string;
  /** person.name_norm */
  norm: string;
  sex: string | null;
  noKk: string;
  /** Undotted desa code of the person's household. */
  desa: string;
}

export interface PairScore {
  score: number;
  nameSimilarity: number;
  reasons: string[];
}

export const SCORE_PARTS = { birthDate: 0.35, name: 0.45, place: 0.2, sexMismatchFactor: 0.7 } as const;

/** Default threshold: pairs at or above it are possible duplicates (overridden by DEDUP_THRESHOLD or app_setting). */
export const DEFAULT_THRESHOLD = 0.8;

function place(a: DedupPerson, b: DedupPerson): { value: number; reason: string } {
  if (a.noKk === b.noKk) return { value: 1, reason: 'same No. KK' };
  if (a.desa === b.desa) return { value: 1, reason: 'same desa' };
  if (a.desa.slice(0, 6) === b.desa.slice(0, 6)) return { value: 0.75, reason: 'same kecamatan' };
  if (a.desa.slice(0, 4) === b.desa.slice(0, 4)) return { value: 0.5, reason: 'same kab/kota' };
  return { value: 0.25, reason: 'different kab/kota' };
}

/**
 * Score and human-readable reasons of a pair. Candidates share a birth date; only a
 * pair confirmed by a reviewer may not (then the birth-date part is 0).
 */
export function scorePair(a: DedupPerson, b: DedupPerson, names: NameMatcher, sameBirthDate = true): PairScore {
  const sim = names.similarity(a.norm, b.norm);
  const p = place(a, b);
  let score = (sameBirthDate ? SCORE_PARTS.birthDate : 0) + SCORE_PARTS.name * sim + SCORE_PARTS.place * p.value;
  const reasons = [sameBirthDate ? 'same birth date' : 'different birth date', `name similarity ${sim.toFixed(2)}`];
  // spelling variants the rules know (Fitri / Pitri, Yusuf / Jusuf): worth saying, looked up only for likely pairs
  if (sim >= 0.5 && sim < 1 && a.norm !== b.norm && phoneticKey(a.norm) === phoneticKey(b.norm)) reasons.push('same phonetic key');
  reasons.push(p.reason);
  if (a.sex && b.sex && a.sex !== b.sex) {
    score *= SCORE_PARTS.sexMismatchFactor;
    reasons.push('different sex');
  }
  // Rounded so stored scores and cursors are stable across runs and backends.
  return { score: Math.round(Math.min(1, score) * 1e6) / 1e6, nameSimilarity: sim, reasons };
}
