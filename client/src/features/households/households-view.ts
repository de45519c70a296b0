import { isRegionCode } from '../map/regions';

/**
 * The household list's filters in the URL, and the same filters as the
 * GraphQL HouseholdFilter and as the export endpoint's query string (the
 * export returns exactly the list on screen).
 */

export type TriState = 'all' | 'yes' | 'no';

export interface HouseholdsView {
  within: string | null;
  dtks: TriState;
  aided: TriState;
  minPrograms: number | null;
  program: string | null;
  desil: number[];
  search: string;
  year: number | null;
  stage: number | null;
}

export const EMPTY_HOUSEHOLDS_VIEW: HouseholdsView = {
  within: null,
  dtks: 'all',
  aided: 'all',
  minPrograms: null,
  program: null,
  desil: [],
  search: '',
  year: null,
  stage: null,
};

const tri = (v: string | null): TriState => (v === 'yes' || v === 'no' ? v : 'all');
const int = (v: string | null, min: number, max: number) => (v && /^\d+$/.test(v) && +v >= min && +v <= max ? Number(v) : null);

export function parseHouseholdsView(p: URLSearchParams): HouseholdsView {
  const within = p.get('within');
  const desil = (p.get('desil') ?? '')
    .split(',')
    .map((d) => int(d, 1, 10))
    .filter((d): d is number => d !== null);
  return {
    within: within && isRegionCode(within) ? within : null,
    dtks: tri(p.get('dtks')),
    aided: tri(p.get('aided')),
    minPrograms: int(p.get('minPrograms'), 1, 20),
    program: p.get('program')?.trim() || null,
    desil: [...new Set(desil)].sort((a, b) => a - b),
    search: (p.get('q') ?? '').trim(),
    year: int(p.get('year'), 1900, 2999),
    stage: int(p.get('stage'), 1, 12),
  };
}

export function householdsViewToParams(v: HouseholdsView): URLSearchParams {
  const p = new URLSearchParams();
  if (v.within) p.set('within', v.within);
  if (v.dtks !== 'all') p.set('dtks', v.dtks);
  if (v.aided !== 'all') p.set('aided', v.aided);
  if (v.minPrograms !== null) p.set('minPrograms', String(v.minPrograms));
  if (v.program) p.set('program', v.program);
  if (v.desil.length) p.set('desil', v.desil.join(','));
  if (v.search) p.set('q', v.search);
  if (v.year !== null) p.set('year', String(v.year));
  if (v.stage !== null) p.set('stage', String(v.stage));
  return p;
}

const triBool = (t: TriState) => (t === 'all' ? undefined : t === 'yes');

/** The GraphQL HouseholdFilter (parts left empty are left out). */
export function toHouseholdFilter(v: HouseholdsView) {
  const aid = {
    ...(v.year !== null ? { year: v.year } : {}),
    ...(v.stage !== null ? { stage: v.stage } : {}),
  };
  return {
    ...(triBool(v.dtks) !== undefined ? { dtks: triBool(v.dtks) } : {}),
    ...(triBool(v.aided) !== undefined ? { aided: triBool(v.aided) } : {}),
    ...(v.minPrograms !== null ? { minPrograms: v.minPrograms } : {}),
    ...(v.program ? { program: v.program } : {}),
    ...(v.desil.length ? { desil: v.desil } : {}),
    ...(v.search ? { search: v.search } : {}),
    ...(Object.keys(aid).length ? { aid } : {}),
  };
}

/** The export endpoint's query string for the same list (GET /api/exports/households.csv?…). */
export function toExportQuery(v: HouseholdsView): string {
  const p = new URLSearchParams();
  if (v.within) p.set('within', v.within);
  const t = (name: string, s: TriState) => s !== 'all' && p.set(name, s === 'yes' ? 'true' : 'false');
  t('dtks', v.dtks);
  t('aided', v.aided);
  if (v.minPrograms !== null) p.set('minPrograms', String(v.minPrograms));
  if (v.program) p.set('program', v.program);
  if (v.desil.length) p.set('desil', v.desil.join(','));
  if (v.search) p.set('search', v.search);
  if (v.year !== null) p.set('year', String(v.year));
  if (v.stage !== null) p.set('stage', String(v.stage));
  return p.toString();
}

export interface HouseholdProgramRow {
  program: string;
  name: string;
  year: number;
  stage: number;
  amount: number;
  payments: number;
}

/** Per program: total amount, stages and payments — the household list's "programs" cell and the detail's summary. */
export function programSummary(rows: readonly HouseholdProgramRow[]) {
  const by = new Map<string, { program: string; name: string; amount: number; payments: number; stages: string[] }>();
  for (const r of rows) {
    const e = by.get(r.program) ?? { program: r.program, name: r.name, amount: 0, payments: 0, stages: [] };
    e.amount += r.amount;
    e.payments += r.payments;
    e.stages.push(`${r.year}/${r.stage}`);
    by.set(r.program, e);
  }
  return [...by.values()].sort((a, b) => a.program.localeCompare(b.program));
}

export interface HouseholdFlagInput {
  dtks: boolean;
  members: readonly { nikValid: boolean }[];
  programs: readonly HouseholdProgramRow[];
}

/** Flags a verification team looks at, in Bahasa Indonesia. */
export function householdFlags(h: HouseholdFlagInput): { key: string; label: string }[] {
  const flags: { key: string; label: string }[] = [];
  const programs = new Set(h.programs.map((p) => p.program));
  const invalid = h.members.filter((m) => !m.nikValid).length;
  if (invalid > 0) flags.push({ key: 'invalid-nik', label: `${invalid} NIK tidak valid` });
  if (programs.size >= 2) flags.push({ key: 'stacked', label: `Bantuan ganda (${programs.size} program)` });
  if (!h.dtks && programs.size > 0) flags.push({ key: 'outside-dtks', label: 'Penerima di luar DTKS' });
  if (h.dtks && programs.size === 0) flags.push({ key: 'unaided', label: 'DTKS tanpa bantuan' });
  // The same program paid more than once in one stage.
  const twice = h.programs.filter((p) => p.payments > 1).map((p) => `${p.program} ${p.year}/${p.stage}`);
  if (twice.length > 0) flags.push({ key: 'duplicate-payment', label: `Dibayar ganda: ${twice.join(', ')}` });
  return flags;
}
