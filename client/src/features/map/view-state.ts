import type { ClassMethod } from '../../lib/classing';
import { LAYER_IDS, type LayerId } from './layers';
import { childLevel, isInside, isRegionCode, levelIndex, levelOfCode, LEVELS, parentCode, type RegionLevel } from './regions';

/**
 * Everything that defines what the map shows, and its round trip through the
 * URL's query string, so that a view can be shared as a link:
 * /peta?level=village&within=75&layer=gap-rate&classes=jenks&programs=PKH,BPNT&year=2020&stage=3
 */

export interface AidFilterState {
  programs: string[];
  year: number | null;
  stage: number | null;
}

export interface MapView {
  level: RegionLevel;
  /** Dotted code the view is inside; null = all of Indonesia. */
  within: string | null;
  layer: LayerId;
  method: ClassMethod;
  filter: AidFilterState;
  /** A region picked for the panel without drilling (a desa, which has nothing below). */
  selected: string | null;
}

export const DEFAULT_VIEW: MapView = {
  level: 'PROVINCE',
  within: null,
  layer: 'gap-rate',
  method: 'quantile',
  filter: { programs: [], year: null, stage: null },
  selected: null,
};

function intParam(raw: string | null, min: number, max: number): number | null {
  if (raw === null || !/^\d+$/.test(raw)) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
}

/**
 * Reads a view from a query string; anything missing or invalid takes its
 * default, and the level is never above the `within` region's own level.
 * `home` is where a user limited to a region starts (their region).
 */
export function parseView(params: URLSearchParams, home: string | null = null): MapView {
  const rawWithin = params.get('within');
  let within = rawWithin && isRegionCode(rawWithin) ? rawWithin : null;
  // A user limited to a region sees nothing outside it: a link elsewhere opens their region.
  if (home && isRegionCode(home) && !(within && isInside(within, home))) within = home;

  const rawLevel = params.get('level')?.toUpperCase();
  let level = LEVELS.find((l) => l === rawLevel) ?? (within ? (childLevel(levelOfCode(within)) ?? 'VILLAGE') : DEFAULT_VIEW.level);
  if (within && levelIndex(level) < levelIndex(levelOfCode(within))) level = levelOfCode(within);

  const rawLayer = params.get('layer');
  const layer = LAYER_IDS.find((l) => l === rawLayer) ?? DEFAULT_VIEW.layer;
  const method: ClassMethod = params.get('classes') === 'jenks' ? 'jenks' : 'quantile';
  const programs = (params.get('programs') ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const rawSel = params.get('sel');
  const selected = rawSel && isRegionCode(rawSel) ? rawSel : null;
  return {
    level,
    within,
    layer,
    method,
    filter: {
      programs: [...new Set(programs)].sort(),
      year: intParam(params.get('year'), 1900, 2999),
      stage: intParam(params.get('stage'), 1, 12),
    },
    selected,
  };
}

/** The query string of a view (defaults left out, so links stay short). */
export function viewToParams(view: MapView): URLSearchParams {
  const p = new URLSearchParams();
  p.set('level', view.level.toLowerCase());
  if (view.within) p.set('within', view.within);
  if (view.layer !== DEFAULT_VIEW.layer) p.set('layer', view.layer);
  if (view.method !== DEFAULT_VIEW.method) p.set('classes', view.method);
  if (view.filter.programs.length > 0) p.set('programs', view.filter.programs.join(','));
  if (view.filter.year !== null) p.set('year', String(view.filter.year));
  if (view.filter.stage !== null) p.set('stage', String(view.filter.stage));
  if (view.selected) p.set('sel', view.selected);
  return p;
}

/**
 * Clicking a region: into its children when it has a level below, else
 * (a desa) select it for the panel.
 */
export function drillInto(view: MapView, code: string): MapView {
  const below = childLevel(levelOfCode(code));
  if (!below) return { ...view, selected: code };
  return { ...view, within: code, level: below, selected: null };
}

/** One level back up: the parent of `within` with its children shown. */
export function drillUp(view: MapView): MapView {
  if (!view.within) return view;
  const parent = parentCode(view.within);
  if (!parent) return { ...view, within: null, level: 'PROVINCE', selected: null };
  return { ...view, within: parent, level: childLevel(levelOfCode(parent)) ?? 'VILLAGE', selected: null };
}

/** Jump to an ancestor in the breadcrumb (null = Indonesia). */
export function goTo(view: MapView, code: string | null): MapView {
  if (!code) return { ...view, within: null, level: 'PROVINCE', selected: null };
  return { ...view, within: code, level: childLevel(levelOfCode(code)) ?? levelOfCode(code), selected: null };
}

/** The filter as the API's AidFilter (empty parts left out). */
export function toAidFilter(f: AidFilterState): { programs?: string[]; year?: number; stage?: number } {
  return {
    ...(f.programs.length > 0 ? { programs: f.programs } : {}),
    ...(f.year !== null ? { year: f.year } : {}),
    ...(f.stage !== null ? { stage: f.stage } : {}),
  };
}
