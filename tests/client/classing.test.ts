import { describe, expect, it } from 'vitest';
import {
  NO_DATA_COLOR,
  RAMPS,
  buildLegend,
  classIndex,
  colorFor,
  jenksBreaks,
  quantileBreaks,
  rampColors,
} from '../../client/src/lib/classing';

/** Total within-class squared deviation of sorted xs cut after each break. */
function ssdOf(xs: number[], breaks: number[]): number {
  const groups = new Map<number, number[]>();
  for (const x of xs) {
    const i = classIndex(x, breaks);
    groups.set(i, [...(groups.get(i) ?? []), x]);
  }
  let total = 0;
  for (const g of groups.values()) {
    const mean = g.reduce((a, b) => a + b, 0) / g.length;
    total += g.reduce((a, b) => a + (b - mean) ** 2, 0);
  }
  return total;
}

/** Best SSD over every way of cutting sorted xs into exactly k non-empty runs (brute force). */
function bruteBest(xs: number[], k: number): number {
  const n = xs.length;
  let best = Infinity;
  const rec = (start: number, left: number, cuts: number[]) => {
    if (left === 1) {
      const breaks = cuts.map((c) => xs[c]);
      best = Math.min(best, ssdOf(xs, breaks));
      return;
    }
    for (let c = start; c <= n - left; c++) rec(c + 1, left - 1, [...cuts, c]);
  };
  rec(0, k, []);
  return best;
}

describe('quantileBreaks', () => {
  it('cuts 1..10 into five classes of two', () => {
    expect(quantileBreaks([3, 1, 2, 4, 5, 6, 7, 8, 9, 10], 5)).toEqual([2, 4, 6, 8]);
  });
  it('ignores missing values and merges tied classes', () => {
    expect(quantileBreaks([0, 0, 0, 0, 1, null, Number.NaN], 5)).toEqual([0]);
    expect(quantileBreaks([7, 7, 7], 5)).toEqual([]);
    expect(quantileBreaks([], 5)).toEqual([]);
  });
});

describe('jenksBreaks', () => {
  it('finds obvious natural groups', () => {
    expect(jenksBreaks([1, 2, 3, 10, 11, 12, 20, 21, 22, 50], 4)).toEqual([3, 12, 22]);
    expect(jenksBreaks([0.9, 0.1, 0.12, 0.5, 0.52, 0.11, 0.88, 0.49], 3)).toEqual([0.12, 0.52]);
  });
  it('gives every distinct value its class when there are few', () => {
    expect(jenksBreaks([5, 1, 5, 3, 1], 5)).toEqual([1, 3]);
  });
  it('is optimal: no other 5-way cut has a smaller within-class deviation', () => {
    // A fixed pseudo-random sample (LCG) so the test is deterministic.
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let checked = 0;
    for (let trial = 0; trial < 20; trial++) {
      const xs = Array.from({ length: 10 }, () => Math.round(rnd() * 1000) / 10).sort((a, b) => a - b);
      if (new Set(xs).size < 10) continue;
      const breaks = jenksBreaks(xs, 5);
      expect(breaks).toHaveLength(4);
      expect(ssdOf(xs, breaks)).toBeCloseTo(bruteBest(xs, 5), 9);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });
});

describe('classIndex and legends', () => {
  it('treats breaks as inclusive upper bounds', () => {
    const b = [2, 4, 6, 8];
    expect([1, 2, 2.5, 4, 8, 8.01, 100].map((v) => classIndex(v, b))).toEqual([0, 0, 1, 1, 3, 4, 4]);
    expect(classIndex(null, b)).toBe(-1);
    expect(classIndex(Number.NaN, b)).toBe(-1);
  });
  it('counts regions per class, with a no-data class', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, null, undefined];
    const legend = buildLegend(values, 'quantile', RAMPS.YlOrRd);
    expect(legend.classes.map((c) => [c.min, c.max, c.count])).toEqual([
      [1, 2, 2],
      [3, 4, 2],
      [5, 6, 2],
      [7, 8, 2],
      [9, 10, 2],
    ]);
    expect(legend.classes.map((c) => c.color)).toEqual([...RAMPS.YlOrRd.colors]);
    expect(legend.noData).toEqual({ color: NO_DATA_COLOR, count: 2, label: 'tidak ada data' });
    expect(colorFor(legend, 9.5)).toBe('#bd0026');
    expect(colorFor(legend, 1)).toBe('#ffffb2');
    expect(colorFor(legend, null)).toBe(NO_DATA_COLOR);
  });
  it('spreads the ramp over fewer classes and keeps every class non-empty', () => {
    expect(rampColors(RAMPS.Blues, 2)).toEqual(['#eff3ff', '#08519c']);
    expect(rampColors(RAMPS.Blues, 3)).toEqual(['#eff3ff', '#6baed6', '#08519c']);
    const legend = buildLegend([0, 0, 0, 0, 0, 0, 3], 'jenks', RAMPS.Blues);
    expect(legend.classes.map((c) => [c.min, c.max, c.count, c.color])).toEqual([
      [0, 0, 6, '#eff3ff'],
      [3, 3, 1, '#08519c'],
    ]);
    const empty = buildLegend([null, null], 'quantile', RAMPS.Blues);
    expect(empty.classes).toEqual([]);
    expect(empty.noData.count).toBe(2);
  });
  it('offers only distinct colours in every ramp', () => {
    for (const r of Object.values(RAMPS)) expect(new Set(r.colors).size).toBe(5);
  });
});
