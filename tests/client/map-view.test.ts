import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, drillInto, drillUp, goTo, parseView, toAidFilter, viewToParams } from '../../client/src/features/map/view-state';
import { ancestry, childLevel, isInside, levelOfCode, parentCode, toleranceFor } from '../../client/src/features/map/regions';

const parse = (qs: string, home: string | null = null) => parseView(new URLSearchParams(qs), home);

describe('region codes', () => {
  it('knows levels, parents and ancestry', () => {
    expect(levelOfCode('75')).toBe('PROVINCE');
    expect(levelOfCode('75.01')).toBe('REGENCY');
    expect(levelOfCode('75.01.01')).toBe('DISTRICT');
    expect(levelOfCode('75.01.01.2001')).toBe('VILLAGE');
    expect(parentCode('75.01.01.2001')).toBe('75.01.01');
    expect(parentCode('75')).toBeNull();
    expect(ancestry('75.01.01')).toEqual(['75', '75.01', '75.01.01']);
    expect(childLevel('VILLAGE')).toBeNull();
    expect(isInside('75.01.01', '75.01')).toBe(true);
    expect(isInside('75.010', '75.01')).toBe(false);
    expect(isInside('75.01', null)).toBe(true);
  });
  it('simplifies less the deeper the view', () => {
    expect(toleranceFor('PROVINCE', null)).toBeGreaterThan(toleranceFor('REGENCY', null));
    expect(toleranceFor('VILLAGE', '75')).toBe(0.001);
    expect(toleranceFor('VILLAGE', '75.01')).toBe(0.0005);
    expect(toleranceFor('VILLAGE', '75.01.01')).toBeLessThan(toleranceFor('VILLAGE', '75'));
  });
});

describe('map view in the URL', () => {
  it('round-trips a full view', () => {
    const view = {
      level: 'VILLAGE' as const,
      within: '75.01',
      layer: 'stacked' as const,
      method: 'jenks' as const,
      filter: { programs: ['BPNT', 'PKH'], year: 2020, stage: 3 },
      selected: '75.01.01.2001',
    };
    const qs = viewToParams(view).toString();
    expect(qs).toBe('level=village&within=75.01&layer=stacked&classes=jenks&programs=BPNT%2CPKH&year=2020&stage=3&sel=75.01.01.2001');
    expect(parse(qs)).toEqual(view);
  });
  it('falls back to defaults for missing or invalid parts', () => {
    expect(parse('')).toEqual(DEFAULT_VIEW);
    const v = parse('level=galaxy&within=7x&layer=nope&classes=magic&year=abc&stage=99&sel=1');
    expect(v).toEqual(DEFAULT_VIEW);
  });
  it('shows the children of `within` by default and never a level above it', () => {
    expect(parse('within=75').level).toBe('REGENCY');
    expect(parse('within=75.01.01').level).toBe('VILLAGE');
    expect(parse('within=75.01&level=province').level).toBe('REGENCY');
    expect(parse('within=75&level=village').level).toBe('VILLAGE');
  });
  it('starts a user limited to a region in that region', () => {
    expect(parse('', '75.02')).toMatchObject({ within: '75.02', level: 'DISTRICT' });
    expect(parse('within=75.02.01', '75.02')).toMatchObject({ within: '75.02.01' });
    // Outside their region (or all of Indonesia): back to their region.
    expect(parse('within=75.01', '75.02')).toMatchObject({ within: '75.02', level: 'DISTRICT' });
    expect(parse('within=75', '75.02')).toMatchObject({ within: '75.02' });
  });
  it('normalises the program list', () => {
    expect(parse('programs=PKH,,BPNT,PKH').filter.programs).toEqual(['BPNT', 'PKH']);
    expect(toAidFilter({ programs: [], year: 2020, stage: null })).toEqual({ year: 2020 });
    expect(toAidFilter({ programs: ['PKH'], year: null, stage: 2 })).toEqual({ programs: ['PKH'], stage: 2 });
  });
});

describe('drilling', () => {
  const base = { ...DEFAULT_VIEW, layer: 'stacked' as const };
  it('goes province → kab/kota → kecamatan → desa and selects a desa', () => {
    const a = drillInto(base, '75');
    expect(a).toMatchObject({ within: '75', level: 'REGENCY', layer: 'stacked' });
    const b = drillInto(a, '75.01');
    expect(b).toMatchObject({ within: '75.01', level: 'DISTRICT' });
    const c = drillInto(b, '75.01.01');
    expect(c).toMatchObject({ within: '75.01.01', level: 'VILLAGE' });
    const d = drillInto(c, '75.01.01.2001');
    expect(d).toMatchObject({ within: '75.01.01', level: 'VILLAGE', selected: '75.01.01.2001' });
  });
  it('goes back up one level at a time and jumps to any ancestor', () => {
    const v = { ...base, within: '75.01.01', level: 'VILLAGE' as const, selected: '75.01.01.2001' };
    expect(drillUp(v)).toMatchObject({ within: '75.01', level: 'DISTRICT', selected: null });
    expect(drillUp(drillUp(drillUp(v)))).toMatchObject({ within: null, level: 'PROVINCE' });
    expect(drillUp(base)).toBe(base);
    expect(goTo(v, '75')).toMatchObject({ within: '75', level: 'REGENCY' });
    expect(goTo(v, null)).toMatchObject({ within: null, level: 'PROVINCE' });
  });
});
