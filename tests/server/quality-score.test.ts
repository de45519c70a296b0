import { describe, expect, it } from 'vitest';
import { scorePair, type DedupPerson } from '../../server/src/modules/quality/dedup-score';
import { NameMatcher, idfWeights } from '../../server/src/modules/quality/names';

/** Scores by hand: base = 0.35 (birth date) + 0.45 × name similarity + 0.2 × place; then × rarity, × 0.7 for a sex mismatch. */

const person = (nik: string, norm: string, desa: string, noKk = `KK${nik}`, sex: string | null = 'L'): DedupPerson => ({ nik, norm, sex, noKk, desa });
// A roster where every word is rare (seen once in a million names) and Rahmat is common (1 in 625).
const counts = new Map([['RAHMAT', 2000]]);
const names = () => new NameMatcher(idfWeights(counts, 1_250_000));
// persons born on one day: 0.06 in a desa, 0.5 in a kecamatan, 7 in a kab/kota, 43 in the province
const perDay = (prefix: string) => ({ 10: 0.06, 6: 0.5, 4: 7, 2: 43, 0: 43 })[prefix.length] ?? 0;

describe('scorePair', () => {
  it('identical names in one desa: 1.0', () => {
    const s = scorePair(person('1', 'YUSUF PAKAYA', '7501011001'), person('2', 'YUSUF PAKAYA', '7501011001'), names(), perDay);
    expect(s.score).toBe(1);
    expect(s.reasons).toEqual(['same birth date', 'name similarity 1.00', 'same desa']);
  });

  it('same No. KK is said instead of same desa', () => {
    const s = scorePair(person('1', 'YUSUF PAKAYA', '7501011001', 'KK'), person('2', 'YUSUF PAKAYA', '7501011001', 'KK'), names(), perDay);
    expect(s.reasons).toContain('same No. KK');
  });

  it('place: kecamatan 0.75, kab/kota 0.5, elsewhere 0.25', () => {
    const a = person('1', 'YUSUF PAKAYA', '7501011001');
    expect(scorePair(a, person('2', 'YUSUF PAKAYA', '7501012001'), names(), perDay).score).toBeCloseTo(0.35 + 0.45 + 0.15, 6);
    expect(scorePair(a, person('2', 'YUSUF PAKAYA', '7501022001'), names(), perDay).score).toBeCloseTo(0.35 + 0.45 + 0.1, 6);
    const far = scorePair(a, person('2', 'YUSUF PAKAYA', '7571011001'), names(), perDay);
    expect(far.score).toBeCloseTo(0.35 + 0.45 + 0.05, 6);
    expect(far.reasons).toContain('different kab/kota');
  });

  it('a spelling variant: name similarity from the word match, and the phonetic key said', () => {
    const s = scorePair(person('1', 'FITRI PAKAYA', '7501011001'), person('2', 'PITRI PAKAYA', '7501011001'), names(), perDay);
    // Fitri / Pitri: Jaro-Winkler 0.8667 < 0.9, raised to 0.9 by the shared key; Pakaya 1; equal weights → (0.9 + 1) / 2
    expect(s.nameSimilarity).toBeCloseTo(0.95, 6);
    expect(s.score).toBeCloseTo(0.35 + 0.45 * 0.95 + 0.2, 6);
    expect(s.reasons).toEqual(['same birth date', 'name similarity 0.95', 'same phonetic key', 'same desa']);
  });

  it('a different sex multiplies by 0.7', () => {
    const s = scorePair(person('1', 'NUR AINI', '7501011001', 'A', 'P'), person('2', 'NUR AINI', '7501011001', 'B', 'L'), names(), perDay);
    expect(s.score).toBeCloseTo(0.7, 6);
    expect(s.reasons).toContain('different sex');
  });

  it('a common name is discounted where many share the birth day, not in a desa', () => {
    const idf = Math.log(1_250_001 / 2000.5); // ≈ 6.44 nats
    // in the province: needs ln(43) + ln(100) ≈ 8.37 nats
    const far = scorePair(person('1', 'RAHMAT', '7501011001'), person('2', 'RAHMAT', '7571011001'), names(), perDay);
    const rarity = idf / (Math.log(43) + Math.log(100));
    expect(far.score).toBeCloseTo(0.85 * rarity, 6);
    expect(far.reasons).toContain(`common name (×${rarity.toFixed(2)})`);
    // in one desa: ln(0.06) + ln(100) ≈ 1.79 nats is far less than Rahmat carries
    expect(scorePair(person('1', 'RAHMAT', '7501011001'), person('2', 'RAHMAT', '7501011001'), names(), perDay).score).toBe(1);
  });

  it('a confirmed pair with another birth date loses the birth-date part', () => {
    const s = scorePair(person('1', 'YUSUF PAKAYA', '7501011001'), person('2', 'YUSUF PAKAYA', '7501011001'), names(), perDay, false);
    expect(s.score).toBeCloseTo(0.65, 6);
    expect(s.reasons[0]).toBe('different birth date');
  });
});
