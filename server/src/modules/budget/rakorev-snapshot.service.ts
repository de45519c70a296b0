import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../graphql/errors';
import { assertCanWrite } from '../auth/access';
import type { AuthUser } from '../auth/auth.types';
import { dot } from '../regions/region-data';
import { RegionLevel } from '../regions/region.entity';
import { parseRegionCode, resolveWithin, toRegionType, type RegionRow } from '../regions/region.service';
import { budgetByRegionAndStage, budgetRealisation, checkYear, type RegionBudgetRow, type RegionStageBudgetRow } from './budget.service';
import { RakorevSnapshot } from './rakorev-snapshot.entity';
import type { FrozenCoverage, FrozenFigures, FrozenRegion, FrozenRegionFigures } from './rakorev-snapshot.figures';
import { coverageByRegion } from './snapshot-coverage';

export interface CreateSnapshotInput {
  title: string;
  year: number;
  quarter?: number | null;
  within?: string | null;
}

export const frozenRegion = (r: RegionRow): FrozenRegion => toRegionType(r);

function freezeRows(rows: RegionBudgetRow[], stages: RegionStageBudgetRow[], coverage: Map<string, FrozenCoverage>): FrozenRegionFigures[] {
  const byCode = new Map<string, RegionStageBudgetRow[]>();
  for (const s of stages) {
    const list = byCode.get(s.code) ?? [];
    list.push(s);
    byCode.set(s.code, list);
  }
  return rows.map((r) => {
    const cov = coverage.get(r.code);
    // Both queries list every region of the level at/inside `within`: a gap is a bug, not a zero.
    if (!cov) throw new Error(`rakorev snapshot: coverage has no row for region ${dot(r.code)} that the budget query returned.`);
    return {
      region: frozenRegion(r),
      allocated: r.allocated,
      disbursed: r.disbursed,
      outstanding: r.outstanding,
      realisationRate: r.realisation_rate,
      stages: (byCode.get(r.code) ?? []).map((s) => ({
        stage: s.stage,
        allocated: s.allocated,
        disbursed: s.disbursed,
        outstanding: s.outstanding,
        realisationRate: s.realisation_rate,
      })),
      coverage: cov,
    };
  });
}

/**
 * Freezes the figures of a rakorev meeting: budget realisation and coverage of the year per
 * kab/kota (budget also per stage), and the same for the province totals. All
 * figures are read in one REPEATABLE READ transaction, so an import landing meanwhile cannot
 * leave the snapshot half old, half new.
 */
export async function createRakorevSnapshot(em: EntityManager, user: AuthUser, input: CreateSnapshotInput): Promise<SnapshotRecord> {
  const title = input.title.trim();
  if (!title) throw badInput('title: a snapshot needs a title, e.g. "Rakorev Triwulan III 2020".', { argumentName: 'title' });
  if (title.length > 200) throw badInput(`title: at most 200 characters, got ${title.length}.`, { argumentName: 'title' });
  const year = checkYear(input.year);
  const quarter = input.quarter ?? null;
  if (quarter !== null && (!Number.isInteger(quarter) || quarter < 1 || quarter > 4)) {
    throw badInput(`quarter: ${quarter} is not a quarter (triwulan); expected 1–4.`, { argumentName: 'quarter' });
  }
  // Per-kab/kota figures: the snapshot covers a province or one kab/kota, or all Indonesia.
  const within = await resolveWithin(em, RegionLevel.REGENCY, input.within);
  assertCanWrite(user, within);
  const province = within ? within.slice(0, 2) : null;

  return em.transactional(
    async (tx) => {
      const regencies = await budgetRealisation(tx, { year, level: RegionLevel.REGENCY, within });
      const regencyStages = await budgetByRegionAndStage(tx, { year, level: RegionLevel.REGENCY, within });
      const totals = await budgetRealisation(tx, { year, level: RegionLevel.PROVINCE, within: province });
      const totalStages = await budgetByRegionAndStage(tx, { year, level: RegionLevel.PROVINCE, within: province });
      const coverage = await coverageByRegion(tx, year, RegionLevel.REGENCY, within);
      const totalCoverage = await coverageByRegion(tx, year, RegionLevel.PROVINCE, province);
      const last = await tx.execute<{ id: string | null }[]>(`select max(id)::text as id from import_batch where status = 'landed'`);
      const withinRow = within
        ? await tx.execute<RegionRow[]>(`select code, name, level, parent_code, kind, area_km2, lat, lng from region where code = ?`, [
            within,
          ])
        : [];
      const figures: FrozenFigures = {
        version: 1,
        totals: freezeRows(totals, totalStages, totalCoverage),
        regencies: freezeRows(regencies, regencyStages, coverage),
        within: withinRow[0] ? frozenRegion(withinRow[0]) : null,
      };
      const snap = tx.create(RakorevSnapshot, {
        title,
        year,
        quarter,
        withinCode: within,
        createdAt: new Date(),
        createdBy: user.username,
        lastImportId: last[0]?.id ?? null,
        figures,
      });
      await tx.flush();
      await tx.execute(`insert into audit_log (username, action, detail) values (?, 'rakorev_snapshot_created', ?::jsonb)`, [
        user.username,
        JSON.stringify({ id: snap.id, title, year, quarter, within: within ? dot(within) : null }),
      ]);
      return {
        id: snap.id,
        title,
        year,
        quarter,
        withinCode: within,
        within: figures.within,
        createdAt: snap.createdAt,
        createdBy: user.username,
        lastImportId: snap.lastImportId ?? null,
        figures,
      } satisfies SnapshotRecord;
    },
    { isolationLevel: IsolationLevel.REPEATABLE_READ },
  );
}

function parseId(id: string, argName: string): string {
  if (!/^\d{1,18}$/.test(id.trim())) throw badInput(`${argName}: "${id}" is not a snapshot id.`, { argumentName: argName });
  return id.trim();
}

/** A snapshot as the API shows it; `figures` only when loaded. */
export interface SnapshotRecord {
  id: string;
  title: string;
  year: number;
  quarter: number | null;
  withinCode: string | null;
  within: FrozenRegion | null;
  createdAt: Date;
  createdBy: string | null;
  lastImportId: string | null;
  figures?: FrozenFigures;
}

interface SnapshotSqlRow {
  id: string;
  title: string;
  year: number;
  quarter: number | null;
  within_code: string | null;
  within: FrozenRegion | null;
  created_at: Date | string;
  created_by: string | null;
  last_import_id: string | null;
  figures?: FrozenFigures;
}

// The header fields come out of the JSON without reading the (large) per-region arrays into Node.
const HEADER_COLUMNS = `id::text as id, title, year, quarter, within_code, figures->'within' as within, created_at, created_by,
  last_import_id::text as last_import_id`;

const toRecord = (r: SnapshotSqlRow): SnapshotRecord => ({
  id: r.id,
  title: r.title,
  year: r.year,
  quarter: r.quarter,
  withinCode: r.within_code,
  within: r.within,
  createdAt: new Date(r.created_at),
  createdBy: r.created_by,
  lastImportId: r.last_import_id,
  ...(r.figures ? { figures: r.figures } : {}),
});

/** Snapshots newest first, without their figures; optionally of one year and/or region. */
export async function listRakorevSnapshots(
  em: EntityManager,
  filter: { year?: number | null; within?: string | null } = {},
): Promise<SnapshotRecord[]> {
  const year = filter.year == null ? null : checkYear(filter.year);
  const within = filter.within == null ? null : parseRegionCode(filter.within);
  const rows = await em.execute<SnapshotSqlRow[]>(
    `select ${HEADER_COLUMNS} from rakorev_snapshot
     where (?::int is null or year = ?::int) and (?::text is null or within_code = ?::text)
     order by created_at desc, id desc`,
    [year, year, within, within],
  );
  return rows.map(toRecord);
}

/** One snapshot with its stored figures; null when there is no such id. */
export async function getRakorevSnapshot(em: EntityManager, id: string, argName = 'id'): Promise<SnapshotRecord | null> {
  const rows = await em.execute<SnapshotSqlRow[]>(`select ${HEADER_COLUMNS}, figures from rakorev_snapshot where id = ?::bigint`, [
    parseId(id, argName),
  ]);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** Stored figures of many snapshots in one query (for field resolvers over a list). */
export async function snapshotFigures(em: EntityManager, ids: readonly string[]): Promise<Map<string, FrozenFigures>> {
  const rows = await em.execute<{ id: string; figures: FrozenFigures }[]>(
    `select id::text as id, figures from rakorev_snapshot where id = any(?::bigint[])`,
    [`{${ids.map((i) => parseId(i, 'id')).join(',')}}`],
  );
  return new Map(rows.map((r) => [r.id, r.figures]));
}

export interface RegionChange {
  region: FrozenRegion;
  before: FrozenRegionFigures | null;
  after: FrozenRegionFigures | null;
  allocatedChange: number;
  disbursedChange: number;
  outstandingChange: number;
  realisationRateChange: number;
  coverageChange: FrozenCoverage | null;
}

const COVERAGE_KEYS = [
  'households',
  'dtksHouseholds',
  'aidedHouseholds',
  'stackedHouseholds',
  'unaidedDtksHouseholds',
  'aidedNonDtksHouseholds',
  'aidAmount',
] as const satisfies readonly (keyof FrozenCoverage)[];

/** Change per region, b − a, over the union of the regions of both lists (a missing side counts as zeros). */
export function compareFigures(a: FrozenRegionFigures[], b: FrozenRegionFigures[]): RegionChange[] {
  const before = new Map(a.map((r) => [r.region.code, r]));
  const after = new Map(b.map((r) => [r.region.code, r]));
  const codes = [...new Set([...before.keys(), ...after.keys()])].sort();
  return codes.map((code) => {
    const x = before.get(code) ?? null;
    const y = after.get(code) ?? null;
    const d = (k: 'allocated' | 'disbursed' | 'outstanding' | 'realisationRate') => (y?.[k] ?? 0) - (x?.[k] ?? 0);
    let coverageChange: FrozenCoverage | null = null;
    if (x?.coverage && y?.coverage) {
      const cx = x.coverage;
      const cy = y.coverage;
      coverageChange = Object.fromEntries(COVERAGE_KEYS.map((k) => [k, cy[k] - cx[k]])) as unknown as FrozenCoverage;
    }
    return {
      // The newer name wins when a region was renamed between the meetings.
      region: (y ?? x)!.region,
      before: x,
      after: y,
      allocatedChange: d('allocated'),
      disbursedChange: d('disbursed'),
      outstandingChange: d('outstanding'),
      realisationRateChange: d('realisationRate'),
      coverageChange,
    };
  });
}

export async function compareRakorevSnapshots(em: EntityManager, aId: string, bId: string) {
  const a = await getRakorevSnapshot(em, aId, 'a');
  if (!a) throw badInput(`a: there is no rakorev snapshot ${aId}.`, { argumentName: 'a' });
  const b = await getRakorevSnapshot(em, bId, 'b');
  if (!b) throw badInput(`b: there is no rakorev snapshot ${bId}.`, { argumentName: 'b' });
  return {
    a,
    b,
    totals: compareFigures(a.figures!.totals, b.figures!.totals),
    regencies: compareFigures(a.figures!.regencies, b.figures!.regencies),
  };
}
