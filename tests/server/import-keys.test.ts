import { describe, expect, it } from 'vitest';
import { KeyHashes, keyHash, sortedDistinct } from '../../server/src/modules/imports/key-hashes';

/** The proof that a staged column holds no repeats, which lets an import skip its SQL duplicate check. */
const hashes = (values: (string | null)[]) => {
  const k = new KeyHashes();
  for (const v of values) k.add(v);
  return k.sorted();
};
const nik = (i: number) => `7501${String(i).padStart(12, '0')}`;

describe('key hashes', () => {
  it('proves 200,000 distinct NIKs distinct, in one part or cut into three', () => {
    const all = Array.from({ length: 200_000 }, (_, i) => nik(i * 7919));
    expect(sortedDistinct([hashes(all)])).toBe(true);
    expect(sortedDistinct([hashes(all.slice(0, 50_000)), hashes(all.slice(50_000, 120_000)), hashes(all.slice(120_000))])).toBe(true);
  });

  it('finds a repeat within a part and across parts', () => {
    const all = Array.from({ length: 100_000 }, (_, i) => nik(i));
    expect(sortedDistinct([hashes([...all, nik(77)])])).toBe(false);
    expect(sortedDistinct([hashes(all.slice(0, 60_000)), hashes([...all.slice(60_000), nik(5)])])).toBe(false);
    expect(sortedDistinct([hashes(all.slice(0, 10)), hashes(all.slice(10, 20)), hashes([nik(3)])])).toBe(false);
  });

  it('counts two empty values as a repeat, as the SQL check groups them', () => {
    expect(sortedDistinct([hashes([nik(1), null]), hashes([null])])).toBe(false);
    expect(sortedDistinct([hashes([nik(1), null]), hashes([nik(2)])])).toBe(true);
  });

  it('tells apart values that differ in one character or in order', () => {
    expect(keyHash('7501010101800001')).not.toBe(keyHash('7501010101800002'));
    expect(keyHash('12')).not.toBe(keyHash('21'));
    expect(Number.isSafeInteger(keyHash('7501010101800001'))).toBe(true);
  });
});
