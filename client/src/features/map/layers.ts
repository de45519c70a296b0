import { RAMPS, type ColorRamp } from '../../lib/classing';
import { formatKK, formatNumber, formatPercent, formatRupiah } from '../../lib/format';

/**
 * The choropleth layers of "Peta Cakupan": what each one measures, from which
 * figures (contract §5), how it reads, and its colour ramp. Pure: plain rows in,
 * numbers out; a missing figure is null ("tidak ada data").
 */

export interface CoverageFigures {
  households: number;
  dtksHouseholds: number;
  aidedHouseholds: number;
  stackedHouseholds: number;
  unaidedDtksHouseholds: number;
  aidedNonDtksHouseholds: number;
  aidAmount: number;
}

export interface QualityFigures {
  invalidNik: number;
  unmatchedRecipients: number;
  duplicatePayments: number;
  deceasedRecipients: number;
  possibleDuplicates: number;
}

export interface BudgetFigures {
  allocated: number;
  disbursed: number;
  outstanding: number;
  realisationRate: number;
}

/** Everything known about one region of the view. */
export interface RegionFigures {
  code: string;
  name: string;
  coverage?: CoverageFigures;
  quality?: QualityFigures;
  budget?: BudgetFigures;
}

export type LayerSource = 'coverage' | 'quality' | 'budget';

export interface LayerDef {
  id: string;
  label: string;
  /** What the colour means, for the legend's title. */
  legendTitle: string;
  group: 'Cakupan' | 'Kualitas data' | 'Anggaran';
  source: LayerSource;
  ramp: ColorRamp;
  /** Higher is worse (gaps, flags) or better (realisation): orders the "worst" list. */
  worseWhen: 'high' | 'low';
  value(f: RegionFigures): number | null;
  format(v: number): string;
}

/** A region without roster households has no coverage data to show. */
function withRoster(f: RegionFigures, pick: (c: CoverageFigures) => number): number | null {
  return f.coverage && f.coverage.households > 0 ? pick(f.coverage) : null;
}

/** Quality flags count recipient rows: a region with neither roster nor aid has nothing to flag. */
function qualityValue(f: RegionFigures, pick: (q: QualityFigures) => number): number | null {
  if (!f.quality) return null;
  const c = f.coverage;
  const any = pick(f.quality) > 0 || (c ? c.households > 0 || c.aidAmount > 0 : true);
  return any ? pick(f.quality) : null;
}

const rows = (n: number) => `${formatNumber(n)} baris`;
const persons = (n: number) => `${formatNumber(n)} pasang`;

export const LAYERS = [
  {
    id: 'gap-rate',
    label: 'Celah cakupan (%)',
    legendTitle: 'KK DTKS tanpa bantuan, % dari KK DTKS',
    group: 'Cakupan',
    source: 'coverage',
    ramp: RAMPS.YlOrRd,
    worseWhen: 'high',
    value: (f) => (f.coverage && f.coverage.dtksHouseholds > 0 ? f.coverage.unaidedDtksHouseholds / f.coverage.dtksHouseholds : null),
    format: (v) => formatPercent(v),
  },
  {
    id: 'gap-count',
    label: 'Celah cakupan (KK)',
    legendTitle: 'KK DTKS tanpa bantuan',
    group: 'Cakupan',
    source: 'coverage',
    ramp: RAMPS.OrRd,
    worseWhen: 'high',
    value: (f) => withRoster(f, (c) => c.unaidedDtksHouseholds),
    format: formatKK,
  },
  {
    id: 'stacked',
    label: 'Bantuan ganda (KK)',
    legendTitle: 'KK penerima ≥ 2 program',
    group: 'Cakupan',
    source: 'coverage',
    ramp: RAMPS.Purples,
    worseWhen: 'high',
    value: (f) => withRoster(f, (c) => c.stackedHouseholds),
    format: formatKK,
  },
  {
    id: 'outside-dtks',
    label: 'Bantuan di luar DTKS (KK)',
    legendTitle: 'KK penerima bantuan yang tidak terdaftar di DTKS',
    group: 'Cakupan',
    source: 'coverage',
    ramp: RAMPS.YlGnBu,
    worseWhen: 'high',
    value: (f) => withRoster(f, (c) => c.aidedNonDtksHouseholds),
    format: formatKK,
  },
  {
    id: 'invalid-nik',
    label: 'NIK tidak valid',
    legendTitle: 'Baris penerima dengan NIK tidak valid',
    group: 'Kualitas data',
    source: 'quality',
    ramp: RAMPS.OrRd,
    worseWhen: 'high',
    value: (f) => qualityValue(f, (q) => q.invalidNik),
    format: rows,
  },
  {
    id: 'deceased',
    label: 'Penerima meninggal',
    legendTitle: 'Pembayaran setelah tanggal kematian penerima',
    group: 'Kualitas data',
    source: 'quality',
    ramp: RAMPS.OrRd,
    worseWhen: 'high',
    value: (f) => qualityValue(f, (q) => q.deceasedRecipients),
    format: rows,
  },
  {
    id: 'duplicate-payments',
    label: 'Pembayaran ganda',
    legendTitle: 'Pembayaran berulang untuk orang, program, tahun dan tahap yang sama',
    group: 'Kualitas data',
    source: 'quality',
    ramp: RAMPS.OrRd,
    worseWhen: 'high',
    value: (f) => qualityValue(f, (q) => q.duplicatePayments),
    format: rows,
  },
  {
    id: 'possible-duplicates',
    label: 'Kemungkinan data ganda',
    legendTitle: 'Pasangan orang yang kemungkinan sama (nama mirip, tanggal lahir sama)',
    group: 'Kualitas data',
    source: 'quality',
    ramp: RAMPS.OrRd,
    worseWhen: 'high',
    value: (f) => qualityValue(f, (q) => q.possibleDuplicates),
    format: persons,
  },
  {
    id: 'budget-rate',
    label: 'Realisasi anggaran (%)',
    legendTitle: 'Realisasi (tersalur ÷ pagu)',
    group: 'Anggaran',
    source: 'budget',
    ramp: RAMPS.Blues,
    worseWhen: 'low',
    value: (f) => (f.budget && f.budget.allocated > 0 ? f.budget.realisationRate : null),
    format: (v) => formatPercent(v),
  },
  {
    id: 'budget-outstanding',
    label: 'Sisa anggaran (Rp)',
    legendTitle: 'Pagu yang belum tersalur',
    group: 'Anggaran',
    source: 'budget',
    ramp: RAMPS.YlOrRd,
    worseWhen: 'high',
    value: (f) => (f.budget && f.budget.allocated > 0 ? f.budget.outstanding : null),
    format: (v) => formatRupiah(v),
  },
] as const satisfies readonly LayerDef[];

export type LayerId = (typeof LAYERS)[number]['id'];
export const LAYER_IDS: readonly LayerId[] = LAYERS.map((l) => l.id);

export function layerById(id: LayerId): LayerDef {
  return LAYERS.find((l) => l.id === id) ?? LAYERS[0];
}

/** Joins the rows of the three queries on the region code; regions of the view without a row keep only their name. */
export function joinFigures(
  regions: readonly { code: string; name: string }[],
  coverage: readonly ({ region: { code: string } } & CoverageFigures)[] = [],
  quality: readonly ({ region: { code: string } } & QualityFigures)[] = [],
  budget: readonly ({ region: { code: string } } & BudgetFigures)[] = [],
): Map<string, RegionFigures> {
  const out = new Map<string, RegionFigures>();
  for (const r of regions) out.set(r.code, { code: r.code, name: r.name });
  const put = <K extends 'coverage' | 'quality' | 'budget'>(
    key: K,
    rows: readonly ({ region: { code: string } } & NonNullable<RegionFigures[K]>)[],
  ) => {
    for (const { region, ...figures } of rows) {
      const f = out.get(region.code);
      if (f) f[key] = figures as unknown as RegionFigures[K];
    }
  };
  put('coverage', coverage);
  put('quality', quality);
  put('budget', budget);
  return out;
}

/** The `n` regions that do worst on a layer (no-data regions left out). */
export function worstRegions(figures: Iterable<RegionFigures>, layer: LayerDef, n = 5): { figures: RegionFigures; value: number }[] {
  const list: { figures: RegionFigures; value: number }[] = [];
  for (const f of figures) {
    const v = layer.value(f);
    if (v !== null && Number.isFinite(v)) list.push({ figures: f, value: v });
  }
  list.sort((a, b) => (layer.worseWhen === 'high' ? b.value - a.value : a.value - b.value) || a.figures.code.localeCompare(b.figures.code));
  return list.slice(0, n);
}
