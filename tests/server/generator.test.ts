import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArea } from '../../server/src/modules/generator/areas';
import { DEFAULT_RATES, generateDataSet, type GenerateOptions } from '../../server/src/modules/generator/generate';
import type { Truth } from '../../server/src/modules/generator/truth';
import { validateNik, type NikIssue } from '../../server/src/modules/quality/nik';
import { readOracle, type Oracle } from './generator-oracle';

const area = loadArea('75');
const known = area.knownKecamatan;
const has = (c: string) => known.has(c);
const made: string[] = [];
const tmp = (name: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gen-${name}-`));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const FILES = ['programs.csv', 'households.csv', 'recipients.csv', 'civil-events.csv', 'budgets.csv', 'truth.json'];
const hashDir = (dir: string) => FILES.map((f) => crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex')).join(',');

async function gen(name: string, o: Partial<GenerateOptions>): Promise<{ dir: string; truth: Truth }> {
  const dir = tmp(name);
  const truth = await generateDataSet({ ...DEFAULT_RATES, households: 2500, seed: 'uji', out: dir, province: '75', ...o });
  return { dir, truth };
}

let a: { dir: string; truth: Truth };
let o: Oracle;

beforeAll(async () => {
  a = await gen('a', {});
  o = readOracle(a.dir, known);
}, 60_000);

describe('generator: determinism', () => {
  it('the same seed gives byte-identical files; another seed different ones', async () => {
    const again = await gen('a2', {});
    expect(hashDir(again.dir)).toBe(hashDir(a.dir));
    const other = await gen('b', { seed: 'uji-lain' });
    const ha = hashDir(a.dir).split(',');
    const hb = hashDir(other.dir).split(',');
    expect(hb[0]).toBe(ha[0]); // programs.csv is the catalogue
    for (const i of [1, 2, 3, 4, 5]) expect(hb[i]).not.toBe(ha[i]);
  }, 30_000);
});

describe('generator: regions and people', () => {
  it('spreads households over kab/kota by Dukcapil 2024 population, about 3.6 persons each', () => {
    const total = area.kabs.reduce((s, k) => s + k.population, 0);
    for (const k of area.kabs) {
      const got = a.truth.byKab[k.code]!.households;
      expect(Math.abs(got - (2500 * k.population) / total)).toBeLessThanOrEqual(1);
      expect(o.byKab[k.code]!.households).toBe(got);
    }
    expect(a.truth.households).toBe(2500);
    expect(a.truth.persons / a.truth.households).toBeGreaterThan(3.4);
    expect(a.truth.persons / a.truth.households).toBeLessThan(3.8);
    const desa = new Set(o.households.map((r) => r.kode_desa));
    const areaDesa = new Set(area.desa.map((d) => d.code10));
    for (const d of desa) expect(areaDesa.has(d!)).toBe(true);
    expect(desa.size).toBeGreaterThan(400); // 2,500 households reach most of the 729 desa
  });

  it('DTKS membership and aid follow poverty: Kota Gorontalo (P0 5.7%) below every kabupaten (P0 ≥ 14.8%)', () => {
    const share = (code: string, f: 'dtksHouseholds' | 'aidedHouseholds') => a.truth.byKab[code]![f] / a.truth.byKab[code]!.households;
    for (const k of ['75.01', '75.02', '75.03', '75.04', '75.05']) {
      expect(share('75.71', 'dtksHouseholds')).toBeLessThan(share(k, 'dtksHouseholds'));
      expect(share('75.71', 'aidedHouseholds')).toBeLessThan(share(k, 'aidedHouseholds'));
    }
    // welfare deciles: DTKS families sit in the lower ones
    const heads = o.households.filter((r) => r.hubungan === 'KEPALA KELUARGA' && r.desil);
    const meanDesil = (flag: string) => {
      const xs = heads.filter((r) => r.dtks === flag).map((r) => Number(r.desil));
      return xs.reduce((t, x) => t + x, 0) / xs.length;
    };
    expect(meanDesil('Y') + 2).toBeLessThan(meanDesil('N'));
    expect(new Set(heads.map((r) => r.desil))).toEqual(new Set(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']));
    const dtks = a.truth.counts.dtksHouseholds / a.truth.households;
    expect(dtks).toBeGreaterThan(0.25);
    expect(dtks).toBeLessThan(0.5);
  });

  it('KK: one head, one desa, one DTKS status, and a valid No. KK', () => {
    const kk = new Map<string, Record<string, string>[]>();
    for (const r of o.households) (kk.get(r.no_kk!) ?? kk.set(r.no_kk!, []).get(r.no_kk!)!).push(r);
    expect(kk.size).toBe(2500);
    for (const [no, rows] of kk) {
      expect(validateNik(no, has)).toEqual({ valid: true });
      expect(rows.filter((r) => r.hubungan === 'KEPALA KELUARGA')).toHaveLength(1);
      expect(rows[0]!.hubungan).toBe('KEPALA KELUARGA');
      expect(new Set(rows.map((r) => `${r.kode_desa}|${r.dtks}|${r.desil}`)).size).toBe(1);
      expect(no.slice(0, 4)).toBe(rows[0]!.kode_desa!.slice(0, 4)); // issued in the home kab/kota
    }
  });

  it('NIK: unique, kecamatan + birth date (women day + 40) + serial, mostly registered in the home kecamatan', () => {
    const plantedRoster = new Map(a.truth.invalidNik.filter((x) => x.roster).map((x) => [x.nik, x.reason]));
    expect(plantedRoster.size).toBe(a.truth.counts.invalidNikRosterPersons);
    let home = 0;
    for (const r of o.households) {
      const check = validateNik(r.nik, has);
      if (plantedRoster.has(r.nik!)) {
        expect(check).toEqual({ valid: false, reason: plantedRoster.get(r.nik!) });
        continue;
      }
      expect(check, r.nik).toEqual({ valid: true });
      const [y, m, d] = r.tanggal_lahir!.split('-').map(Number) as [number, number, number];
      const day = r.jenis_kelamin === 'P' ? d + 40 : d;
      expect(r.nik!.slice(6, 12)).toBe(`${String(day).padStart(2, '0')}${String(m).padStart(2, '0')}${String(y % 100).padStart(2, '0')}`);
      expect(r.nik!.slice(12)).not.toBe('0000');
      if (r.nik!.slice(0, 6) === r.kode_desa!.slice(0, 6)) home++;
    }
    expect(home / o.households.length).toBeGreaterThan(0.8);
    expect(new Set(o.households.map((r) => r.nik)).size).toBe(o.households.length);
  });

  it('names look Indonesian and local: Gorontalo family names passed from father to child', () => {
    const names = o.households.map((r) => r.nama!);
    expect(names.every((n) => /^[A-Z][A-Z .,']+$/.test(n))).toBe(true);
    const local = ['PAKAYA', 'HASAN', 'MOHAMAD', 'GOBEL', 'KATILI', 'DAUD', 'PANIGORO', 'ISMAIL'];
    expect(names.filter((n) => local.some((s) => n.endsWith(` ${s}`))).length / names.length).toBeGreaterThan(0.1);
    // a child of a male head carries the head's family name when the head has one
    let checked = 0;
    let same = 0;
    const byKk = new Map<string, Record<string, string>[]>();
    for (const r of o.households) (byKk.get(r.no_kk!) ?? byKk.set(r.no_kk!, []).get(r.no_kk!)!).push(r);
    for (const rows of byKk.values()) {
      const head = rows[0]!;
      if (head.jenis_kelamin !== 'L' || head.nama!.split(' ').length < 2 || a.truth.fuzzyDuplicates.some(([, b]) => b === head.nik)) continue;
      const surname = head.nama!.split(' ').at(-1)!;
      for (const c of rows.filter((r) => r.hubungan === 'ANAK')) {
        checked++;
        if (c.nama!.endsWith(` ${surname}`) || c.nama === surname) same++;
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(same / checked).toBeGreaterThan(0.75); // the rest: heads without a family name (their last word is a given name)
  });
});

describe('generator: programs and payments', () => {
  it('BLT-DD is paid only in desa (4th segment 2…), never in a kelurahan, also in the budget lines', () => {
    const blt = o.recipients.filter((r) => r.program === 'BLT-DD');
    expect(blt.length).toBeGreaterThan(100);
    for (const r of blt) expect(r.kode_desa![6]).toBe('2');
    for (const b of o.budgets.filter((x) => x.program === 'BLT-DD')) expect(b.kode_wilayah!.replace(/\./g, '')[6]).toBe('2');
  });

  it('every program appears, PKH reaches families with children or elderly, dates lie in 2020 by stage', () => {
    const programs = new Set(o.recipients.map((r) => r.program));
    expect([...programs].sort()).toEqual(['BLT-DD', 'BPNT', 'BST', 'JPS-KAB', 'JPS-PROV', 'PKH', 'SEMBAKO-COVID']);
    for (const r of o.recipients) {
      expect(r.tahun).toBe('2020');
      if (r.tanggal_salur) expect(r.tanggal_salur.startsWith('2020-')).toBe(true);
      if (r.program === 'JPS-PROV' && r.tahap === '3' && r.tanggal_salur) expect(r.tanggal_salur < '2020-10-16').toBe(true);
      if (r.program === 'BST') expect(Number(r.nominal)).toBe(Number(r.tahap) <= 3 ? 600000 : 300000);
    }
    const byKk = new Map<string, Record<string, string>[]>();
    for (const r of o.households) (byKk.get(r.no_kk!) ?? byKk.set(r.no_kk!, []).get(r.no_kk!)!).push(r);
    const pkhFamilies = new Set(o.recipients.filter((r) => r.program === 'PKH' && r.no_kk).map((r) => r.no_kk!));
    expect(pkhFamilies.size).toBeGreaterThan(50);
    // the other PKH components (pregnancy, disability) are not in the roster: allow a few families without child or elderly
    let without = 0;
    for (const kk of pkhFamilies) {
      const ages = byKk.get(kk)!.map((r) => 2020 - Number(r.tanggal_lahir!.slice(0, 4)));
      if (!ages.some((x) => x <= 19 || x >= 69)) without++;
    }
    expect(without / pkhFamilies.size).toBeLessThan(0.1);
  });

  it('Gorontalo JPS-PROV 2020 budget reproduces the rakorev figures exactly', () => {
    const jps = o.budgets.filter((b) => b.program === 'JPS-PROV' && b.tahun === '2020');
    expect(jps).toHaveLength(18);
    const sum = (rows: typeof jps, f: (b: Record<string, string>) => number) => rows.reduce((s, b) => s + f(b), 0);
    expect(sum(jps, (b) => Number(b.pagu))).toBe(17_120_000_000);
    expect(sum(jps, (b) => Number(b.realisasi))).toBe(15_470_000_000);
    const outstanding3 = jps.filter((b) => b.tahap === '3' && Number(b.pagu) !== Number(b.realisasi));
    expect(outstanding3.map((b) => b.kode_wilayah).sort()).toEqual(['75.03', '75.04', '75.05']);
    expect(sum(outstanding3, (b) => Number(b.pagu) - Number(b.realisasi))).toBe(1_640_000_000);
    const rp = (x: number) => `Rp${(x / 1e9).toLocaleString('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} miliar`;
    expect(rp(sum(jps, (b) => Number(b.pagu)))).toBe('Rp17,12 miliar');
    expect(rp(sum(jps, (b) => Number(b.realisasi)))).toBe('Rp15,47 miliar');
    expect(rp(sum(outstanding3, (b) => Number(b.pagu) - Number(b.realisasi)))).toBe('Rp1,64 miliar');
    // what is left over elsewhere is tiny: Rp10 million in stages I–II
    expect(sum(jps.filter((b) => b.tahap !== '3'), (b) => Number(b.pagu) - Number(b.realisasi))).toBe(10_000_000);
    expect(a.truth.budgetFacts!.inFile).toMatchObject({ allocated: 17_120_000_000, disbursed: 15_470_000_000, stageIIIOutstanding: 1_640_000_000 });
  });

  it('other programs get budgets per kab/kota and stage with realisation equal to what was paid', () => {
    const paid = new Map<string, number>();
    for (const r of o.recipients) {
      if (r.program === 'JPS-PROV' || r.program === 'BLT-DD') continue;
      const key = `${r.program}|${r.kode_desa!.slice(0, 2)}.${r.kode_desa!.slice(2, 4)}|${r.tahap}`;
      paid.set(key, (paid.get(key) ?? 0) + Number(r.nominal));
    }
    const lines = o.budgets.filter((b) => b.program !== 'JPS-PROV' && b.program !== 'BLT-DD');
    expect(lines.length).toBe(paid.size);
    for (const b of lines) {
      expect(Number(b.realisasi)).toBe(paid.get(`${b.program}|${b.kode_wilayah}|${b.tahap}`));
      expect(Number(b.pagu)).toBeGreaterThanOrEqual(Number(b.realisasi));
      expect(Number(b.realisasi) / Number(b.pagu)).toBeGreaterThan(0.8);
    }
  });
});

describe('generator: planted faults', () => {
  it('the contract figures recomputed from the files equal truth.json', () => {
    const c = a.truth.counts;
    expect(o.counts).toEqual({
      households: c.households,
      persons: c.persons,
      dtksHouseholds: c.dtksHouseholds,
      aidedHouseholds: c.aidedHouseholds,
      stackedHouseholds: c.stackedHouseholds,
      unaidedDtksHouseholds: c.unaidedDtksHouseholds,
      aidedNonDtksHouseholds: c.aidedNonDtksHouseholds,
      paymentRows: c.paymentRows,
      aidAmount: c.aidAmount,
      invalidNikRows: c.invalidNikRows,
      unmatchedRows: c.unmatchedRows,
      duplicatePayments: c.duplicatePayments,
      deceasedRows: c.deceasedRows,
      movedRows: c.movedRows,
    });
    for (const [kab, k] of Object.entries(o.byKab)) expect(k).toEqual({ households: a.truth.byKab[kab]!.households, dtksHouseholds: a.truth.byKab[kab]!.dtksHouseholds, aidedHouseholds: a.truth.byKab[kab]!.aidedHouseholds, aidAmount: a.truth.byKab[kab]!.aidAmount });
    // every kind of fault is there
    for (const n of [c.invalidNikRows, c.unmatchedRows, c.duplicatePayments, c.deceasedRows, c.movedRows, c.fuzzyDuplicatePairs, c.aidedNonDtksHouseholds, c.unaidedDtksHouseholds]) {
      expect(n).toBeGreaterThan(0);
    }
  });

  it('invalid NIKs of every kind, each failing for exactly its planted reason', () => {
    const planted = new Map<string, NikIssue>();
    for (const x of a.truth.invalidNik) if (x.nik) planted.set(x.nik, x.reason);
    const byReason: Record<string, number> = {};
    for (const r of o.recipients) {
      const check = validateNik(r.nik, has);
      if (check.valid) {
        expect(planted.has(r.nik!)).toBe(false);
        continue;
      }
      byReason[check.reason] = (byReason[check.reason] ?? 0) + 1;
      if (check.reason === 'EMPTY') expect(r.no_kk).toMatch(/^\d{16}$/);
      else expect(planted.get(r.nik!)).toBe(check.reason);
    }
    expect(byReason).toEqual(a.truth.counts.invalidNikByReason);
    for (const reason of ['EMPTY', 'NOT_16_DIGITS', 'UNKNOWN_REGION', 'BAD_DATE', 'SERIAL_ZERO']) expect(byReason[reason]).toBeGreaterThan(0);
    expect(a.truth.invalidNik.reduce((s, x) => s + x.rows, 0)).toBeLessThanOrEqual(a.truth.counts.invalidNikRows); // + their duplicates
  });

  it('lists behind the counts: deceased, moved and unmatched rows add up', () => {
    const t = a.truth;
    expect(t.deceased.reduce((s, x) => s + x.rowsAfter, 0)).toBe(t.counts.deceasedRows);
    expect(t.moved.reduce((s, x) => s + x.rowsAfter, 0)).toBe(t.counts.movedRows);
    expect(t.unmatched.reduce((s, x) => s + x.rows, 0)).toBe(t.counts.unmatchedRows);
    expect(t.duplicatePayments).toBe(t.counts.duplicatePayments);
    for (const m of t.moved) expect(m.to.slice(0, 5)).not.toBe(o.roster.get(m.nik)!.kode_desa!.replace(/^(\d\d)(\d\d).*/, '$1.$2'));
    for (const x of t.deceased) expect(x.rowsAfter).toBeGreaterThan(0);
  });

  it('second registrations: two roster persons, other NIK, name variant, same birth date and sex, both paid, mostly nearby', () => {
    const pairs = a.truth.fuzzyDuplicates;
    expect(pairs.length).toBe(a.truth.counts.fuzzyDuplicatePairs);
    expect(pairs.length).toBeGreaterThan(5);
    let near = 0;
    let sameDesa = 0;
    for (const [x, y] of pairs) {
      const p = o.roster.get(x)!;
      const q = o.roster.get(y)!;
      expect(x).not.toBe(y);
      expect(q.nama).not.toBe(p.nama);
      expect(q.tanggal_lahir).toBe(p.tanggal_lahir);
      expect(q.jenis_kelamin).toBe(p.jenis_kelamin);
      expect(o.personsWithRows.has(x) && o.personsWithRows.has(y)).toBe(true);
      if (p.kode_desa!.slice(0, 6) === q.kode_desa!.slice(0, 6)) near++;
      if (p.kode_desa === q.kode_desa) sameDesa++;
    }
    // with ~3 households per desa at this size fewer land in the same desa than at full scale (75%)
    expect(near / pairs.length).toBeGreaterThan(0.5);
    expect(sameDesa).toBe(a.truth.counts.fuzzyDuplicatesSameDesa);
    expect(near - sameDesa).toBe(a.truth.counts.fuzzyDuplicatesSameKecamatan);
  });

  it('fault rates are options: zero rates plant nothing', async () => {
    const z = await gen('zero', { households: 800, invalidNikRate: 0, unmatchedRate: 0, duplicatePaymentRate: 0, deceasedRate: 0, movedRate: 0, fuzzyDupRate: 0 });
    const c = z.truth.counts;
    expect([c.invalidNikRows, c.unmatchedRows, c.duplicatePayments, c.deceasedRows, c.movedRows, c.fuzzyDuplicatePairs]).toEqual([0, 0, 0, 0, 0, 0]);
    const zo = readOracle(z.dir, known);
    expect(zo.counts.invalidNikRows + zo.counts.duplicatePayments + zo.counts.deceasedRows + zo.counts.unmatchedRows).toBe(0);
  });
});

describe('generator: other areas', () => {
  it('--province 33 is Kab. Purworejo with Javanese names and no Gorontalo budget facts', async () => {
    const p = await gen('purworejo', { households: 600, province: '33.06' });
    const po = readOracle(p.dir, known);
    expect(po.households.every((r) => r.kode_desa!.startsWith('3306'))).toBe(true);
    expect(po.households.some((r) => / (PAKAYA|KATILI|GOBEL)$/.test(r.nama!))).toBe(false);
    expect(p.truth.budgetFacts).toBeNull();
    expect(po.counts.invalidNikRows).toBe(p.truth.counts.invalidNikRows);
    for (const e of po.events.filter((x) => x.peristiwa === 'PINDAH')) expect(e.kode_desa_tujuan).toMatch(/^\d{10}$/);
  });

  it('a single Gorontalo kab/kota carries its own share of the JPS-PROV lines', async () => {
    const k = await gen('pohuwato', { households: 500, province: '75.04' });
    const jps = readOracle(k.dir, known).budgets.filter((b) => b.program === 'JPS-PROV');
    expect(jps.map((b) => `${b.kode_wilayah} ${b.tahap}`)).toEqual(['75.04 1', '75.04 2', '75.04 3']);
    const full = o.budgets.filter((b) => b.program === 'JPS-PROV' && b.kode_wilayah === '75.04');
    expect(jps).toEqual(full);
    expect(k.truth.budgetFacts!.scope).toBe('kab/kota 75.04 only');
  });
});
