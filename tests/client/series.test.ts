import { describe, expect, it } from 'vitest';
import {
  budgetBars,
  budgetTotals,
  dtksSplit,
  monthLabel,
  monthlySeries,
  programMix,
  shortRegionName,
  stageSeries,
  sumCoverage,
  sumStages,
} from '../../client/src/features/region/region-series';
import { budgetYearsWindow, pickDefaultYear } from '../../client/src/features/map/years';
import { buildChoropleth } from '../../client/src/features/map/choropleth';
import { joinFigures, layerById } from '../../client/src/features/map/layers';

const stage = (s: number | null, allocated: number, disbursed: number) => ({
  stage: s,
  allocated,
  disbursed,
  outstanding: allocated - disbursed,
  realisationRate: allocated ? disbursed / allocated : 0,
});

describe('budget series', () => {
  it('orders stages with the whole-year lines last', () => {
    const s = stageSeries([stage(null, 5, 5), stage(3, 10, 4), stage(1, 10, 10)]);
    expect(s.map((x) => x.label)).toEqual(['Tahap 1', 'Tahap 3', 'Setahun']);
    expect(s[1].outstanding).toBe(6);
  });
  it('sums stages of several provinces', () => {
    const s = sumStages([[stage(1, 10, 5), stage(2, 4, 4)], [stage(1, 30, 25)]]);
    expect(s).toEqual([
      { stage: 1, allocated: 40, disbursed: 30, outstanding: 10, realisationRate: 0.75 },
      { stage: 2, allocated: 4, disbursed: 4, outstanding: 0, realisationRate: 1 },
    ]);
  });
  it('totals budget rows and reproduces the rakorev headline', () => {
    const t = budgetTotals([
      { allocated: 10_000_000_000, disbursed: 9_000_000_000 },
      { allocated: 7_120_000_000, disbursed: 6_470_000_000 },
    ]);
    expect(t.allocated).toBe(17_120_000_000);
    expect(t.disbursed).toBe(15_470_000_000);
    expect(t.outstanding).toBe(1_650_000_000);
    expect(t.realisationRate).toBeCloseTo(0.9036, 4);
    expect(budgetTotals([]).realisationRate).toBe(0);
  });
  it('flags the kab/kota with the largest outstanding amounts, in code order', () => {
    const row = (code: string, name: string, allocated: number, disbursed: number) => ({
      region: { code, name },
      allocated,
      disbursed,
      outstanding: allocated - disbursed,
      realisationRate: disbursed / allocated,
    });
    const bars = budgetBars(
      [
        row('75.04', 'Kabupaten Pohuwato', 100, 40),
        row('75.01', 'Kabupaten Gorontalo', 100, 100),
        row('75.03', 'Kabupaten Bone Bolango', 100, 70),
        row('75.05', 'Kabupaten Gorontalo Utara', 100, 50),
        row('75.71', 'Kota Gorontalo', 100, 90),
      ],
      3,
    );
    expect(bars.map((b) => [b.code, b.name, b.highlight])).toEqual([
      ['75.01', 'Kab. Gorontalo', false],
      ['75.03', 'Kab. Bone Bolango', true],
      ['75.04', 'Kab. Pohuwato', true],
      ['75.05', 'Kab. Gorontalo Utara', true],
      ['75.71', 'Kota Gorontalo', false],
    ]);
  });
  it('shortens region names', () => {
    expect(shortRegionName('Kabupaten Gorontalo Utara')).toBe('Kab. Gorontalo Utara');
    expect(shortRegionName('Kota Gorontalo')).toBe('Kota Gorontalo');
    expect(shortRegionName('Kecamatan Limboto')).toBe('Kec. Limboto');
  });
});

describe('payment series', () => {
  const points = [
    { program: 'PKH', month: '2020-03', amount: 300, recipientRows: 2 },
    { program: 'BPNT', month: '2020-03', amount: 100, recipientRows: 1 },
    { program: 'PKH', month: '2020-01', amount: 200, recipientRows: 1 },
    { program: 'BPNT', month: null, amount: 400, recipientRows: 4 },
  ];
  it('mixes programs by amount with shares', () => {
    // Equal amounts: by program code.
    expect(programMix(points)).toEqual([
      { program: 'BPNT', amount: 500, rows: 5, share: 0.5 },
      { program: 'PKH', amount: 500, rows: 3, share: 0.5 },
    ]);
    expect(programMix(points.slice(0, 3)).map((p) => [p.program, p.share])).toEqual([
      ['PKH', 5 / 6],
      ['BPNT', 1 / 6],
    ]);
    expect(programMix([])).toEqual([]);
  });
  it('builds a monthly running total, undated rows last', () => {
    const s = monthlySeries(points, 2000);
    expect(s.map((m) => [m.label, m.amount, m.cumulative, m.realisation])).toEqual([
      ['Jan 2020', 200, 200, 0.1],
      ['Mar 2020', 400, 600, 0.3],
      ['Tanpa tanggal', 400, 1000, 0.5],
    ]);
    expect(s[1].byProgram).toEqual({ PKH: 300, BPNT: 100 });
    expect(monthlySeries(points)[0].realisation).toBeNull();
    expect(monthLabel('2020-08')).toBe('Agu 2020');
  });
});

describe('coverage sums', () => {
  it('adds coverage rows and splits DTKS households', () => {
    const a = {
      households: 10,
      dtksHouseholds: 6,
      aidedHouseholds: 5,
      stackedHouseholds: 1,
      unaidedDtksHouseholds: 2,
      aidedNonDtksHouseholds: 1,
      aidAmount: 100,
    };
    const sum = sumCoverage([a, { ...a, households: 5, unaidedDtksHouseholds: 4 }]);
    expect(sum).toEqual({
      households: 15,
      dtksHouseholds: 12,
      aidedHouseholds: 10,
      stackedHouseholds: 2,
      unaidedDtksHouseholds: 6,
      aidedNonDtksHouseholds: 2,
      aidAmount: 200,
    });
    expect(dtksSplit(sum).map((d) => d.value)).toEqual([6, 6, 2]);
  });
});

describe('choropleth of a view', () => {
  it('paints every region in its legend class colour, no-data grey', () => {
    const regions = ['a', 'b', 'c', 'd', 'e', 'f'].map((c) => ({ code: c, name: c }));
    const cov = (code: string, dtks: number, unaided: number) => ({
      region: { code },
      households: dtks ? dtks + 1 : 0,
      dtksHouseholds: dtks,
      aidedHouseholds: 0,
      stackedHouseholds: 0,
      unaidedDtksHouseholds: unaided,
      aidedNonDtksHouseholds: 0,
      aidAmount: 0,
    });
    const figures = joinFigures(regions, [cov('a', 10, 1), cov('b', 10, 2), cov('c', 10, 3), cov('d', 10, 4), cov('e', 10, 9)]);
    const c = buildChoropleth(figures, layerById('gap-rate'), 'quantile');
    expect(c.legend.classes).toHaveLength(5);
    expect(c.fills.get('a')).toBe('#ffffb2');
    expect(c.fills.get('e')).toBe('#bd0026');
    expect(c.fills.get('f')).toBe('#d9d9d9');
    expect(c.values.get('f')).toBeNull();
    expect(c.legend.noData.count).toBe(1);
  });
});

describe('default budget year', () => {
  it('probes this year and the seven before it', () => {
    expect(budgetYearsWindow(2026)).toEqual({ y0: 2026, y1: 2025, y2: 2024, y3: 2023, y4: 2022, y5: 2021, y6: 2020, y7: 2019 });
  });
  it('takes the latest year with an allocation, else a snapshot year, else now', () => {
    const empty = { y0: [], y1: [], y2: [], y3: [], y4: [], y5: [], y6: [], y7: [] };
    expect(pickDefaultYear(2026, { ...empty, y6: [{ allocated: 5 }], y7: [{ allocated: 1 }] })).toBe(2020);
    expect(pickDefaultYear(2026, { ...empty, y1: [{ allocated: 0 }], rakorevSnapshots: [{ year: 2019 }, { year: 2018 }] })).toBe(2019);
    expect(pickDefaultYear(2026, empty)).toBe(2026);
    expect(pickDefaultYear(2026, null)).toBe(2026);
  });
});
