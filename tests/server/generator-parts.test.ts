import { describe, expect, it } from 'vitest';
import { parseGenerateArgs } from '../../server/src/cli/generate';
import { UsageError } from '../../server/src/cli/usage';
import { gorontaloJpsLines } from '../../server/src/modules/generator/budget-facts';
import { dayOf, isoDate, nikDate, ymd } from '../../server/src/modules/generator/dates';
import { loadArea } from '../../server/src/modules/generator/areas';
import { Identities, corruptNik } from '../../server/src/modules/generator/identity';
import { nameVariant } from '../../server/src/modules/generator/name-variants';
import { Rng, apportion } from '../../server/src/modules/generator/rng';
import { validateNik, type NikIssue } from '../../server/src/modules/quality/nik';
import { normaliseName } from '../../server/src/modules/quality/names';

const area = loadArea('75');
const has = (c: string) => area.knownKecamatan.has(c);

describe('generator parts', () => {
  it('days ↔ dates without Date objects agree with the calendar', () => {
    for (const [y, m, d] of [[1970, 1, 1], [1925, 2, 28], [2000, 2, 29], [2020, 12, 31], [1900, 3, 1]] as const) {
      expect(ymd(dayOf(y, m, d))).toEqual({ y, m, d });
    }
    expect(isoDate(dayOf(2020, 10, 16))).toBe('2020-10-16');
    expect(nikDate(dayOf(1985, 4, 12), true)).toBe('520485');
  });

  it('serials count per kecamatan and DDMMYY, also across centuries (1920 and 2020 share a NIK prefix)', () => {
    const ids = new Identities();
    const a = ids.nik('750101', dayOf(1920, 5, 1), false);
    const b = ids.nik('750101', dayOf(2020, 5, 1), false);
    const c = ids.nik('750101', dayOf(2020, 5, 1), true);
    expect([a, b, c]).toEqual(['7501010105200001', '7501010105200002', '7501014105200001']);
    expect(ids.kk('750101', dayOf(2015, 3, 2))).toBe('7501010203150001');
  });

  it('each corrupted NIK fails validation for exactly the planted reason', () => {
    const rng = new Rng(7, 1);
    const ids = new Identities();
    for (let i = 0; i < 400; i++) {
      const female = rng.chance(0.5);
      const nik = ids.nik(rng.pick(area.kabs[rng.int(6)]!.kecamatan), dayOf(1940, 1, 1) + rng.int(29000), female);
      expect(validateNik(nik, has)).toEqual({ valid: true });
      for (const reason of ['EMPTY', 'NOT_16_DIGITS', 'UNKNOWN_REGION', 'BAD_DATE', 'SERIAL_ZERO'] as NikIssue[]) {
        const bad = corruptNik(rng, nik, reason, area.knownKecamatan, female);
        expect(validateNik(bad, has), `${reason} ${bad}`).toEqual({ valid: false, reason });
      }
    }
  });

  it('a name variant always differs from the name and keeps most of it', () => {
    const rng = new Rng(3, 2);
    const names = ['MUHAMMAD RIZAL PAKAYA', 'NURHAYATI HASAN', 'SOEPARMAN', 'DJAFAR KATILI', 'SITI AMINAH', 'ABDUL RAHMAN GOBEL', 'YASIN'];
    for (let i = 0; i < 300; i++) {
      const name = names[i % names.length]!;
      const v = nameVariant(rng, name, name.startsWith('SITI') || name.startsWith('NUR')).name;
      expect(v).not.toBe(name);
      expect(v.length).toBeGreaterThan(name.length / 2);
    }
    // the classic spelling families normalise to the same name
    expect(normaliseName('MOH. RIZAL PAKAYA')).toBe(normaliseName('MUHAMMAD RIZAL PAKAYA'));
    expect(normaliseName('NOERHAYATI HASAN')).toBe(normaliseName('NURHAYATI HASAN'));
  });

  it('apportion splits exactly, proportionally', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(85_600, [3, 1]).reduce((s, n) => s + n, 0)).toBe(85_600);
  });

  it('JPS-PROV lines: stage III outstanding only in Pohuwato, Bone Bolango, Gorontalo Utara', () => {
    const lines = gorontaloJpsLines(area.kabs);
    expect(lines).toHaveLength(18);
    for (const l of lines) {
      expect(l.pagu % 200_000).toBe(0);
      expect(l.realisasi % 200_000).toBe(0);
      expect(l.realisasi).toBeLessThanOrEqual(l.pagu);
      if (l.stage === 3 && !['75.03', '75.04', '75.05'].includes(l.kab)) expect(l.realisasi).toBe(l.pagu);
    }
  });

  it('CLI arguments: required values, rates 0–1, focus areas only', () => {
    const ok = parseGenerateArgs(['--households', '1000', '--seed', 's', '--out', '/tmp/x', '--province=35', '--invalid-nik-rate', '0.05']);
    expect(ok).toMatchObject({ households: 1000, seed: 's', province: '35.25', invalidNikRate: 0.05 });
    expect(parseGenerateArgs(['--households', '350_000', '--out', 'd']).households).toBe(350_000);
    for (const bad of [
      ['--out', 'd'],
      ['--households', '10'],
      ['--households', 'ten', '--out', 'd'],
      ['--households', '10', '--out', 'd', '--province', '12'],
      ['--households', '10', '--out', 'd', '--fuzzy-dup-rate', '2'],
      ['--households', '10', '--out', 'd', '--bogus'],
      ['--households', '--out', 'd'],
    ]) {
      expect(() => parseGenerateArgs(bad), bad.join(' ')).toThrow(UsageError);
    }
  });
});
