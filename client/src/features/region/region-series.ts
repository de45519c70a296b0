/**
 * Series for the charts of the region panel, the budget page and rakorev
 * slides: plain rows in, chart rows out (pure, tested in Node).
 */

export interface StageRow {
  stage: number | null;
  allocated: number;
  disbursed: number;
  outstanding: number;
  realisationRate: number;
}

export interface StagePoint {
  label: string;
  stage: number | null;
  allocated: number;
  disbursed: number;
  outstanding: number;
  realisationRate: number;
}

/** Stages in order with Indonesian labels; whole-year lines ("Setahun") last. */
export function stageSeries(rows: readonly StageRow[]): StagePoint[] {
  return [...rows]
    .sort((a, b) => (a.stage ?? Infinity) - (b.stage ?? Infinity))
    .map((r) => ({
      label: r.stage === null ? 'Setahun' : `Tahap ${r.stage}`,
      stage: r.stage,
      allocated: r.allocated,
      disbursed: r.disbursed,
      outstanding: r.outstanding,
      realisationRate: r.realisationRate,
    }));
}

export interface PaymentPoint {
  program: string;
  month: string | null;
  amount: number;
  recipientRows: number;
}

/** Aid paid per program over the period, largest first, with its share of the total. */
export function programMix(points: readonly PaymentPoint[]): { program: string; amount: number; rows: number; share: number }[] {
  const by = new Map<string, { amount: number; rows: number }>();
  for (const p of points) {
    const e = by.get(p.program) ?? { amount: 0, rows: 0 };
    e.amount += p.amount;
    e.rows += p.recipientRows;
    by.set(p.program, e);
  }
  const total = [...by.values()].reduce((s, e) => s + e.amount, 0);
  return [...by.entries()]
    .map(([program, e]) => ({ program, amount: e.amount, rows: e.rows, share: total > 0 ? e.amount / total : 0 }))
    .sort((a, b) => b.amount - a.amount || a.program.localeCompare(b.program));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];

export function monthLabel(month: string | null): string {
  if (!month) return 'Tanpa tanggal';
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${MONTHS[Number(m[2]) - 1]} ${m[1]}` : month;
}

export interface MonthPoint {
  month: string | null;
  label: string;
  /** Paid in the month, all programs, and per program (keys = program codes). */
  amount: number;
  cumulative: number;
  /** cumulative ÷ allocated when an allocation is given (0–1), else null. */
  realisation: number | null;
  byProgram: Record<string, number>;
}

/**
 * Payments over time, all programs summed per month, with the running total
 * and (given the year's allocation) the running realisation. Undated rows last.
 */
export function monthlySeries(points: readonly PaymentPoint[], allocated: number | null = null): MonthPoint[] {
  const by = new Map<string | null, MonthPoint>();
  for (const p of points) {
    let e = by.get(p.month);
    if (!e) {
      e = { month: p.month, label: monthLabel(p.month), amount: 0, cumulative: 0, realisation: null, byProgram: {} };
      by.set(p.month, e);
    }
    e.amount += p.amount;
    e.byProgram[p.program] = (e.byProgram[p.program] ?? 0) + p.amount;
  }
  const list = [...by.values()].sort((a, b) => (a.month === null ? 1 : b.month === null ? -1 : a.month.localeCompare(b.month)));
  let run = 0;
  for (const e of list) {
    run += e.amount;
    e.cumulative = run;
    e.realisation = allocated && allocated > 0 ? run / allocated : null;
  }
  return list;
}

export interface CoverageSplitInput {
  dtksHouseholds: number;
  unaidedDtksHouseholds: number;
  aidedNonDtksHouseholds: number;
}

/** Aided vs unaided DTKS households, and aid outside DTKS: the panel's split chart. */
export function dtksSplit(c: CoverageSplitInput): { key: string; label: string; value: number }[] {
  return [
    { key: 'aided-dtks', label: 'DTKS menerima', value: c.dtksHouseholds - c.unaidedDtksHouseholds },
    { key: 'unaided-dtks', label: 'DTKS tanpa bantuan', value: c.unaidedDtksHouseholds },
    { key: 'aided-non-dtks', label: 'Menerima, di luar DTKS', value: c.aidedNonDtksHouseholds },
  ];
}

export interface RegionBudgetRow {
  region: { code: string; name: string };
  allocated: number;
  disbursed: number;
  outstanding: number;
  realisationRate: number;
}

/**
 * Bars of allocated vs disbursed per region, in code order, with short names
 * ("Kabupaten Gorontalo" → "Kab. Gorontalo") and a flag on the regions whose
 * outstanding amount is among the `top` largest (highlighted in the chart).
 */
export function budgetBars(rows: readonly RegionBudgetRow[], top = 3) {
  const ranked = [...rows].filter((r) => r.outstanding > 0).sort((a, b) => b.outstanding - a.outstanding);
  const flagged = new Set(ranked.slice(0, top).map((r) => r.region.code));
  return [...rows]
    .sort((a, b) => a.region.code.localeCompare(b.region.code))
    .map((r) => ({
      code: r.region.code,
      name: shortRegionName(r.region.name),
      allocated: r.allocated,
      disbursed: r.disbursed,
      outstanding: r.outstanding,
      realisationRate: r.realisationRate,
      highlight: flagged.has(r.region.code),
    }));
}

/** "Kabupaten Gorontalo Utara" → "Kab. Gorontalo Utara", "Kecamatan X" → "Kec. X". */
export function shortRegionName(name: string): string {
  return name
    .replace(/^Kabupaten\s+/i, 'Kab. ')
    .replace(/^Kecamatan\s+/i, 'Kec. ')
    .replace(/^Kelurahan\s+/i, 'Kel. ');
}

/** Totals of a set of budget rows (allocated, disbursed, outstanding, rate). */
export function budgetTotals(rows: readonly { allocated: number; disbursed: number }[]) {
  const allocated = rows.reduce((s, r) => s + r.allocated, 0);
  const disbursed = rows.reduce((s, r) => s + r.disbursed, 0);
  return { allocated, disbursed, outstanding: allocated - disbursed, realisationRate: allocated > 0 ? disbursed / allocated : 0 };
}

/** Sums stage rows of several regions stage by stage (snapshot totals of more than one province). */
export function sumStages(lists: readonly (readonly StageRow[])[]): StageRow[] {
  const by = new Map<number | null, StageRow>();
  for (const list of lists)
    for (const s of list) {
      const e = by.get(s.stage) ?? { stage: s.stage, allocated: 0, disbursed: 0, outstanding: 0, realisationRate: 0 };
      e.allocated += s.allocated;
      e.disbursed += s.disbursed;
      e.outstanding += s.outstanding;
      e.realisationRate = e.allocated > 0 ? e.disbursed / e.allocated : 0;
      by.set(s.stage, e);
    }
  return [...by.values()];
}

export interface CoverageSum {
  households: number;
  dtksHouseholds: number;
  aidedHouseholds: number;
  stackedHouseholds: number;
  unaidedDtksHouseholds: number;
  aidedNonDtksHouseholds: number;
  aidAmount: number;
}

/** Coverage rows of disjoint regions added up (every figure is a count or a sum, so they add). */
export function sumCoverage(rows: readonly CoverageSum[]): CoverageSum {
  const out: CoverageSum = {
    households: 0,
    dtksHouseholds: 0,
    aidedHouseholds: 0,
    stackedHouseholds: 0,
    unaidedDtksHouseholds: 0,
    aidedNonDtksHouseholds: 0,
    aidAmount: 0,
  };
  for (const r of rows) for (const k of Object.keys(out) as (keyof CoverageSum)[]) out[k] += r[k];
  return out;
}
