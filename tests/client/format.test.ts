import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDate,
  formatKK,
  formatNumber,
  formatPercent,
  formatRupiah,
  formatRupiahFull,
  formatRupiahShort,
} from '../../client/src/lib/format';

describe('formatRupiah', () => {
  it('writes billions as miliar with two decimals (the rakorev figures)', () => {
    expect(formatRupiah(17_120_000_000)).toBe('Rp17,12 miliar');
    expect(formatRupiah(15_470_000_000)).toBe('Rp15,47 miliar');
    expect(formatRupiah(1_644_999_999)).toBe('Rp1,64 miliar');
    expect(formatRupiah(1_645_000_001)).toBe('Rp1,65 miliar');
  });
  it('writes millions as juta and trillions as triliun', () => {
    expect(formatRupiah(3_500_000)).toBe('Rp3,50 juta');
    expect(formatRupiah(2_400_000_000_000)).toBe('Rp2,40 triliun');
    expect(formatRupiah(3_500_000, 1)).toBe('Rp3,5 juta');
  });
  it('writes amounts below a million in full with dot grouping', () => {
    expect(formatRupiah(250_000)).toBe('Rp250.000');
    expect(formatRupiah(600)).toBe('Rp600');
    expect(formatRupiah(0)).toBe('Rp0');
    expect(formatRupiah(999_999.4)).toBe('Rp999.999');
  });
  it('moves to the next unit when rounding reaches 1.000', () => {
    expect(formatRupiah(999_999.6)).toBe('Rp1,00 juta');
    expect(formatRupiah(999_996_000)).toBe('Rp1,00 miliar');
  });
  it('keeps the sign and says "–" for missing values', () => {
    expect(formatRupiah(-1_640_000_000)).toBe('-Rp1,64 miliar');
    expect(formatRupiah(null)).toBe('–');
    expect(formatRupiah(Number.NaN)).toBe('–');
  });
  it('has a full and a short form', () => {
    expect(formatRupiahFull(17_120_000_000)).toBe('Rp17.120.000.000');
    expect(formatRupiahFull(-250_000.4)).toBe('-Rp250.000');
    expect(formatRupiahShort(17_120_000_000)).toBe('17,1 M');
    expect(formatRupiahShort(3_500_000)).toBe('3,5 jt');
    expect(formatRupiahShort(250_000)).toBe('250 rb');
  });
});

describe('formatKK, formatPercent, formatNumber', () => {
  it('counts households', () => {
    expect(formatKK(1234)).toBe('1.234 KK');
    expect(formatKK(350_000)).toBe('350.000 KK');
    expect(formatKK(0)).toBe('0 KK');
    expect(formatKK(undefined)).toBe('–');
  });
  it('writes ratios as percentages with a decimal comma', () => {
    expect(formatPercent(0.904)).toBe('90,4%');
    expect(formatPercent(15.47 / 17.12)).toBe('90,4%');
    expect(formatPercent(1)).toBe('100,0%');
    expect(formatPercent(0.12345, 2)).toBe('12,35%');
    expect(formatPercent(null)).toBe('–');
  });
  it('groups and rounds', () => {
    expect(formatNumber(1234567.891, 2)).toBe('1.234.567,89');
    expect(formatNumber(-0.001, 2)).toBe('0,00');
    expect(formatNumber(-1234)).toBe('-1.234');
    expect(formatNumber(999)).toBe('999');
  });
  it('writes dates and sizes', () => {
    expect(formatDate('2020-08-17')).toBe('17 Agu 2020');
    expect(formatDate('2020-12-01T10:00:00Z')).toBe('1 Des 2020');
    expect(formatDate(null)).toBe('–');
    expect(formatBytes(1_572_864)).toBe('1,5 MB');
    expect(formatBytes(2048)).toBe('2 KB');
  });
});
