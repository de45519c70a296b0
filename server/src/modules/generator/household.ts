import type { Area, Desa } from './areas';
import { ageOn, dayOf, ymd } from './dates';
import { PKH_COMPONENT, PKH_MAX_COMPONENTS, program, type ProgramCode } from './programs';
import { Rng, cumulate, normalCdf, normalQuantile } from './rng';

/**
 * One family: who lives in it (relations, sexes, birth dates), how poor it is,
 * whether it is in DTKS, and which programs reach it. Everything here comes
 * from the household's own random stream, so the same household can be
 * rebuilt exactly in the writing pass after the selection pass.
 */

export type Relation = 'KEPALA KELUARGA' | 'ISTRI' | 'SUAMI' | 'ANAK' | 'MENANTU' | 'CUCU' | 'ORANG TUA' | 'MERTUA' | 'FAMILI LAIN';

export interface Member {
  rel: Relation;
  female: boolean;
  birth: number; // day number
}

export interface Window {
  from: number;
  to: number; // stages from..to inclusive
}

export interface HouseholdCore {
  members: Member[];
  femaleHead: boolean;
  /** latent welfare (lower = poorer) and its percentile within the kab/kota */
  welfare: number;
  percentile: number;
  dtks: boolean;
  desil: number | null;
  excluded: boolean;
  leak: boolean;
  /** programs other than JPS-PROV (bits of PROGRAMS) */
  mask: number;
  windows: Partial<Record<ProgramCode, Window>>;
  /** PKH benefit per quarterly stage (0 when not eligible) */
  pkhStage: number;
  /** rank key for the JPS-PROV quota: lower gets it first */
  jpsScore: number;
}

/** The roster is a snapshot of late September 2020, before the rakorev of 16 October 2020. */
export const SNAPSHOT = dayOf(2020, 9, 30);
const MID_2020 = dayOf(2020, 7, 1);

const SIZE_CUM = cumulate([0.1, 0.17, 0.23, 0.23, 0.15, 0.07, 0.03, 0.02]); // mean ≈ 3.6 persons

export interface Targeting {
  leakageRate: number;
  exclusionRate: number;
}

/** Per kab/kota calibration: where the poverty and DTKS lines fall on the latent welfare scale. */
export interface KabCalibration {
  /** sorted welfare sample of this kab/kota's households */
  sample: Float64Array;
  p0: number;
  dtksRate: number;
  /** shift from the kab/kota percentile to a national one (Indonesia P0 ≈ 9.5%) */
  desilShift: number;
}

/** DTKS covered about 40% of the population nationally in 2020; poorer regions more. */
export function dtksRateFor(p0: number): number {
  return Math.min(0.6, Math.max(0.15, 0.12 + 1.6 * p0));
}

function birthAtAge(rng: Rng, age: number): number {
  return SNAPSHOT - Math.floor(age * 365.25) - rng.int(365);
}

function composition(rng: Rng): { members: Member[]; femaleHead: boolean } {
  const n = rng.weighted(SIZE_CUM) + 1;
  const members: Member[] = [];
  if (n === 1) {
    const elderly = rng.chance(0.55);
    const female = rng.chance(elderly ? 0.68 : 0.4);
    members.push({ rel: 'KEPALA KELUARGA', female, birth: birthAtAge(rng, elderly ? rng.range(60, 88) : rng.range(20, 45)) });
    return { members, femaleHead: female };
  }
  const femaleHead = rng.chance(0.13);
  // head's age: roughly triangular 22–78 with a mode in the early forties
  const headAge = femaleHead ? rng.range(28, 78) : Math.round(22 + 56 * ((rng.float() + rng.float()) / 2) ** 1.15);
  members.push({ rel: 'KEPALA KELUARGA', female: femaleHead, birth: birthAtAge(rng, headAge) });
  let motherAge = headAge;
  if (femaleHead && rng.chance(0.15)) {
    // a woman registered as head with her husband in the KK (e.g. he works away)
    members.push({ rel: 'SUAMI', female: false, birth: birthAtAge(rng, Math.min(92, Math.max(20, Math.round(headAge + 3 + 3 * rng.normal())))) });
  } else if (!femaleHead) {
    motherAge = Math.max(18, Math.min(92, Math.round(headAge - 3.5 - 3.5 * rng.normal())));
    members.push({ rel: 'ISTRI', female: true, birth: birthAtAge(rng, motherAge) });
  }
  let remaining = n - members.length;
  if (remaining >= 1 && n >= 3 && rng.chance(headAge < 50 ? 0.1 : 0.04)) {
    const parentAge = Math.min(95, headAge + rng.range(22, 32));
    members.push({ rel: femaleHead || rng.chance(0.6) ? 'ORANG TUA' : 'MERTUA', female: rng.chance(0.7), birth: birthAtAge(rng, parentAge) });
    remaining--;
  }
  // children, oldest first, born to a mother aged 19–44
  let atBirth = rng.range(19, 27);
  let grand = 0;
  while (remaining > 0) {
    const childAge = motherAge - atBirth;
    if (childAge < 0 || atBirth > 44) break;
    members.push({ rel: 'ANAK', female: rng.chance(0.49), birth: birthAtAge(rng, childAge) });
    remaining--;
    if (childAge >= 24 && remaining >= 2 && grand === 0 && rng.chance(0.3)) {
      // a married child living in with their own children
      members.push({ rel: 'MENANTU', female: !members[members.length - 1]!.female, birth: birthAtAge(rng, childAge + rng.range(-3, 4)) });
      remaining--;
      const kids = Math.min(remaining, rng.range(1, 2));
      for (let k = 0; k < kids; k++) members.push({ rel: 'CUCU', female: rng.chance(0.49), birth: birthAtAge(rng, Math.max(0, childAge - rng.range(20, 30))) });
      remaining -= kids;
      grand = kids;
    }
    atBirth += rng.range(2, 5);
  }
  while (remaining-- > 0) members.push({ rel: 'FAMILI LAIN', female: rng.chance(0.5), birth: birthAtAge(rng, rng.range(3, 40)) });
  return { members, femaleHead };
}

/** Latent welfare: a family draw, the village's level, towns better off, large or elderly-alone families worse. */
function welfareOf(rng: Rng, members: Member[], femaleHead: boolean, desa: Desa, desaEffect: number): number {
  const n = members.length;
  const elderlyAlone = n === 1 && ageOn(members[0]!.birth, SNAPSHOT) >= 60;
  return rng.normal() + desaEffect + (desa.kelurahan ? 0.45 : 0) - 0.09 * (n - 3.6) - (femaleHead ? 0.2 : 0) - (elderlyAlone ? 0.3 : 0);
}

/** PKH components of a family in mid-2020, at most four, as a quarterly amount. */
export function pkhQuarterly(members: Member[], disabled: boolean, pregnant: boolean): number {
  const comps: number[] = [];
  if (pregnant) comps.push(PKH_COMPONENT.pregnant);
  for (const m of members) {
    const age = ageOn(m.birth, MID_2020);
    if (age < 0) continue;
    if (age <= 6) comps.push(PKH_COMPONENT.earlyChild);
    else if (age <= 12) comps.push(PKH_COMPONENT.sd);
    else if (age <= 15) comps.push(PKH_COMPONENT.smp);
    else if (age <= 18 && m.rel !== 'KEPALA KELUARGA' && m.rel !== 'ISTRI') comps.push(PKH_COMPONENT.sma);
    else if (age >= 70) comps.push(PKH_COMPONENT.elderly);
  }
  if (disabled) comps.push(PKH_COMPONENT.disabled);
  comps.sort((a, b) => b - a);
  return comps.slice(0, PKH_MAX_COMPONENTS).reduce((s, c) => s + c, 0) / 4;
}

/** Stages a family receives: mostly all, some join late or drop out early. */
function windowFor(rng: Rng, code: ProgramCode): Window {
  const stages = program(code).stageDates.length;
  const from = rng.chance(0.9) ? 1 : rng.range(2, stages);
  const to = rng.chance(0.92) ? stages : rng.range(from, stages);
  return { from, to };
}

/** Percentile of `x` in a sorted sample. */
function percentileIn(sample: Float64Array, x: number): number {
  let lo = 0;
  let hi = sample.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sample[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return (lo + 0.5) / (sample.length + 1);
}

export class HouseholdModel {
  readonly calibration: KabCalibration[];

  constructor(
    private readonly seed: number,
    private readonly area: Area,
    private readonly desaEffect: Float64Array,
    private readonly targeting: Targeting,
    /** households per desa (to weight the calibration sample like the data set) */
    householdsPerDesa: Int32Array,
  ) {
    this.calibration = area.kabs.map((k, ki) => {
      // A calibration sample from its own stream: where the kab's P0 and DTKS share fall on the welfare scale.
      const rng = new Rng(seed, 0xca1, ki);
      const desaIdx: number[] = [];
      const weights: number[] = [];
      for (let d = k.desaFrom; d < k.desaTo; d++) {
        desaIdx.push(d);
        weights.push(householdsPerDesa[d]! + 0.01);
      }
      const cum = cumulate(weights);
      const sample = new Float64Array(4000);
      for (let j = 0; j < sample.length; j++) {
        const d = desaIdx[rng.weighted(cum)]!;
        const c = composition(rng);
        sample[j] = welfareOf(rng, c.members, c.femaleHead, area.desa[d]!, desaEffect[d]!);
      }
      sample.sort();
      return { sample, p0: k.p0, dtksRate: dtksRateFor(k.p0), desilShift: normalQuantile(0.095) - normalQuantile(k.p0) };
    });
  }

  /** The household in slot `index` (desa `desaIndex`), rebuilt identically on every call. */
  build(index: number, desaIndex: number): HouseholdCore {
    const rng = new Rng(this.seed, 0xa, index);
    const desa = this.area.desa[desaIndex]!;
    const cal = this.calibration[desa.kab]!;
    const { members, femaleHead } = composition(rng);
    const welfare = welfareOf(rng, members, femaleHead, desa, this.desaEffect[desaIndex]!);
    const percentile = percentileIn(cal.sample, welfare);
    const z = normalQuantile(percentile);
    // DTKS: the poorer, the likelier, with registration noise (inclusion and exclusion errors)
    const dtks = z + 0.5 * rng.normal() < normalQuantile(cal.dtksRate) * Math.sqrt(1.25);
    const national = normalCdf(z + cal.desilShift + 0.35 * rng.normal());
    const desil = rng.chance(0.08) ? null : Math.min(10, 1 + Math.floor(10 * national));
    const disabled = rng.chance(0.02);
    const wife = members.find((m) => m.rel === 'ISTRI');
    const pregnant = !!wife && ageOn(wife.birth, SNAPSHOT) < 40 && rng.chance(0.04);
    const pkhStage = pkhQuarterly(members, disabled, pregnant);

    const excluded = dtks && rng.chance(this.targeting.exclusionRate);
    const leak = !dtks && rng.chance(Math.min(1, this.targeting.leakageRate * (percentile < 0.5 ? 1.5 : 0.5)));
    let mask = 0;
    const windows: Partial<Record<ProgramCode, Window>> = {};
    const give = (code: ProgramCode) => {
      mask |= program(code).bit;
      windows[code] = windowFor(rng, code);
    };
    let jpsScore = 10 + percentile; // outside every list: only if a quota cannot be met otherwise
    if (!excluded && (dtks || leak)) {
      const poorer = percentile < 2 * cal.p0 ? 1 : percentile < 0.5 ? 0.7 : 0.35;
      if (dtks) {
        if (pkhStage > 0 && rng.chance(0.85 * poorer)) give('PKH');
        if (rng.chance(mask & 1 ? 0.9 : 0.75 * poorer)) give('BPNT');
        if (rng.chance(mask ? 0.03 : 0.7)) give('BST');
        if (!desa.kelurahan && rng.chance(mask ? 0.06 : 0.7)) give('BLT-DD');
        if (rng.chance(0.03)) give('SEMBAKO-COVID');
        if (rng.chance(mask & 3 ? 0.02 : 0.15)) give('JPS-KAB');
      } else {
        if (pkhStage > 0 && rng.chance(0.04)) give('PKH');
        if (rng.chance(0.06)) give('BPNT');
        if (rng.chance(0.35)) give('BST');
        if (!desa.kelurahan && rng.chance(0.55)) give('BLT-DD');
        if (rng.chance(0.01)) give('SEMBAKO-COVID');
        if (rng.chance(0.25)) give('JPS-KAB');
      }
      // e-JPS: provincial JPS goes first to poor families not already in PKH/BPNT
      jpsScore = percentile + 0.15 * rng.normal() + (mask & 3 ? 0.6 : 0) + (dtks ? 0 : 0.15);
    }
    return { members, femaleHead, welfare, percentile, dtks, desil, excluded, leak, mask, windows, pkhStage, jpsScore };
  }
}

/** Village-level welfare effects for a seed (some villages are poorer than others). */
export function desaEffects(seed: number, count: number): Float64Array {
  const rng = new Rng(seed, 0xde5a);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = 0.35 * rng.normal();
  return out;
}

/** Year of a day number. */
export const yearOf = (day: number) => ymd(day).y;
