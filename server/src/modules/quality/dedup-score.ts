import type { NameMatcher } from './names';

/**
 * Scoring one candidate pair of roster persons ("the same person under two NIKs").
 * Candidates share a birth date (the blocking guarantees it), so the score weighs
 * what else agrees:
 *
 *   base  = 0.35 (same birth date)
 *         + 0.45 × name similarity (names.ts: IDF-weighted soft word match, 0–1)
 *         + 0.20 × place (same No. KK or desa 1, same kecamatan 0.75, same kab/kota 0.5, else 0.25)
 *   score = base × rarity × (0.7 when both sexes are known and differ)
 *
 * rarity discounts names too common to tell persons apart where the pair lives: the
 * information the agreeing name parts carry (NameMatcher.information, nats) must exceed
 * ln(persons born on one day in the pair's common region) by a margin of ln(100); below
 * that the score shrinks in proportion. Two "Rahmat"s born the same day in one desa are
 * probably one person; in one province they are probably two (about 40 persons share
 * each birth date there, and Rahmat is one name in 600).
 *
 * With the default threshold 0.8 a pair of rare enough names in one desa needs a name
 * similarity ≥ 0.56, in one kecamatan ≥ 0.67, in one kab/kota ≥ 0.78, across kab/kota 0.89.
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

export const SCORE_PARTS = { birthDate: 0.35, name: 0.45, place: 0.2, sexMismatchFactor: 0.7, rarityMarginNats: Math.log(100) } as const;

/** Default threshold: pairs at or above it are possible duplicates (overridden by DEDUP_THRESHOLD or app_setting). */
export const DEFAULT_THRESHOLD = 0.8;

/**
 * Persons born on one given day in a region (undotted code prefix: desa, kecamatan,
 * kab/kota or province; '' = everywhere). See dedup.service.ts `scopeSizes`.
 */
export type PersonsPerDay = (regionPrefix: string) => number;

function place(a: DedupPerson, b: DedupPerson): { value: number; reason: string; scope: string } {
  if (a.noKk === b.noKk) return { value: 1, reason: 'same No. KK', scope: a.desa };
  if (a.desa === b.desa) return { value: 1, reason: 'same desa', scope: a.desa };
  if (a.desa.slice(0, 6) === b.desa.slice(0, 6)) return { value: 0.75, reason: 'same kecamatan', scope: a.desa.slice(0, 6) };
  if (a.desa.slice(0, 4) === b.desa.slice(0, 4)) return { value: 0.5, reason: 'same kab/kota', scope: a.desa.slice(0, 4) };
  const province = a.desa.slice(0, 2) === b.desa.slice(0, 2) ? a.desa.slice(0, 2) : '';
  return { value: 0.25, reason: 'different kab/kota', scope: province };
}

/**
 * Score and human-readable reasons of a pair. Candidates share a birth date; only a
 * pair confirmed by a reviewer may not (then the birth-date part is 0).
 */
export function scorePair(
  a: DedupPerson,
  b: DedupPerson,
  names: NameMatcher,
  perDay: PersonsPerDay,
  sameBirthDate = true,
): PairScore {
  const cmp = names.compare(a.norm, b.norm);
  const sim = cmp.similarity;
  const p = place(a, b);
  let score = (sameBirthDate ? SCORE_PARTS.birthDate : 0) + SCORE_PARTS.name * sim + SCORE_PARTS.place * p.value;
  const reasons = [sameBirthDate ? 'same birth date' : 'different birth date', `name similarity ${sim.toFixed(2)}`];
  // spelling variants the rules know (Fitri / Pitri, Yusuf / Jusuf) are worth saying
  if (sim < 1 && cmp.sameKey) reasons.push('same phonetic key');
  reasons.push(p.reason);
  const needed = Math.log(Math.max(perDay(p.scope), 1e-9)) + SCORE_PARTS.rarityMarginNats;
  if (needed > 0 && sim > 0) {
    const rarity = Math.min(1, cmp.information / needed);
    if (rarity < 1) {
      score *= rarity;
      reasons.push(`common name (×${rarity.toFixed(2)})`);
    }
  }
  if (a.sex && b.sex && a.sex !== b.sex) {
    score *= SCORE_PARTS.sexMismatchFactor;
    reasons.push('different sex');
  }
  // Rounded so stored scores and cursors are stable across runs and backends.
  return { score: Math.round(Math.min(1, score) * 1e6) / 1e6, nameSimilarity: sim, reasons };
}
