import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sqlFile } from '../../db/sql';
import { badInput } from '../../graphql/errors';
import { decodeCursor, encodeCursor, pageSize } from '../../graphql/connection';
import { aidWindow, pgArray, type AidFilterInput } from '../analytics/analytics.service';
import { RegionLevel } from '../regions/region.entity';
import { parseRegionCode, resolveWithin, type RegionRow } from '../regions/region.service';

/** The SQL of the household lists lives with the other analytics queries (it reads the same rollups). */
const SQL_DIR = `${import.meta.dirname}/../analytics/sql`;
const CURSOR_LIST = 'households';

/** HouseholdFilter as given by a caller (GraphQL input or the export's query string). */
export interface HouseholdFilterInput {
  dtks?: boolean | null;
  aided?: boolean | null;
  minPrograms?: number | null;
  program?: string | null;
  desil?: readonly number[] | null;
  search?: string | null;
  aid?: AidFilterInput | null;
}

export interface HouseholdRow extends RegionRow {
  no_kk: string;
  desa_code: string;
  dtks: boolean;
  desil: number | null;
  address: string | null;
  total: number | null;
  unknown_programs: string[];
}

export interface MemberRow {
  no_kk: string;
  nik: string;
  name: string;
  sex: string | null;
  birth_date: string | null;
  relation: string | null;
  nik_valid: boolean;
}

export interface ProgramRow {
  no_kk: string;
  program: string;
  program_name: string;
  year: number;
  stage: number;
  amount: number;
  payments: number;
}

/** The filter's SQL parameters (everything but paging), checked; messages name the offending field. */
export function householdParams(within: string | null | undefined, filter: HouseholdFilterInput | null | undefined) {
  const f = filter ?? {};
  const window = aidWindow(f.aid, 'filter.aid');
  if (f.minPrograms != null && !(Number.isInteger(f.minPrograms) && f.minPrograms >= 0 && f.minPrograms <= 64)) {
    throw badInput(`filter.minPrograms: ${f.minPrograms} must be a whole number from 0 to 64.`, { argumentName: 'filter' });
  }
  if (f.desil != null) {
    if (f.desil.length === 0) throw badInput('filter.desil: give at least one decile (1–10), or leave it out.', { argumentName: 'filter' });
    const bad = f.desil.find((d) => !(Number.isInteger(d) && d >= 1 && d <= 10));
    if (bad !== undefined) throw badInput(`filter.desil: ${bad} is not a welfare decile (1–10).`, { argumentName: 'filter' });
  }
  const program = f.program == null ? null : f.program.trim().toUpperCase();
  if (program === '') throw badInput('filter.program: give a program code, or leave it out.', { argumentName: 'filter' });

  // A string of digits (dots, spaces and dashes allowed) is an exact NIK or No. KK; anything else a name fragment.
  let number: string | null = null;
  let name: string | null = null;
  const search = f.search?.trim() ?? '';
  if (search !== '') {
    if (/^[\d.\s-]+$/.test(search)) {
      number = search.replace(/\D/g, '');
    } else {
      const fragment = search.toLowerCase().replace(/\s+/g, ' ');
      if (fragment.length < 3) {
        throw badInput(`filter.search: "${search}" is too short; give at least 3 letters of a name, or a whole NIK / No. KK.`, {
          argumentName: 'filter',
        });
      }
      name = fragment.replace(/[\\%_]/g, '\\$&');
    }
  }
  return {
    /** Program codes the filter names, upper case: the query reports those that name no program. */
    named: program || window.programList ? pgArray([...(program ? [program] : []), ...(window.programList ?? [])]) : null,
    within: within == null || within === '' ? null : parseRegionCode(within),
    dtks: f.dtks ?? null,
    desil: f.desil ? pgArray(f.desil) : null,
    number,
    name,
    aided: f.aided ?? null,
    min_programs: f.minPrograms ?? null,
    program,
    programs: window.programs,
    year: window.year,
    stage: window.stage,
  };
}

export type HouseholdParams = ReturnType<typeof householdParams>;

function refuseUnknown(codes: readonly string[]): void {
  if (codes.length) throw badInput(`filter: unknown program code(s) ${codes.join(', ')}.`, { argumentName: 'filter' });
}

/** Unknown program codes of a filter when no row came back to name them (a typo must not read as "none"). */
async function assertKnownPrograms(em: EntityManager, p: HouseholdParams): Promise<void> {
  if (!p.named) return;
  refuseUnknown((await runSql<{ code: string }>(em, sqlFile(SQL_DIR, 'unknown-programs'), { programs: p.named })).map((u) => u.code));
}

interface Paging {
  offset: number;
  limit: number;
  afterDesa?: string | null;
  afterKk?: string | null;
  withTotal: boolean;
  /** Read the aid window per candidate household rather than per region (see households.sql). */
  probe: boolean;
}

/**
 * Few candidates (a search, a kecamatan or desa) or batches that stop early: probe each household's
 * facts. A whole kab/kota or province with its total: aggregate the region's facts once.
 */
const probeFor = (p: HouseholdParams) => p.number !== null || p.name !== null || (p.within !== null && p.within.length >= 6);

/**
 * Runs a list query in its own short transaction with JIT off (see no-jit.sql). Short on purpose:
 * the embedded database runs one transaction at a time, so none may stay open while a client reads.
 */
function withoutJit<T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  return em.transactional(async (tx) => {
    await runSql(tx, sqlFile(SQL_DIR, 'no-jit'));
    return work(tx);
  });
}

function query(em: EntityManager, p: HouseholdParams, paging: Paging) {
  return runSql<HouseholdRow>(em, sqlFile(SQL_DIR, 'households'), {
    ...p,
    offset: paging.offset,
    limit: paging.limit,
    after_desa: paging.afterDesa ?? null,
    after_kk: paging.afterKk ?? null,
    with_total: paging.withTotal,
    probe: paging.probe,
  });
}

export interface HouseholdPage {
  totalCount: number;
  rows: { cursor: string; row: HouseholdRow }[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** households (contract §5): a page of the list and its total, in (desa, No. KK) order. One query in the usual case. */
export async function listHouseholds(
  em: EntityManager,
  q: { within?: string | null; filter?: HouseholdFilterInput | null; first?: number | null; after?: string | null },
): Promise<HouseholdPage> {
  const p = householdParams(q.within, q.filter);
  const size = pageSize(q.first);
  let offset = 0;
  if (q.after != null) {
    const key = decodeCursor(CURSOR_LIST, q.after);
    if (!/^\d{1,9}$/.test(key)) throw badInput(`after: "${q.after}" is not a cursor of the household list.`, { argumentName: 'after' });
    offset = Number(key) + 1;
  }
  const probe = probeFor(p);
  let rows = size === 0 ? [] : await withoutJit(em, (tx) => query(tx, p, { offset, limit: size, withTotal: true, probe }));
  if (rows[0]) refuseUnknown(rows[0].unknown_programs);
  let total = rows[0]?.total ?? null;
  if (total === null) {
    // An empty page (past the end, first: 0, or nothing matches): the total from the first row, and
    // the arguments checked so that a bad region or program is an error, not an empty list.
    const first = await withoutJit(em, (tx) => query(tx, p, { offset: 0, limit: 1, withTotal: true, probe }));
    if (first[0]) refuseUnknown(first[0].unknown_programs);
    total = first[0]?.total ?? 0;
    if (total === 0) {
      if (q.within) await resolveWithin(em, RegionLevel.VILLAGE, q.within);
      await assertKnownPrograms(em, p);
    }
    rows = [];
  }
  const page = rows.map((row, i) => ({ cursor: encodeCursor(CURSOR_LIST, offset + i), row }));
  return {
    totalCount: total,
    rows: page,
    hasNextPage: offset + page.length < total,
    endCursor: page.length ? page[page.length - 1].cursor : null,
  };
}

/**
 * Every household matching the filter, in batches (keyset on desa, No. KK: each batch is an index
 * range, so an export of a whole province streams with bounded memory and no growing offsets).
 * The arguments are checked before this resolves, so a caller can refuse a bad request before
 * it starts writing. Each batch is its own short read (an import landing meanwhile may show in
 * later batches; keyset paging never repeats or skips a household that stays).
 */
export async function householdBatches(
  em: EntityManager,
  within: string | null | undefined,
  filter: HouseholdFilterInput | null | undefined,
  batchSize = 1000,
): Promise<AsyncGenerator<HouseholdRow[]>> {
  const p = householdParams(within, filter);
  if (within) await resolveWithin(em, RegionLevel.VILLAGE, within);
  await assertKnownPrograms(em, p);
  return (async function* () {
    let after: { desa: string; kk: string } | null = null;
    for (;;) {
      const page: Paging = { offset: 0, limit: batchSize, afterDesa: after?.desa, afterKk: after?.kk, withTotal: false, probe: true };
      const rows: HouseholdRow[] = await withoutJit(em, (tx) => query(tx, p, page));
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < batchSize) return;
      const last = rows[rows.length - 1];
      after = { desa: last.desa_code, kk: last.no_kk };
    }
  })();
}

/** Members of many households in one query, grouped by No. KK (head first). */
export async function membersOf(em: EntityManager, kks: readonly string[]): Promise<Map<string, MemberRow[]>> {
  const rows = kks.length ? await runSql<MemberRow>(em, sqlFile(SQL_DIR, 'household-members'), { kks: pgArray(kks) }) : [];
  return groupBy(rows);
}

/** Aid received by many households in one query, grouped by No. KK. */
export async function programsOf(em: EntityManager, kks: readonly string[]): Promise<Map<string, ProgramRow[]>> {
  const rows = kks.length ? await runSql<ProgramRow>(em, sqlFile(SQL_DIR, 'household-programs'), { kks: pgArray(kks) }) : [];
  return groupBy(rows);
}

function groupBy<T extends { no_kk: string }>(rows: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.no_kk);
    if (list) list.push(r);
    else m.set(r.no_kk, [r]);
  }
  return m;
}
