import { describe, expect, it } from 'vitest';
import { joinFigures, layerById, LAYERS, worstRegions, type CoverageFigures } from '../../client/src/features/map/layers';

const cov = (code: string, c: Partial<CoverageFigures>) => ({
  region: { code },
  households: 0,
  dtksHouseholds: 0,
  aidedHouseholds: 0,
  stackedHouseholds: 0,
  unaidedDtksHouseholds: 0,
  aidedNonDtksHouseholds: 0,
  aidAmount: 0,
  ...c,
});

const regions = [
  { code: '75.01', name: 'Kab. Gorontalo' },
  { code: '75.02', name: 'Kab. Boalemo' },
  { code: '75.03', name: 'Kab. Bone Bolango' },
  { code: '75.71', name: 'Kota Gorontalo' },
];

describe('joining rows and reading layers', () => {
  const figures = joinFigures(
    regions,
    [
      cov('75.01', { households: 100, dtksHouseholds: 40, unaidedDtksHouseholds: 10, stackedHouseholds: 7 }),
      cov('75.02', { households: 50, dtksHouseholds: 20, unaidedDtksHouseholds: 15, stackedHouseholds: 2 }),
      cov('75.03', { households: 30, dtksHouseholds: 0, unaidedDtksHouseholds: 0 }),
      cov('99.99', { households: 1 }), // not in the view: ignored
    ],
    [],
    [
      { region: { code: '75.01' }, allocated: 1000, disbursed: 900, outstanding: 100, realisationRate: 0.9 },
      { region: { code: '75.02' }, allocated: 0, disbursed: 0, outstanding: 0, realisationRate: 0 },
    ],
  );

  it('keeps every region of the view, with the figures it has', () => {
    expect([...figures.keys()]).toEqual(['75.01', '75.02', '75.03', '75.71']);
    expect(figures.get('75.71')).toEqual({ code: '75.71', name: 'Kota Gorontalo' });
    expect(figures.get('75.01')?.coverage?.households).toBe(100);
  });
  it('computes the gap rate from DTKS households, no data without DTKS or roster', () => {
    const gap = layerById('gap-rate');
    expect(gap.value(figures.get('75.01')!)).toBe(0.25);
    expect(gap.value(figures.get('75.02')!)).toBe(0.75);
    expect(gap.value(figures.get('75.03')!)).toBeNull();
    expect(gap.value(figures.get('75.71')!)).toBeNull();
    expect(gap.format(0.25)).toBe('25,0%');
    expect(layerById('gap-count').value(figures.get('75.03')!)).toBe(0);
    expect(layerById('gap-count').value(figures.get('75.71')!)).toBeNull();
  });
  it('reads budget layers only where something was allocated', () => {
    expect(layerById('budget-rate').value(figures.get('75.01')!)).toBe(0.9);
    expect(layerById('budget-rate').value(figures.get('75.02')!)).toBeNull();
    expect(layerById('budget-outstanding').format(1_640_000_000)).toBe('Rp1,64 miliar');
  });
  it('ranks the worst regions by the layer direction', () => {
    expect(worstRegions(figures.values(), layerById('gap-rate'), 5).map((w) => [w.figures.code, w.value])).toEqual([
      ['75.02', 0.75],
      ['75.01', 0.25],
    ]);
    expect(worstRegions(figures.values(), layerById('stacked'), 1).map((w) => w.figures.code)).toEqual(['75.01']);
  });
  it('has unique layer ids', () => {
    expect(new Set(LAYERS.map((l) => l.id)).size).toBe(LAYERS.length);
  });
});
