import { describe, expect, it } from 'vitest';
import { daysInMonth, parseNikBirthDate, validateNik } from '../../server/src/modules/quality/nik';

// A tiny kecamatan set: 75.01.01 (Gorontalo) and 33.06.01 (Purworejo).
const known = new Set(['750101', '330601']);
const has = (c: string) => known.has(c);

describe('validateNik', () => {
  it('accepts a man and a woman born on possible dates', () => {
    expect(validateNik('7501011204850001', has)).toEqual({ valid: true }); // 12 Apr 1985, man
    expect(validateNik('7501015204850002', has)).toEqual({ valid: true }); // 12 Apr 1985, woman (12 + 40)
    expect(validateNik(' 3306013112990001 ', has)).toEqual({ valid: true }); // 31 Dec, blanks ignored
    expect(validateNik('7501017112990001', has)).toEqual({ valid: true }); // woman, 31 Dec (71)
  });

  it('EMPTY for empty, blank, null and undefined', () => {
    for (const v of ['', '   ', null, undefined]) expect(validateNik(v, has)).toEqual({ valid: false, reason: 'EMPTY' });
  });

  it('NOT_16_DIGITS for short, long, letters and Excel scientific notation', () => {
    for (const v of ['750101120485001', '75010112048500011', '75010112048500a1', '7.50101E+15', '7501-0112-0485-0001']) {
      expect(validateNik(v, has)).toEqual({ valid: false, reason: 'NOT_16_DIGITS' });
    }
  });

  it('UNKNOWN_REGION when the first six digits are no kecamatan', () => {
    expect(validateNik('9999991204850001', has)).toEqual({ valid: false, reason: 'UNKNOWN_REGION' });
    expect(validateNik('7501021204850001', has)).toEqual({ valid: false, reason: 'UNKNOWN_REGION' });
  });

  it('BAD_DATE for impossible days and months, for men and women', () => {
    const bad = [
      '7501010004850001', // day 00
      '7501013204850001', // day 32 (neither a man's nor a woman's day)
      '7501014004850001', // day 40 = woman's day 0
      '7501017204850001', // day 72 = woman's day 32
      '7501013104850001', // 31 April
      '7501017104850001', // woman, 31 April
      '7501011200850001', // month 00
      '7501011213850001', // month 13
      '7501013002840001', // 30 February even in a leap year
      '7501012902850001', // 29 Feb 85 (85 not divisible by 4)
      '7501016902850001', // woman, 29 Feb 85
    ];
    for (const v of bad) expect(validateNik(v, has), v).toEqual({ valid: false, reason: 'BAD_DATE' });
  });

  it('29 February is valid when the two-digit year is divisible by 4 (00 included)', () => {
    expect(validateNik('7501012902840001', has)).toEqual({ valid: true });
    expect(validateNik('7501016902000001', has)).toEqual({ valid: true }); // woman, 29 Feb 00
    expect(validateNik('7501012902960001', has)).toEqual({ valid: true });
  });

  it('SERIAL_ZERO for serial 0000', () => {
    expect(validateNik('7501011204850000', has)).toEqual({ valid: false, reason: 'SERIAL_ZERO' });
  });

  it('reports the first failing check in order region → date → serial', () => {
    expect(validateNik('9999993213850000', has)).toEqual({ valid: false, reason: 'UNKNOWN_REGION' });
    expect(validateNik('7501013213850000', has)).toEqual({ valid: false, reason: 'BAD_DATE' });
  });
});

describe('parseNikBirthDate', () => {
  it('reads day, month, two-digit year and sex', () => {
    expect(parseNikBirthDate('7501011204850001')).toEqual({ day: 12, month: 4, yy: 85, female: false });
    expect(parseNikBirthDate('7501015204050001')).toEqual({ day: 12, month: 4, yy: 5, female: true });
  });
  it('returns null when the text is not 16 digits', () => {
    expect(parseNikBirthDate('7.50101E+15')).toBeNull();
    expect(parseNikBirthDate('')).toBeNull();
  });
  it('knows the month lengths', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(m, 85))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(daysInMonth(2, 0)).toBe(29);
  });
});
