import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sqlFile } from '../../db/sql';
import { decodeCursor, encodeCursor, pageSize } from '../../graphql/connection';
import { badInput } from '../../graphql/errors';
import type { AfterImportHook, AfterImportInfo } from '../imports/after-import';
import { NIK_ISSUE_LABEL, type NikIssue } from '../quality/nik';
import { CODE_LENGTH, LEVEL_NUMBER, RegionLevel } from '../regions/region.entity';
import { dot } from '../regions/region-data';
import { resolveWithin, type RegionRow } from '../regions/region.service';
import { FlagFixedBy, VerivaliFlagKind, parseNoKk } from './workflow-common';

const SQL_DIR = `${import.meta.dirname}/sql`;
const run = <T>(em: EntityManager, name: string, params: Record<string, unknown> = {}) => runSql<T>(em, sqlFile(SQL_DIR, name), params);

/**
 * Verivali progress (the Gresik "70% done"): every roster record that needed a fix is a row
 * of verivali_flag, from the import that first showed it until an import no longer shows it
 * or a workflow action resolves it. Progress per region = fixed / flagged, over time.
 *
 * Why the roster and not the payment rows: payment rows are history (a later file adds rows,
 * it never corrects old ones), so a flag on them could never be fixed by data. The roster is
 * what verivali corrects: a households file replaces a family's members, a civil-events file
 * records deaths and moves, and the flags follow.
 */

export interface RefreshCounts {
  fixed: number;
  opened: number;
  moved: number;
}

/** Import kinds that can change a flag: the roster, civil events, and recipients (duplicate pairs are among recipients). */
const FLAG_KINDS = new Set(['households', 'civil-events', 'recipients']);

/**
 * The after-import hook: brings verivali_flag up to date inside the import's transaction,
 * in one set-based statement (verivali-refresh.sql). Must run after the data-quality hook
 * that refreshes duplicate_pair.
 */
export async function refreshVerivaliFlags(tx: EntityManager, info: AfterImportInfo): Promise<RefreshCounts | null> {
  if (!FLAG_KINDS.has(info.kind)) return null;
  const [counts] = await run<RefreshCounts>(tx, 'verivali-refresh', { batch: info.batchId });
  return counts;
}

/** afterImportHooks entry (imports/after-import.ts). */
export const verivaliAfterImport: AfterImportHook = async (tx, info) => {
  await refreshVerivaliFlags(tx, info);
};

export interface VerivaliFlagRow {
  id: string;
  kind: VerivaliFlagKind;
  record_key: string;
  nik: string | null;
  no_kk: string | null;
  other_nik: string | null;
  other_kk: string | null;
  desa_code: string;
  kab_code: string;
  detail: string | null;
  first_seen_batch: string;
  first_seen_at: Date | string;
  fixed_batch: string | null;
  fixed_at: Date | string | null;
  fixed_by: FlagFixedBy | null;
  fixed_ref: string | null;
  r_code: string;
  r_name: string;
  r_level: number;
  r_parent_code: string | null;
  r_kind: string;
  r_area_km2: number | null;
  r_lat: number | null;
  r_lng: number | null;
}

export function flagRegion(r: VerivaliFlagRow): RegionRow {
  return {
    code: r.r_code,
    name: r.r_name,
    level: r.r_level,
    parent_code: r.r_parent_code,
    kind: r.r_kind,
    area_km2: r.r_area_km2,
    lat: r.r_lat,
    lng: r.r_lng,
  };
}

/** What a flag means, in Bahasa Indonesia, from its kind and stored detail. */
export function flagDescription(kind: VerivaliFlagKind, detail: string | null): string {
  switch (kind) {
    case VerivaliFlagKind.INVALID_NIK:
      return `NIK tidak valid: ${detail && detail in NIK_ISSUE_LABEL ? NIK_ISSUE_LABEL[detail as NikIssue] : (detail ?? 'alasan tidak diketahui')}`;
    case VerivaliFlagKind.DECEASED:
      return `Meninggal${detail ? ` (${detail})` : ''}, masih tercatat dalam KK`;
    case VerivaliFlagKind.MOVED: {
      const [date, dest] = (detail ?? '').split(' ');
      return `Pindah ke ${dest ? dot(dest) : 'kab/kota lain'}${date ? ` (${date})` : ''}, masih tercatat di KK lama`;
    }
    case VerivaliFlagKind.DUPLICATE: {
      const [score, ...reasons] = (detail ?? '').split(' ');
      return `Kemungkinan orang yang sama dengan NIK lain (skor ${score || '?'})${reasons.length ? `: ${reasons.join(' ')}` : ''}`;
    }
  }
}

export interface VerivaliProgressRow extends RegionRow {
  flagged: number;
  fixed: number;
  fixed_by_import: number;
  fixed_by_workflow: number;
  invalid_nik_flagged: number;
  invalid_nik_fixed: number;
  deceased_flagged: number;
  deceased_fixed: number;
  moved_flagged: number;
  moved_fixed: number;
  duplicate_flagged: number;
  duplicate_fixed: number;
}

export interface VerivaliPointRow {
  code: string;
  at: Date | string;
  import_batch_id: string | null;
  flagged: number;
  fixed: number;
}

/** Progress per region of `level` (zeros included) and each region's series over time. Two queries for any number of regions. */
export async function verivaliProgress(
  em: EntityManager,
  q: { level: RegionLevel; within?: string | null },
): Promise<{ rows: VerivaliProgressRow[]; series: Map<string, VerivaliPointRow[]> }> {
  const within = await resolveWithin(em, q.level, q.within);
  const level = LEVEL_NUMBER[q.level];
  const len = CODE_LENGTH[level];
  const rows = await run<VerivaliProgressRow>(em, 'verivali-progress', { level, len, within });
  const points = await run<VerivaliPointRow>(em, 'verivali-series', { len, within });
  const series = new Map<string, VerivaliPointRow[]>();
  for (const p of points) {
    let l = series.get(p.code);
    if (!l) series.set(p.code, (l = []));
    l.push(p);
  }
  return { rows, series };
}

export interface VerivaliFlagPage {
  totalCount: number;
  rows: { cursor: string; row: VerivaliFlagRow }[];
  hasNextPage: boolean;
  endCursor: string | null;
}

const CURSOR_LIST = 'verivali';

export async function listVerivaliFlags(
  em: EntityManager,
  q: { within?: string | null; kind?: VerivaliFlagKind | null; open?: boolean | null; noKk?: string | null; first?: number | null; after?: string | null },
): Promise<VerivaliFlagPage> {
  const within = await resolveWithin(em, RegionLevel.VILLAGE, q.within);
  const size = pageSize(q.first);
  let afterId: string | null = null;
  if (q.after != null) {
    afterId = decodeCursor(CURSOR_LIST, q.after);
    if (!/^\d{1,18}$/.test(afterId)) throw badInput(`after: "${q.after}" is not a cursor of the verivali flag list.`, { argumentName: 'after' });
  }
  const filters = { within, kind: q.kind ?? null, open: q.open ?? null, no_kk: q.noKk ? parseNoKk(q.noKk) : null };
  const [{ n }] = await run<{ n: number }>(em, 'verivali-flag-count', filters);
  const rows = size === 0 ? [] : await run<VerivaliFlagRow>(em, 'verivali-flag-page', { ...filters, after_id: afterId, limit: size + 1 });
  const page = rows.slice(0, size).map((row) => ({ cursor: encodeCursor(CURSOR_LIST, row.id), row }));
  return { totalCount: n, rows: page, hasNextPage: rows.length > size, endCursor: page.length ? page[page.length - 1].cursor : null };
}
