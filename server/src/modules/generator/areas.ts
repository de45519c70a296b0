import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DATA_ROOT, FOCUS_AREAS, dot, readCodeList, undot } from '../regions/region-data';
import { hashString, hashUnit, normalQuantile } from './rng';

/**
 * The real geography a data set is generated for: kab/kota with their Dukcapil
 * 2024 population and BPS poverty rate, and every desa/kelurahan in them.
 * Only the focus areas are loaded down to desa level in the database, so only
 * they (or a kab/kota inside them) can be generated.
 */

export type Culture = 'gorontalo' | 'jawa' | 'kaltim';

export interface Desa {
  /** dotted, e.g. 75.01.01.2001 */
  code: string;
  /** undotted, 10 digits */
  code10: string;
  name: string;
  /** kecamatan, undotted 6 digits */
  kec6: string;
  /** index of its kab in Area.kabs */
  kab: number;
  /** kelurahan (4th segment starts with 1): urban, no Dana Desa, so no BLT-DD */
  kelurahan: boolean;
}

export interface Kab {
  code: string; // dotted
  code4: string;
  name: string;
  /** Dukcapil semester II 2024 */
  population: number;
  /** BPS poverty rate P0 as a ratio (Gorontalo: March 2024; elsewhere 2021) */
  p0: number;
  p0Source: string;
  /** Kecamatan codes (undotted) of this kab, in code order. */
  kecamatan: string[];
  /** Range of this kab's desa in Area.desa (desa are sorted by code, so a kab is contiguous). */
  desaFrom: number;
  desaTo: number;
}

export interface Area {
  /** the code asked for, dotted: 75, 75.04, 33.06 … */
  code: string;
  name: string;
  province: string; // 2 digits
  culture: Culture;
  kabs: Kab[];
  /** sorted by code */
  desa: Desa[];
  /** Desa/kelurahan of the other loaded kab/kota (destinations of moves out of the area's kab). */
  elsewhereDesa: string[];
  /** Every kecamatan code of Indonesia (undotted, sorted): first-registration regions of migrants. */
  allKecamatan: string[];
  knownKecamatan: Set<string>;
}

export class AreaError extends Error {}

/** `--province` shortcuts: a province outside Gorontalo means its mapped focus kab/kota. */
const PROVINCE_FOCUS: Record<string, string> = { '75': '75', '33': '33.06', '35': '35.25', '64': '64.72' };

function readStats(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(path.join(DATA_ROOT, 'stats', file), 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** Resolves `--province` (75, 33, 35, 64, or a kab/kota code inside a focus area, dotted or not). */
export function resolveAreaCode(option: string): string {
  const raw = option.trim();
  if (!/^[\d.]+$/.test(raw)) throw new AreaError(`--province: "${option}" is not a region code (e.g. 75, 33, 75.04).`);
  const code = dot(raw);
  const focus = PROVINCE_FOCUS[code] ?? code;
  const ok = FOCUS_AREAS.some((a) => focus === a.prefix || (focus.startsWith(a.prefix + '.') && focus.length === 5));
  if (!ok) {
    throw new AreaError(
      `--province: ${code} is not mapped down to desa level. Use 75 (Gorontalo), 33 (Kab. Purworejo), 35 (Kab. Gresik), 64 (Kota Samarinda) or a kab/kota of Gorontalo (75.01 … 75.71).`,
    );
  }
  return focus;
}

/** Gorontalo has BPS 2024 poverty per kab/kota; the national table is 2021. */
function povertyRates(): Map<string, { p0: number; source: string }> {
  const out = new Map<string, { p0: number; source: string }>();
  for (const r of readStats('p0_kabkota_2021_bps.csv')) out.set(r.kode!, { p0: Number(r.p0_persen) / 100, source: 'BPS 2021 (p0_kabkota_2021_bps.csv)' });
  for (const r of readStats('gorontalo_kalibrasi_kemiskinan_penduduk.csv')) {
    if (r.indikator === 'persentase_penduduk_miskin_P0' && r.periode === '2024-03' && r.kode!.length === 5) {
      out.set(r.kode!, { p0: Number(r.nilai) / 100, source: 'BPS Maret 2024 (gorontalo_kalibrasi_kemiskinan_penduduk.csv)' });
    }
  }
  return out;
}

export function loadArea(option: string): Area {
  const code = resolveAreaCode(option);
  const codes = readCodeList();
  const population = new Map(readStats('penduduk_dukcapil_2024s2_prov_kab.csv').map((r) => [r.kode!, Number(r.total)]));
  const poverty = povertyRates();
  const inArea = (k: string) => k === code || k.startsWith(code + '.');
  const inFocus = (k: string) => FOCUS_AREAS.some((a) => k === a.prefix || k.startsWith(a.prefix + '.'));

  const kabs: Kab[] = [];
  const desa: Desa[] = [];
  const elsewhereDesa: string[] = [];
  const allKecamatan: string[] = [];
  const kecOfKab = new Map<string, string[]>();
  for (const c of codes) {
    if (c.level === '3') {
      allKecamatan.push(undot(c.kode));
      const kab = c.kode.slice(0, 5);
      if (inArea(kab)) (kecOfKab.get(kab) ?? kecOfKab.set(kab, []).get(kab)!).push(undot(c.kode));
    }
  }
  const areaKabs = codes.filter((c) => c.level === '2' && inArea(c.kode));
  for (const k of areaKabs.sort((a, b) => (a.kode < b.kode ? -1 : 1))) {
    const pop = population.get(k.kode);
    const pov = poverty.get(k.kode);
    if (!pop || !pov) throw new AreaError(`No population or poverty figure for ${k.kode} ${k.nama} in data/stats.`);
    kabs.push({
      code: k.kode,
      code4: undot(k.kode),
      name: k.nama,
      population: pop,
      p0: pov.p0,
      p0Source: pov.source,
      kecamatan: (kecOfKab.get(k.kode) ?? []).sort(),
      desaFrom: 0,
      desaTo: 0,
    });
  }
  const kabIndex = new Map(kabs.map((k, i) => [k.code, i]));
  for (const c of codes) {
    if (c.level !== '4') continue;
    const kabCode = c.kode.slice(0, 5);
    const i = kabIndex.get(kabCode);
    if (i !== undefined) {
      const code10 = undot(c.kode);
      desa.push({ code: c.kode, code10, name: c.nama, kec6: code10.slice(0, 6), kab: i, kelurahan: code10[6] === '1' });
    } else if (inFocus(c.kode)) {
      elsewhereDesa.push(undot(c.kode));
    }
  }
  desa.sort((a, b) => (a.code10 < b.code10 ? -1 : a.code10 > b.code10 ? 1 : 0));
  kabs.forEach((k, i) => {
    k.desaFrom = desa.findIndex((d) => d.kab === i);
    k.desaTo = desa.length - [...desa].reverse().findIndex((d) => d.kab === i);
    if (k.desaFrom < 0) throw new AreaError(`No desa/kelurahan for ${k.code} ${k.name} in the code list.`);
  });
  elsewhereDesa.sort();
  const province = code.slice(0, 2);
  const name = codes.find((c) => c.kode === code)?.nama ?? code;
  return {
    code,
    name,
    province,
    culture: province === '75' ? 'gorontalo' : province === '64' ? 'kaltim' : 'jawa',
    kabs,
    desa,
    elsewhereDesa,
    allKecamatan: allKecamatan.sort(),
    knownKecamatan: new Set(allKecamatan),
  };
}

/**
 * Relative size of a desa within its kab/kota. BPS publishes no desa
 * population here, so sizes follow a log-normal skew (a few large villages,
 * many small ones) from a hash of the code: the same for every seed, so the
 * geography of a data set does not change with the seed. Kelurahan (towns)
 * are on average larger.
 */
export function desaWeight(d: Desa): number {
  const u = hashUnit(hashString(d.code10), 0x5eed);
  const z = normalQuantile(Math.min(Math.max(u, 1e-6), 1 - 1e-6));
  return Math.exp(0.55 * z) * (d.kelurahan ? 1.7 : 1);
}
