import fs from 'node:fs';
import path from 'node:path';
import { nameSimilarity, normaliseName } from '../quality/names';
import type { NikIssue } from '../quality/nik';
import { dot } from '../regions/region-data';
import { desaWeight, loadArea, type Area, type Desa } from './areas';
import { JPS_PROV_PER_KK, describeJpsFacts, gorontaloJpsLines, type JpsLine } from './budget-facts';
import { CsvSink, csvField } from './csv-sink';
import { dayOf, isoDate, ymd } from './dates';
import { HouseholdModel, SNAPSHOT, desaEffects, type HouseholdCore, type Member, type Window } from './household';
import { Identities, INVALID_KIND_SHARES, corruptNik } from './identity';
import { NameMaker, address } from './name-pools';
import { nameVariant } from './name-variants';
import { PROGRAMS, STAGE_SPREAD_DAYS, YEAR, program, type ProgramCode } from './programs';
import { Rng, apportion, hashString, hashUnit } from './rng';
import type { KabCounts, Truth } from './truth';

export interface FaultRates {
  /** share of recipients whose NIK is written invalid in the payment lists (a quarter of those also in the roster) */
  invalidNikRate: number;
  /** outsiders (valid NIK, not in the roster) per aided household */
  unmatchedRate: number;
  /** share of payment rows listed twice */
  duplicatePaymentRate: number;
  /** share of recipients who died before some of their payments */
  deceasedRate: number;
  /** share of recipients who moved to another kab/kota before some of their payments */
  movedRate: number;
  /** share of aided households whose recipient appears a second time under another NIK and a name variant */
  fuzzyDupRate: number;
  /** non-DTKS households that get aid anyway (before the poorer/richer adjustment) */
  leakageRate: number;
  /** DTKS households left out of every program */
  exclusionRate: number;
}

export const DEFAULT_RATES: FaultRates = {
  invalidNikRate: 0.02,
  unmatchedRate: 0.015,
  duplicatePaymentRate: 0.01,
  deceasedRate: 0.01,
  movedRate: 0.01,
  fuzzyDupRate: 0.01,
  leakageRate: 0.12,
  exclusionRate: 0.15,
};

export interface GenerateOptions extends FaultRates {
  households: number;
  seed: string;
  out: string;
  /** 75 (default), 33, 35, 64 or a kab/kota code of a focus area */
  province: string;
}

export interface GenerateProgress {
  phase: 'plan' | 'write' | 'budgets';
  done: number;
  total: number;
}

export const FILES = {
  programs: 'programs.csv',
  households: 'households.csv',
  recipients: 'recipients.csv',
  'civil-events': 'civil-events.csv',
  budgets: 'budgets.csv',
} as const;

/** Household size of Dukcapil 2024 population per KK used to size kab/kota at full scale. */
export const PERSONS_PER_HOUSEHOLD = 3.6;

interface Person {
  member: Member;
  name: string;
  nik: string;
  /** NIK written in the roster (differs from `nik` only for a planted roster-level invalid NIK) */
  rosterNik: string;
  regKec: string;
}

interface Row {
  code: ProgramCode;
  stage: number;
  nominal: number;
  /** index of the person in the household */
  who: number;
  date: number | null;
  duplicate: boolean;
}

interface TwinSource {
  name: string;
  female: boolean;
  birth: number;
  nik: string;
  regKec: string;
  desa: number;
  programs: ProgramCode[];
}

const STREAM = { names: 0xb, faults: 0xc, twins: 0x7, budget: 0xb0d6 } as const;

/** Chance of dying within three years at a given age (rough Indonesian life table). */
function deathRisk3y(age: number): number {
  if (age >= 75) return 0.22;
  if (age >= 65) return 0.09;
  if (age >= 50) return 0.03;
  if (age >= 5) return 0.004;
  return 0.01;
}

/** Rounds an allocation up to three significant digits (Rp1,23 miliar; Rp456 juta), at least to Rp1,000. */
function roundPagu(x: number): number {
  const unit = Math.max(1000, 10 ** (Math.floor(Math.log10(Math.max(x, 1))) - 2));
  return Math.ceil(x / unit) * unit;
}

function blankCounts(): KabCounts {
  return {
    households: 0,
    persons: 0,
    dtksHouseholds: 0,
    aidedHouseholds: 0,
    stackedHouseholds: 0,
    unaidedDtksHouseholds: 0,
    aidedNonDtksHouseholds: 0,
    paymentRows: 0,
    aidAmount: 0,
  };
}

/**
 * Writes a synthetic data set for real regions: the five import files in the
 * contract's formats and truth.json with every planted fault. Deterministic
 * for a seed; streams to disk in two passes over the households (the first
 * decides who gets what, the second writes), so memory stays small.
 */
export async function generateDataSet(opts: GenerateOptions, onProgress?: (p: GenerateProgress) => void): Promise<Truth> {
  if (!Number.isInteger(opts.households) || opts.households < 1) throw new Error(`households must be a whole number ≥ 1, got ${opts.households}.`);
  const area = loadArea(opts.province);
  const seed = hashString(opts.seed);
  fs.mkdirSync(opts.out, { recursive: true });
  const N = opts.households;
  const gen = new Generator(area, seed, opts, onProgress);
  return gen.run(N);
}

class Generator {
  private readonly names: NameMaker;
  private readonly ids = new Identities();
  private readonly perDesa: Int32Array;
  private readonly desaStart: Int32Array;
  private model!: HouseholdModel;
  private readonly provinceKec: string[];
  private readonly truth: Truth;
  private readonly byKab: KabCounts[];
  /** normalised names of recipients by kab/kota and birth date: keeps unplanted near-duplicates out */
  private readonly recipientNames = new Map<number, string[]>();
  private readonly twinSources = new Map<number, TwinSource>();
  private readonly rosterInvalid = new Set<string>();
  private readonly invalidPlanted = new Map<NikIssue, number>();
  /** payment sums for the budget lines: program|kabIndex|stage → Rp */
  private readonly paid = new Map<string, number>();
  private readonly bltDesa: Float64Array;
  private jpsLines: JpsLine[] | null = null;

  // pass-1 results, one entry per household slot
  private mask!: Uint8Array;
  private jpsStages!: Uint8Array;
  private twinOf!: Int32Array;
  private isTwinSource!: Uint8Array;
  /** rank keys for the JPS-PROV quota, between pass 1 and the selection */
  private jpsScoreTmp: Float32Array | null = null;

  private households!: CsvSink;
  private recipients!: CsvSink;
  private events!: CsvSink;

  constructor(
    private readonly area: Area,
    private readonly seed: number,
    private readonly opts: GenerateOptions,
    private readonly onProgress?: (p: GenerateProgress) => void,
  ) {
    this.names = new NameMaker(area.culture);
    this.perDesa = new Int32Array(area.desa.length);
    this.desaStart = new Int32Array(area.desa.length + 1);
    this.bltDesa = new Float64Array(area.desa.length);
    this.provinceKec = area.allKecamatan.filter((k) => k.startsWith(area.province));
    this.byKab = area.kabs.map(blankCounts);
    this.truth = {
      generator: 'bansos-generator/1',
      seed: opts.seed,
      area: { code: area.code, name: area.name, kabKota: area.kabs.map((k) => ({ code: k.code, name: k.name, population: k.population, p0: k.p0, p0Source: k.p0Source })) },
      options: {
        invalidNikRate: opts.invalidNikRate,
        unmatchedRate: opts.unmatchedRate,
        duplicatePaymentRate: opts.duplicatePaymentRate,
        deceasedRate: opts.deceasedRate,
        movedRate: opts.movedRate,
        fuzzyDupRate: opts.fuzzyDupRate,
        leakageRate: opts.leakageRate,
        exclusionRate: opts.exclusionRate,
      },
      households: 0,
      persons: 0,
      counts: {
        ...blankCounts(),
        invalidNikRows: 0,
        invalidNikByReason: { EMPTY: 0, NOT_16_DIGITS: 0, UNKNOWN_REGION: 0, BAD_DATE: 0, SERIAL_ZERO: 0 },
        invalidNikRosterPersons: 0,
        unmatchedRows: 0,
        unmatchedPersons: 0,
        duplicatePayments: 0,
        deceasedRows: 0,
        deceasedRecipients: 0,
        movedRows: 0,
        movedRecipients: 0,
        fuzzyDuplicatePairs: 0,
        fuzzyDuplicatesSameDesa: 0,
        fuzzyDuplicatesSameKecamatan: 0,
        civilEvents: 0,
        budgetLines: 0,
        byProgram: {},
      },
      byKab: {},
      fuzzyDuplicates: [],
      invalidNik: [],
      unmatched: [],
      duplicatePayments: 0,
      deceased: [],
      moved: [],
      budgetFacts: null,
      files: { ...FILES },
    };
  }

  async run(N: number): Promise<Truth> {
    this.allocate(N);
    this.model = new HouseholdModel(this.seed, this.area, desaEffects(this.seed, this.area.desa.length), this.opts, this.perDesa);
    this.plan(N);
    this.selectJpsProv(N);
    await this.write(N);
    await this.writeBudgets();
    this.writePrograms();
    this.finishTruth(N);
    fs.writeFileSync(path.join(this.opts.out, 'truth.json'), JSON.stringify(this.truth, null, 1) + '\n');
    return this.truth;
  }

  /** Households per kab/kota in proportion to population, then per desa by the desa skew. */
  private allocate(N: number) {
    const { area } = this;
    const kabN = apportion(N, area.kabs.map((k) => k.population));
    area.kabs.forEach((k, ki) => {
      const counts = apportion(kabN[ki]!, area.desa.slice(k.desaFrom, k.desaTo).map(desaWeight));
      counts.forEach((n, j) => (this.perDesa[k.desaFrom + j] = n));
    });
    for (let d = 0; d < area.desa.length; d++) this.desaStart[d + 1] = this.desaStart[d]! + this.perDesa[d]!;
  }

  /** Pass 1: targeting of every household, and which slots hold a second registration of an earlier recipient. */
  private plan(N: number) {
    this.mask = new Uint8Array(N);
    this.twinOf = new Int32Array(N).fill(-1);
    this.isTwinSource = new Uint8Array(N);
    const jpsScore = new Float32Array(N);
    const rng = new Rng(this.seed, STREAM.twins);
    // Where the second registration lives: mostly the same desa (registered twice at home),
    // some in another desa of the kecamatan, a few in another kab/kota (moved, old record kept).
    const sameDesa: number[] = [];
    let sameKec: number[] = [];
    let nextKec: number[] = [];
    const elsewhere: number[] = [];
    const take = (queue: number[], i: number, desa: Desa): boolean => {
      if (!queue.length || !rng.chance(0.35)) return false;
      const a = queue.shift()!;
      this.twinOf[i] = a;
      this.isTwinSource[a] = 1;
      this.mask[i] = this.twinPrograms(rng, this.mask[a]!, desa);
      jpsScore[i] = 99;
      return true;
    };
    let kec = '';
    let kab = -1;
    for (let d = 0; d < this.area.desa.length; d++) {
      const desa = this.area.desa[d]!;
      if (desa.kec6 !== kec) {
        kec = desa.kec6;
        sameKec = [];
        nextKec = [];
      }
      // sources planted for "another kab/kota" wait until the kab changes
      const far = kab !== desa.kab && kab >= 0 ? elsewhere.splice(0, elsewhere.length) : [];
      kab = desa.kab;
      sameKec.push(...nextKec.splice(0, nextKec.length));
      for (let i = this.desaStart[d]!; i < this.desaStart[d + 1]!; i++) {
        if (take(sameDesa, i, desa) || take(sameKec, i, desa) || take(far, i, desa)) continue;
        const core = this.model.build(i, d);
        this.mask[i] = core.mask;
        jpsScore[i] = core.jpsScore;
        if (core.mask && rng.chance(this.opts.fuzzyDupRate)) {
          const r = rng.float();
          (r < 0.75 ? sameDesa : r < 0.93 ? nextKec : elsewhere).push(i);
        }
      }
      // unplaced same-desa sources try the rest of the kecamatan; unplaced far ones the next kab/kota
      nextKec.push(...sameDesa.splice(0, sameDesa.length));
      elsewhere.push(...far);
      if (d % 16 === 0) this.onProgress?.({ phase: 'plan', done: this.desaStart[d + 1]!, total: N });
    }
    this.jpsScoreTmp = jpsScore;
  }
  /** Programs of a second registration: often the same program again (double dipping), else a local list. */
  private twinPrograms(rng: Rng, sourceMask: number, desa: Desa): number {
    const allowed = (c: ProgramCode) => c !== 'PKH' && c !== 'JPS-PROV' && !(c === 'BLT-DD' && desa.kelurahan);
    const same = PROGRAMS.filter((p) => sourceMask & p.bit && allowed(p.code));
    const local = (['BST', 'JPS-KAB', 'BLT-DD', 'BPNT'] as ProgramCode[]).filter(allowed);
    let m = same.length && rng.chance(0.5) ? rng.pick(same).bit : program(rng.pick(local)).bit;
    if (rng.chance(0.2)) m |= program(rng.pick(local)).bit;
    return m;
  }

  /**
   * JPS-PROV goes by quota per kab/kota and stage, to the families ranked first
   * (poor, not yet in PKH/BPNT). For Gorontalo the quota is the realised budget
   * of the rakorev figures (Rp200,000 per KK-stage), scaled down when fewer
   * households than the real number are generated.
   */
  private selectJpsProv(N: number) {
    const score = this.jpsScoreTmp!;
    this.jpsStages = new Uint8Array(N);
    const gorontalo = this.area.province === '75';
    if (gorontalo) {
      const province = this.area.kabs.length === 6 ? this.area.kabs : loadArea('75').kabs;
      this.jpsLines = gorontaloJpsLines(province);
    }
    this.area.kabs.forEach((k) => {
      const from = this.desaStart[k.desaFrom]!;
      const to = this.desaStart[k.desaTo]!;
      const n = to - from;
      let counts: number[];
      if (this.jpsLines) {
        const scale = Math.min(1, n / (k.population / PERSONS_PER_HOUSEHOLD));
        counts = [1, 2, 3].map((s) => Math.round((this.jpsLines!.find((l) => l.kab === k.code && l.stage === s)!.realisasi / JPS_PROV_PER_KK) * scale));
      } else {
        counts = [0.06, 0.06, 0.055].map((r) => Math.round(r * n));
      }
      const order = Array.from({ length: n }, (_, j) => from + j).sort((a, b) => score[a]! - score[b]! || a - b);
      counts.forEach((c, s) => {
        for (let r = 0; r < Math.min(c, n); r++) this.jpsStages[order[r]!]! |= 1 << s;
      });
    });
    this.jpsScoreTmp = null;
  }

  /** Pass 2: rebuild each household, name and number its members, write roster, payments and civil events. */
  private async write(N: number) {
    const out = this.opts.out;
    this.households = CsvSink.open(path.join(out, FILES.households), ['no_kk', 'nik', 'nama', 'kode_desa', 'jenis_kelamin', 'tanggal_lahir', 'hubungan', 'alamat', 'dtks', 'desil']);
    this.recipients = CsvSink.open(path.join(out, FILES.recipients), ['program', 'tahun', 'tahap', 'kode_desa', 'nominal', 'nik', 'no_kk', 'nama', 'tanggal_salur']);
    this.events = CsvSink.open(path.join(out, FILES['civil-events']), ['nik', 'peristiwa', 'tanggal', 'kode_desa_tujuan']);
    for (let d = 0; d < this.area.desa.length; d++) {
      for (let i = this.desaStart[d]!; i < this.desaStart[d + 1]!; i++) {
        if (this.twinOf[i]! >= 0) this.writeTwin(i, d);
        else this.writeHousehold(i, d);
        if ((i & 63) === 63) {
          await this.households.maybeFlush();
          await this.recipients.maybeFlush();
          await this.events.maybeFlush();
        }
      }
      if (d % 8 === 0) this.onProgress?.({ phase: 'write', done: this.desaStart[d + 1]!, total: N });
    }
    await Promise.all([this.households.close(), this.recipients.close(), this.events.close()]);
    this.truth.counts.civilEvents = this.events.lines;
  }

  private regKecamatan(rng: Rng, desa: Desa, mobile: boolean): string {
    const kab = this.area.kabs[desa.kab]!;
    const r = rng.float();
    if (r < (mobile ? 0.85 : 0.96)) return desa.kec6;
    if (r < (mobile ? 0.93 : 1)) return rng.pick(kab.kecamatan);
    if (r < 0.97) return rng.pick(this.provinceKec);
    return rng.pick(this.area.allKecamatan);
  }

  private givenName(rng: Rng, m: Member): string {
    return this.names.given(rng, m.female, ymd(m.birth).y);
  }

  /** True when a recipient of the same kab/kota born the same day already has a similar name. */
  private nameClash(key: number, norm: string): boolean {
    const list = this.recipientNames.get(key);
    return !!list && list.some((o) => nameSimilarity(o, norm) >= 0.8);
  }

  private rememberRecipient(key: number, norm: string) {
    const list = this.recipientNames.get(key);
    if (list) list.push(norm);
    else this.recipientNames.set(key, [norm]);
  }

  private rowDate(rng: Rng, d: number, code: ProgramCode, stage: number): number | null {
    if (rng.chance(0.01)) return null; // some lists carry no disbursement date
    const p = program(code);
    const offset = Math.floor(hashUnit(this.seed, d, p.bit, stage) * (STAGE_SPREAD_DAYS - 2));
    return p.stageDates[stage - 1]! + offset + rng.int(3);
  }

  private stagesOf(core: HouseholdCore, i: number, code: ProgramCode): number[] {
    if (code === 'JPS-PROV') return [1, 2, 3].filter((s) => this.jpsStages[i]! & (1 << (s - 1)));
    const w: Window | undefined = core.windows[code];
    if (!w) return [];
    const out: number[] = [];
    for (let s = w.from; s <= w.to; s++) out.push(s);
    return out;
  }

  private writeHousehold(i: number, d: number) {
    const core = this.model.build(i, d);
    const desa = this.area.desa[d]!;
    const kab = this.area.kabs[desa.kab]!;
    const rngB = new Rng(this.seed, STREAM.names, i);
    const rngC = new Rng(this.seed, STREAM.faults, i);

    // Programs and who receives them: PKH goes to the mother, everything else to the head.
    const codes = PROGRAMS.filter((p) => (p.code === 'JPS-PROV' ? this.jpsStages[i]! : this.mask[i]! & p.bit)).map((p) => p.code);
    const wife = core.members.findIndex((m) => m.rel === 'ISTRI');
    const recipientOf = (c: ProgramCode) => (c === 'PKH' && wife >= 0 ? wife : 0);
    const recipientIdx = new Set(codes.map(recipientOf));

    // Names: Gorontalo children carry the father's family name; a wife keeps her own.
    const headSurname = this.names.surname(rngB);
    const fatherSurname = core.femaleHead ? this.names.surname(rngB) : headSurname;
    const persons: Person[] = core.members.map((m, k) => {
      let surname: string;
      if (k === 0) surname = headSurname;
      else if (m.rel === 'ANAK' || m.rel === 'SUAMI') surname = fatherSurname;
      else if (m.rel === 'ORANG TUA' && !m.female) surname = headSurname;
      else if (m.rel === 'CUCU') surname = rngB.chance(0.5) ? headSurname : this.names.surname(rngB);
      else surname = this.names.surname(rngB);
      let name = this.names.full(this.givenName(rngB, m), surname);
      if (recipientIdx.has(k)) {
        // Blocking by kab/kota and birth date, as a deduplicator would: no unplanted look-alikes among recipients.
        const key = desa.kab * 1_000_000 + (m.birth + 100_000);
        let norm = normaliseName(name);
        for (let tries = 0; tries < 8 && this.nameClash(key, norm); tries++) {
          name = this.names.full(this.givenName(rngB, m), surname);
          norm = normaliseName(name);
        }
        this.rememberRecipient(key, norm);
      }
      const regKec = this.regKecamatan(rngB, desa, m.rel !== 'ANAK' && m.rel !== 'CUCU');
      const nik = this.ids.nik(regKec, m.birth, m.female);
      return { member: m, name, nik, rosterNik: nik, regKec };
    });
    const youngest = Math.max(...core.members.map((m) => m.birth));
    const issued = Math.min(SNAPSHOT, Math.max(dayOf(2008, 1, 1) + rngB.int(4400), youngest + rngB.int(200)));
    const noKk = this.ids.kk(rngB.chance(0.95) ? desa.kec6 : rngB.pick(kab.kecamatan), issued);
    const addr = address(rngB, desa.kelurahan);
    const listHasKk = new Map(codes.map((c) => [c, rngB.chance(0.85)] as const));

    // Payment rows, then duplicates.
    const rows: Row[] = [];
    for (const code of codes) {
      const nominal = code === 'PKH' ? core.pkhStage : 0;
      for (const stage of this.stagesOf(core, i, code)) {
        rows.push({ code, stage, nominal: nominal || program(code).stageAmount(stage), who: recipientOf(code), date: this.rowDate(rngC, d, code, stage), duplicate: false });
      }
    }
    const originals = rows.length;
    for (let r = 0; r < originals; r++) {
      if (!rngC.chance(this.opts.duplicatePaymentRate)) continue;
      const o = rows[r]!;
      rows.push({ ...o, duplicate: true, date: o.date === null || rngC.chance(0.6) ? o.date : o.date + rngC.range(1, 4) });
    }

    // Faults per recipient (never on a person that a planted second registration copies).
    const twinSourceWho = this.isTwinSource[i] ? recipientOf(codes.find((c) => c !== 'PKH') ?? codes[0]!) : -1;
    const rowNik = new Map<number, { nik: string; reason: NikIssue | null }>();
    for (const k of [...recipientIdx].sort((x, y) => x - y)) {
      const p = persons[k]!;
      rowNik.set(k, { nik: p.nik, reason: null });
      if (k === twinSourceWho) continue;
      const r = rngC.float();
      const o = this.opts;
      const own = rows.filter((row) => row.who === k);
      if (r < o.invalidNikRate) {
        this.plantInvalid(rngC, p, k, own, rowNik);
      } else if (r < o.invalidNikRate + o.deceasedRate + o.movedRate) {
        const dated = own.filter((row) => row.date !== null).map((row) => row.date!);
        if (!dated.length) continue;
        const first = Math.min(...dated);
        const last = Math.max(...dated);
        const when = first - 25 + rngC.int(last - first + 25); // strictly before the last payment
        const after = dated.filter((t) => t > when).length;
        if (r < o.invalidNikRate + o.deceasedRate) {
          this.event(p.nik, 'MENINGGAL', when, '');
          if (rngC.chance(0.03)) this.event(p.nik, 'MENINGGAL', when + rngC.range(30, 300), ''); // reported twice; the earliest counts
          this.truth.deceased.push({ nik: p.nik, died: isoDate(when), rowsAfter: after });
          this.truth.counts.deceasedRows += after;
          this.truth.counts.deceasedRecipients++;
        } else {
          const to = this.moveDestination(rngC, desa, true);
          this.event(p.nik, 'PINDAH', when, to);
          this.truth.moved.push({ nik: p.nik, date: isoDate(when), to: dot(to), rowsAfter: after });
          this.truth.counts.movedRows += after;
          this.truth.counts.movedRecipients++;
        }
      } else if (rngC.chance(deathRisk3y((SNAPSHOT - p.member.birth) / 365.25) / 2)) {
        // died after the last payment: recorded, not a fault
        const dated = own.filter((row) => row.date !== null).map((row) => row.date!);
        const last = dated.length ? Math.max(...dated) : dayOf(YEAR, 12, 31);
        this.event(p.nik, 'MENINGGAL', last + rngC.range(1, 700), '');
      }
    }
    if (twinSourceWho >= 0) {
      const p = persons[twinSourceWho]!;
      this.twinSources.set(i, {
        name: p.name,
        female: p.member.female,
        birth: p.member.birth,
        nik: p.nik,
        regKec: p.regKec,
        desa: d,
        programs: codes,
      });
    }

    // Roster rows (the head first, as in a KK).
    const dtks = core.dtks ? 'Y' : 'N';
    const desil = core.desil ?? '';
    for (const p of persons) {
      this.households.line(`${noKk},${p.rosterNik},${csvField(p.name)},${desa.code10},${p.member.female ? 'P' : 'L'},${isoDate(p.member.birth)},${p.member.rel},${addr},${dtks},${desil}`);
    }

    // Natural civil events of members who receive nothing, 2020–2022: deaths (mortality by age), young adults moving away.
    persons.forEach((p, k) => {
      if (recipientIdx.has(k) || p.rosterNik !== p.nik) return;
      const age = (SNAPSHOT - p.member.birth) / 365.25;
      if (rngC.chance(deathRisk3y(age))) this.event(p.nik, 'MENINGGAL', dayOf(2020, 1, 1) + rngC.int(1095), '');
      else if (p.member.rel === 'ANAK' && age >= 18 && age < 35 && rngC.chance(0.02)) {
        this.event(p.nik, 'PINDAH', dayOf(2019, 6, 1) + rngC.int(1300), this.moveDestination(rngC, desa, false));
      }
    });

    // Payment rows as listed (the list now and then spells the name differently; matching is by NIK).
    const listName = new Map<string, string>();
    const programsSeen = new Set<ProgramCode>();
    let amount = 0;
    for (const row of rows) {
      const p = persons[row.who]!;
      const nik = rowNik.get(row.who)!;
      const kk = nik.reason !== null || listHasKk.get(row.code) ? noKk : '';
      const nameKey = `${row.who}|${row.code}`;
      let name = listName.get(nameKey);
      if (name === undefined) {
        name = rngC.chance(0.04) ? nameVariant(rngC, p.name, p.member.female).name : p.name;
        listName.set(nameKey, name);
      }
      this.payment(row, desa, d, nik.nik, kk, name);
      if (nik.reason) {
        this.truth.counts.invalidNikRows++;
        this.truth.counts.invalidNikByReason[nik.reason]++;
      }
      if (row.duplicate) this.truth.counts.duplicatePayments++;
      programsSeen.add(row.code);
      amount += row.nominal;
    }
    this.tally(desa, core.members.length, core.dtks, programsSeen, rows, amount);

    // An outsider on the same local list: a valid NIK that is in no roster.
    if (rows.length && rngC.chance(this.opts.unmatchedRate)) this.writeOutsider(rngC, d);
  }

  private plantInvalid(rng: Rng, p: Person, k: number, own: Row[], rowNik: Map<number, { nik: string; reason: NikIssue | null }>) {
    // The kind with the largest shortfall against its share: every kind shows up even in a small data set.
    const planted = this.truth.invalidNik.length + 1;
    let reason: NikIssue = 'EMPTY';
    let worst = -Infinity;
    for (const [kind, share] of INVALID_KIND_SHARES) {
      const shortfall = share * planted - (this.invalidPlanted.get(kind) ?? 0);
      if (shortfall > worst) [reason, worst] = [kind, shortfall];
    }
    this.invalidPlanted.set(reason, (this.invalidPlanted.get(reason) ?? 0) + 1);
    const bad = corruptNik(rng, p.nik, reason, this.area.knownKecamatan, p.member.female);
    // A quarter were already wrong in the roster (data entry); the roster needs a NIK, so never EMPTY there.
    const roster = reason !== 'EMPTY' && rng.chance(0.25) && !this.rosterInvalid.has(bad);
    if (roster) {
      this.rosterInvalid.add(bad);
      p.rosterNik = bad;
      this.truth.counts.invalidNikRosterPersons++;
    }
    rowNik.set(k, { nik: bad, reason });
    this.truth.invalidNik.push({ nik: bad, reason, rows: own.length, roster, validNik: p.nik });
  }

  private moveDestination(rng: Rng, desa: Desa, otherKab: boolean): string {
    const others = this.area.desa.filter((x) => x.kab !== desa.kab);
    if (otherKab || rng.chance(0.4)) {
      if (others.length && rng.chance(0.8)) return rng.pick(others).code10;
      return rng.pick(this.area.elsewhereDesa);
    }
    const kab = this.area.kabs[desa.kab]!;
    return this.area.desa[kab.desaFrom + rng.int(kab.desaTo - kab.desaFrom)]!.code10;
  }

  private event(nik: string, kind: 'MENINGGAL' | 'PINDAH', day: number, dest: string) {
    this.events.line(`${nik},${kind},${isoDate(day)},${dest}`);
  }

  private payment(row: Row, desa: Desa, d: number, nik: string, noKk: string, name: string) {
    this.recipients.line(`${row.code},${YEAR},${row.stage},${desa.code10},${row.nominal},${nik},${noKk},${csvField(name)},${row.date === null ? '' : isoDate(row.date)}`);
    const key = `${row.code}|${desa.kab}|${row.stage}`;
    this.paid.set(key, (this.paid.get(key) ?? 0) + row.nominal);
    if (row.code === 'BLT-DD') this.bltDesa[d]! += row.nominal;
    const bp = (this.truth.counts.byProgram[row.code] ??= { rows: 0, amount: 0, households: 0 });
    bp.rows++;
    bp.amount += row.nominal;
  }

  /** Coverage figures of one roster household, by the contract's matching rule (every row here matches it). */
  private tally(desa: Desa, persons: number, dtks: boolean, programs: Set<ProgramCode>, rows: Row[], amount: number) {
    const k = this.byKab[desa.kab]!;
    const aided = rows.length > 0;
    k.households++;
    k.persons += persons;
    if (dtks) k.dtksHouseholds++;
    if (aided) k.aidedHouseholds++;
    if (programs.size >= 2) k.stackedHouseholds++;
    if (dtks && !aided) k.unaidedDtksHouseholds++;
    if (aided && !dtks) k.aidedNonDtksHouseholds++;
    k.paymentRows += rows.length;
    k.aidAmount += amount;
    for (const c of programs) this.truth.counts.byProgram[c]!.households++;
  }

  /** A second registration of an earlier recipient: another NIK, a name variant, the same birth date. */
  private writeTwin(i: number, d: number) {
    const a = this.twinSources.get(this.twinOf[i]!);
    if (!a) throw new Error(`internal: twin source ${this.twinOf[i]} of household slot ${i} was not written first`);
    this.twinSources.delete(this.twinOf[i]!);
    const desa = this.area.desa[d]!;
    const rngB = new Rng(this.seed, STREAM.names, i);
    const rngC = new Rng(this.seed, STREAM.faults, i);
    const variant = nameVariant(rngB, a.name, a.female).name;
    const r = rngB.float();
    const regKec = r < 0.5 ? a.regKec : r < 0.85 ? desa.kec6 : rngB.pick(this.provinceKec);
    const nik = this.ids.nik(regKec, a.birth, a.female);
    const noKk = this.ids.kk(desa.kec6, dayOf(2015, 1, 1) + rngB.int(2000));
    const dtks = rngB.chance(0.15);
    const desil = dtks ? rngB.range(2, 5) : rngB.chance(0.5) ? null : rngB.range(5, 9);
    this.households.line(`${noKk},${nik},${csvField(variant)},${desa.code10},${a.female ? 'P' : 'L'},${isoDate(a.birth)},KEPALA KELUARGA,${address(rngB, desa.kelurahan)},${dtks ? 'Y' : 'N'},${desil ?? ''}`);

    const rows: Row[] = [];
    for (const p of PROGRAMS) {
      if (!(this.mask[i]! & p.bit)) continue;
      for (let s = 1; s <= p.stageDates.length; s++) rows.push({ code: p.code, stage: s, nominal: p.stageAmount(s), who: 0, date: this.rowDate(rngC, d, p.code, s), duplicate: false });
    }
    const seen = new Set<ProgramCode>();
    let amount = 0;
    const withKk = rngC.chance(0.85);
    for (const row of rows) {
      this.payment(row, desa, d, nik, withKk ? noKk : '', variant);
      seen.add(row.code);
      amount += row.nominal;
    }
    this.tally(desa, 1, dtks, seen, rows, amount);
    this.truth.fuzzyDuplicates.push([a.nik, nik]);
    if (a.desa === d) this.truth.counts.fuzzyDuplicatesSameDesa++;
    else if (this.area.desa[a.desa]!.kec6 === desa.kec6) this.truth.counts.fuzzyDuplicatesSameKecamatan++;
  }

  private writeOutsider(rng: Rng, d: number) {
    const desa = this.area.desa[d]!;
    const kab = this.area.kabs[desa.kab]!;
    const female = rng.chance(0.35);
    const birth = SNAPSHOT - Math.floor(rng.range(22, 60) * 365.25) - rng.int(365);
    const kec = rng.chance(0.5) ? rng.pick(kab.kecamatan) : rng.pick(this.area.allKecamatan);
    const nik = this.ids.nik(kec, birth, female);
    const noKk = rng.chance(0.6) ? this.ids.kk(kec, dayOf(2010, 1, 1) + rng.int(3800)) : '';
    const name = this.names.full(this.names.given(rng, female, ymd(birth).y), this.names.surname(rng));
    const choices: ProgramCode[] = desa.kelurahan ? ['BST', 'JPS-KAB'] : ['BST', 'JPS-KAB', 'BLT-DD'];
    const code = rng.pick(choices);
    const p = program(code);
    let rows = 0;
    for (let s = 1; s <= p.stageDates.length; s++) {
      this.payment({ code, stage: s, nominal: p.stageAmount(s), who: 0, date: this.rowDate(rng, d, code, s), duplicate: false }, desa, d, nik, noKk, name);
      rows++;
    }
    this.truth.counts.unmatchedRows += rows;
    this.truth.counts.unmatchedPersons++;
    this.truth.unmatched.push({ nik, noKk, rows });
  }

  /**
   * Budget lines per kab/kota and stage: Gorontalo's JPS-PROV from the rakorev
   * figures; the other programs from what was paid, with a realisation a little
   * under the allocation. BLT-DD comes out of each desa's Dana Desa: one line
   * per desa for the year.
   */
  private async writeBudgets() {
    this.onProgress?.({ phase: 'budgets', done: 0, total: 1 });
    const sink = CsvSink.open(path.join(this.opts.out, FILES.budgets), ['program', 'tahun', 'tahap', 'kode_wilayah', 'pagu', 'realisasi']);
    const rng = new Rng(this.seed, STREAM.budget);
    const areaKabs = new Set(this.area.kabs.map((k) => k.code));
    for (const p of PROGRAMS) {
      if (p.code === 'JPS-PROV' && this.jpsLines) {
        for (const l of this.jpsLines) if (areaKabs.has(l.kab)) sink.row([p.code, YEAR, l.stage, l.kab, l.pagu, l.realisasi]);
        continue;
      }
      if (p.code === 'BLT-DD') {
        this.area.desa.forEach((desa, d) => {
          const real = this.bltDesa[d]!;
          if (real > 0) sink.row([p.code, YEAR, '', desa.code, roundPagu(real / (0.9 + 0.1 * rng.float())), real]);
        });
        continue;
      }
      const floor = p.code === 'JPS-KAB' || p.code === 'JPS-PROV' ? 0.85 : 0.94;
      this.area.kabs.forEach((k, ki) => {
        for (let s = 1; s <= p.stageDates.length; s++) {
          const real = this.paid.get(`${p.code}|${ki}|${s}`) ?? 0;
          if (real > 0) sink.row([p.code, YEAR, s, k.code, roundPagu(real / (floor + (1 - floor) * rng.float())), real]);
        }
      });
    }
    this.truth.counts.budgetLines = sink.lines;
    await sink.close();
    if (this.jpsLines) this.truth.budgetFacts = describeJpsFacts(this.jpsLines, (kab) => areaKabs.has(kab));
  }

  private writePrograms() {
    const lines = ['kode,nama,sumber_dana,nominal_bulanan', ...PROGRAMS.map((p) => [p.code, p.name, p.funding, p.monthly ?? ''].join(','))];
    fs.writeFileSync(path.join(this.opts.out, FILES.programs), lines.join('\n') + '\n');
  }

  private finishTruth(N: number) {
    const t = this.truth;
    const total = blankCounts();
    this.area.kabs.forEach((k, ki) => {
      const c = this.byKab[ki]!;
      t.byKab[k.code] = c;
      for (const key of Object.keys(total) as (keyof KabCounts)[]) total[key] += c[key];
    });
    Object.assign(t.counts, total);
    t.households = total.households;
    t.persons = total.persons;
    t.duplicatePayments = t.counts.duplicatePayments;
    t.counts.fuzzyDuplicatePairs = t.fuzzyDuplicates.length;
    if (total.households !== N) throw new Error(`internal: wrote ${total.households} households, expected ${N}`);
  }
}
