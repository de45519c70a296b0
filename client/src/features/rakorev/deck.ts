import type { RegionFigures } from '../map/layers';
import { budgetTotals, shortRegionName } from '../region/region-series';

/** What a rakorev deck shows, computed from one frozen snapshot (pure). */

export interface FrozenCoverage {
  households: number;
  dtksHouseholds: number;
  aidedHouseholds: number;
  stackedHouseholds: number;
  unaidedDtksHouseholds: number;
  aidedNonDtksHouseholds: number;
  aidAmount: number;
}

export interface FrozenRegion {
  region: { code: string; name: string };
  allocated: number;
  disbursed: number;
  outstanding: number;
  realisationRate: number;
  coverage: FrozenCoverage | null;
}

export interface DeckKpis {
  allocated: number;
  disbursed: number;
  outstanding: number;
  realisationRate: number;
  coverage: (FrozenCoverage & { gapRate: number | null }) | null;
}

/** Headline figures: budget totals of the snapshot's provinces, and coverage when it was frozen. */
export function deckKpis(totals: readonly FrozenRegion[]): DeckKpis {
  const b = budgetTotals(totals);
  const withCov = totals.filter((t) => t.coverage);
  let coverage: DeckKpis['coverage'] = null;
  if (withCov.length > 0) {
    const sum = (k: keyof FrozenCoverage) => withCov.reduce((s, t) => s + t.coverage![k], 0);
    const dtks = sum('dtksHouseholds');
    const unaided = sum('unaidedDtksHouseholds');
    coverage = {
      households: sum('households'),
      dtksHouseholds: dtks,
      aidedHouseholds: sum('aidedHouseholds'),
      stackedHouseholds: sum('stackedHouseholds'),
      unaidedDtksHouseholds: unaided,
      aidedNonDtksHouseholds: sum('aidedNonDtksHouseholds'),
      aidAmount: sum('aidAmount'),
      gapRate: dtks > 0 ? unaided / dtks : null,
    };
  }
  return { ...b, coverage };
}

/** Kab/kota with something outstanding, largest first, with their share of all that is outstanding. */
export function outstandingRanking(regencies: readonly FrozenRegion[]) {
  const total = regencies.reduce((s, r) => s + Math.max(0, r.outstanding), 0);
  return regencies
    .filter((r) => r.outstanding > 0)
    .sort((a, b) => b.outstanding - a.outstanding || a.region.code.localeCompare(b.region.code))
    .map((r) => ({
      code: r.region.code,
      name: shortRegionName(r.region.name),
      outstanding: r.outstanding,
      allocated: r.allocated,
      realisationRate: r.realisationRate,
      share: total > 0 ? r.outstanding / total : 0,
    }));
}

/** The frozen figures as map figures, so the gap map classes them like the live map does. */
export function frozenFigures(regencies: readonly FrozenRegion[]): Map<string, RegionFigures> {
  const out = new Map<string, RegionFigures>();
  for (const r of regencies) {
    out.set(r.region.code, {
      code: r.region.code,
      name: r.region.name,
      coverage: r.coverage ?? undefined,
      budget: { allocated: r.allocated, disbursed: r.disbursed, outstanding: r.outstanding, realisationRate: r.realisationRate },
    });
  }
  return out;
}

export const SLIDES = ['ringkasan', 'peta', 'realisasi', 'sisa'] as const;
export type SlideId = (typeof SLIDES)[number];

/** Next slide index for a key, 'exit' for Esc, null for keys the deck ignores. */
export function slideKey(key: string, index: number, count: number): number | 'exit' | null {
  switch (key) {
    case 'ArrowRight':
    case 'PageDown':
    case ' ':
      return Math.min(count - 1, index + 1);
    case 'ArrowLeft':
    case 'PageUp':
      return Math.max(0, index - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'Escape':
      return 'exit';
    default:
      return null;
  }
}

/** A file-system-safe name for exports: "Triwulan III 2020" → "rakorev-triwulan-iii-2020". */
export function exportName(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-');
  return `rakorev-${slug || 'snapshot'}`;
}
