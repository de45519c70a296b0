import { isRegionCode } from '../map/regions';

/** The budget page's view in the URL: /anggaran?year=2020&within=75&stage=3&programs=PKH&snapshot=4&compare=3 */
export interface BudgetView {
  year: number | null;
  within: string | null;
  stage: number | null;
  programs: string[];
  snapshot: string | null;
  compare: string | null;
}

function int(raw: string | null, min: number, max: number): number | null {
  if (raw === null || !/^\d+$/.test(raw)) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
}

function id(raw: string | null): string | null {
  return raw && /^[\w-]{1,64}$/.test(raw) ? raw : null;
}

export function parseBudgetView(p: URLSearchParams): BudgetView {
  const within = p.get('within');
  return {
    year: int(p.get('year'), 1900, 2999),
    within: within && isRegionCode(within) && within.split('.').length <= 2 ? within : null,
    stage: int(p.get('stage'), 1, 12),
    programs: [...new Set((p.get('programs') ?? '').split(',').filter((x) => x.trim()))].sort(),
    snapshot: id(p.get('snapshot')),
    compare: id(p.get('compare')),
  };
}

export function budgetViewToParams(v: BudgetView): URLSearchParams {
  const p = new URLSearchParams();
  if (v.year !== null) p.set('year', String(v.year));
  if (v.within) p.set('within', v.within);
  if (v.stage !== null) p.set('stage', String(v.stage));
  if (v.programs.length) p.set('programs', v.programs.join(','));
  if (v.snapshot) p.set('snapshot', v.snapshot);
  if (v.compare) p.set('compare', v.compare);
  return p;
}

/**
 * Where the page opens when the URL names no region: the user's own region,
 * else the province with the largest allocation in the year (data-driven, so
 * a national admin lands on the province that has a budget).
 */
export function defaultBudgetRegion(
  userRegion: string | null,
  provinces: readonly { region: { code: string }; allocated: number }[],
): string | null {
  if (userRegion) return userRegion.split('.').slice(0, 2).join('.');
  let best: { code: string; allocated: number } | null = null;
  for (const p of provinces)
    if (p.allocated > 0 && (!best || p.allocated > best.allocated)) best = { code: p.region.code, allocated: p.allocated };
  return best?.code ?? null;
}
