import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sqlFile } from '../../db/sql';
import { badInput } from '../../graphql/errors';
import { decodeCursor, encodeCursor, pageSize } from '../../graphql/connection';
import { aidWindow, pgArray, type AidFilterInput, type AidWindow } from '../analytics/analytics.service';
import type { AuthUser } from '../auth/auth.types';
import { assertCanSeeHouseholds, assertCanWrite, maskNik } from '../auth/access';
import { audit } from '../audit/audit.service';
import { CODE_LENGTH, LEVEL_NUMBER, RegionLevel } from '../regions/region.entity';
import { resolveWithin, toRegionType, type RegionRow } from '../regions/region.service';
import { scorePair } from './dedup-score';
import { THRESHOLD_SETTING, currentNameMatcher, dedupThreshold, parseThreshold, refreshDuplicates, scopeSizes } from './dedup.service';

/**
 * Data-quality lists and settings behind the GraphQL API: the possibleDuplicates
 * pairs, reviews of pairs, the duplicate threshold, exclusive program pairs and
 * their violations, and the civil-registry risk (moved / deceased recipients).
 * The derived tables are filled after each import (refresh.ts), never per request.
 */

const SQL_DIR = import.meta.dirname + '/sql';
const run = <T = Record<string, unknown>>(em: EntityManager, name: string, params: Record<string, unknown> = {}) =>
  runSql<T>(em, sqlFile(SQL_DIR, name), params);

type RegionType = ReturnType<typeof toRegionType>;

/** Region columns returned under a prefix (`a_`, `b_` or none) → RegionType. */
function regionFrom(row: Record<string, unknown>, prefix: string, nameCol = `${prefix}name`): RegionType {
  return toRegionType({
    code: row[`${prefix}code`] as string,
    name: row[nameCol] as string,
    level: row[`${prefix}level`] as number,
    parent_code: row[`${prefix}parent_code`] as string | null,
    kind: row[`${prefix}kind`] as string,
    area_km2: row[`${prefix}area_km2`] as number | null,
    lat: row[`${prefix}lat`] as number | null,
    lng: row[`${prefix}lng`] as number | null,
  });
}

/** Refuses program codes that no program has (same message as the analytics figures). */
async function checkPrograms(em: EntityManager, w: AidWindow, argName = 'filter'): Promise<void> {
  if (!w.programList) return;
  const known = await em.execute<{ code: string }[]>(`select upper(code) as code from program where upper(code) = any(?::text[])`, [
    w.programs,
  ]);
  const have = new Set(known.map((k) => k.code));
  const unknown = w.programList.filter((p) => !have.has(p));
  if (unknown.length) {
    throw badInput(`${argName === 'filter' ? 'filter.programs' : argName}: unknown program code(s) ${unknown.join(', ')}.`, { argumentName: argName });
  }
}

async function withinPrefix(em: EntityManager, within: string | null | undefined): Promise<string | null> {
  if (within == null || within === '') return null;
  // a region of any level may be given; resolveWithin checks that it exists
  return resolveWithin(em, RegionLevel.VILLAGE, within);
}

// ---------------------------------------------------------------------------
// possibleDuplicates

export interface DuplicatePersonOut {
  nik: string;
  name: string;
  birthDate: string | null;
  region: RegionType;
}

export interface DuplicatePairOut {
  a: DuplicatePersonOut;
  b: DuplicatePersonOut;
  score: number;
  reasons: string[];
}

export interface Page<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const DUP_CURSOR = 'dup';

interface PairPageRow extends Record<string, unknown> {
  total: number;
  nik_a: string;
  nik_b: string;
  score: number;
  reasons: string[];
  h: string;
  a_name: string;
  a_birth_date: string | null;
  b_name: string;
  b_birth_date: string | null;
  a_code: string;
  b_code: string;
}

/** The pairs behind the possibleDuplicates figure, best first; NIKs masked for the caller. */
export async function listDuplicatePairs(
  em: EntityManager,
  user: AuthUser,
  q: { within?: string | null; filter?: AidFilterInput | null; first?: number | null; after?: string | null },
): Promise<Page<DuplicatePairOut>> {
  assertCanSeeHouseholds(user);
  const size = pageSize(q.first);
  const w = aidWindow(q.filter);
  const within = await withinPrefix(em, q.within);
  await checkPrograms(em, w);
  let afterScore: number | null = null;
  let afterHash: string | null = null;
  if (q.after != null) {
    const m = /^([0-9.]+(?:e-?\d+)?)\|([0-9a-f]{32})$/.exec(decodeCursor(DUP_CURSOR, q.after));
    if (!m) throw badInput(`after: "${q.after}" is not a cursor of possibleDuplicates.`, { argumentName: 'after' });
    afterScore = Number(m[1]);
    afterHash = m[2]!;
  }
  const rows = await run<PairPageRow>(em, 'duplicate-pairs-page', {
    within,
    programs: w.programs,
    year: w.year,
    stage: w.stage,
    afterScore,
    afterHash,
    limit: size + 1,
  });
  let totalCount = rows[0]?.total;
  if (totalCount === undefined) {
    // an empty page still needs the total
    const all = await run<PairPageRow>(em, 'duplicate-pairs-page', {
      within,
      programs: w.programs,
      year: w.year,
      stage: w.stage,
      afterScore: null,
      afterHash: null,
      limit: 1,
    });
    totalCount = all[0]?.total ?? 0;
  }
  const page = rows.slice(0, size);
  const person = (r: PairPageRow, side: 'a' | 'b'): DuplicatePersonOut => {
    const nik = side === 'a' ? r.nik_a : r.nik_b;
    const desa = r[`${side}_code`] as string;
    return {
      nik: maskNik(user, nik, desa)!,
      name: r[`${side}_name`] as string,
      birthDate: r[`${side}_birth_date`] as string | null,
      region: regionFrom(r, `${side}_`, `${side}_region_name`),
    };
  };
  const edges = page.map((r) => ({
    cursor: encodeCursor(DUP_CURSOR, `${r.score}|${r.h}`),
    node: { a: person(r, 'a'), b: person(r, 'b'), score: r.score, reasons: r.reasons },
  }));
  return {
    totalCount,
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.length ? edges[edges.length - 1]!.cursor : null },
  };
}

export type DuplicateVerdict = 'SAME' | 'DIFFERENT';

interface PairPerson {
  nik: string;
  name_norm: string | null;
  sex: string | null;
  no_kk: string;
  birth_date: string | null;
  desa_code: string;
  kab_code: string;
}

/**
 * Records a reviewer's verdict on a pair (ADMIN, or OPERATOR when both persons live in
 * their region; audit-logged). DIFFERENT removes the pair from duplicate_pair and keeps
 * it out of every later recompute; SAME keeps it in (scored, with the reviewer as reason)
 * whatever its score — it counts in the figure whenever both persons have rows matching
 * the filter. Returns true when the pair is kept (SAME), false when removed (DIFFERENT).
 */
export async function reviewDuplicatePair(
  em: EntityManager,
  user: AuthUser,
  input: { nikA: string; nikB: string; verdict: DuplicateVerdict; note?: string | null },
): Promise<boolean> {
  const x = input.nikA.trim();
  const y = input.nikB.trim();
  if (x === y) throw badInput('nikA and nikB are the same NIK; a pair needs two persons.', { argumentName: 'nikB' });
  const [nikA, nikB] = x < y ? [x, y] : [y, x];
  const note = input.note?.trim() || null;
  if (note && note.length > 500) throw badInput('note: at most 500 characters.', { argumentName: 'note' });
  return em.transactional(async (tx) => {
    const persons = await tx.execute<PairPerson[]>(
      `select p.nik, p.name_norm, p.sex, p.no_kk, p.birth_date::text as birth_date, h.desa_code, h.kab_code
       from person p join household h on h.no_kk = p.no_kk where p.nik in (?, ?)`,
      [nikA, nikB],
    );
    const pa = persons.find((p) => p.nik === nikA);
    const pb = persons.find((p) => p.nik === nikB);
    if (!pa || !pb) {
      throw badInput(`No roster person with NIK ${maskNik(user, !pa ? nikA : nikB, null)}.`, { argumentName: !pa ? 'nikA' : 'nikB' });
    }
    assertCanWrite(user, pa.desa_code);
    assertCanWrite(user, pb.desa_code);
    await tx.execute(
      `insert into duplicate_review (nik_a, nik_b, verdict, note, username) values (?, ?, ?, ?, ?)
       on conflict (nik_a, nik_b) do update set verdict = excluded.verdict, note = excluded.note,
         username = excluded.username, reviewed_at = now()`,
      [nikA, nikB, input.verdict, note, user.username],
    );
    let counts = false;
    if (input.verdict === 'DIFFERENT') {
      await tx.execute(`delete from duplicate_pair where nik_a = ? and nik_b = ?`, [nikA, nikB]);
    } else {
      const words = [...new Set(`${pa.name_norm ?? ''} ${pb.name_norm ?? ''}`.split(' ').filter(Boolean))];
      const names = await currentNameMatcher(tx, words);
      const s = scorePair(
        { nik: pa.nik, norm: pa.name_norm ?? '', sex: pa.sex, noKk: pa.no_kk, desa: pa.desa_code },
        { nik: pb.nik, norm: pb.name_norm ?? '', sex: pb.sex, noKk: pb.no_kk, desa: pb.desa_code },
        names,
        await scopeSizes(tx),
        pa.birth_date != null && pa.birth_date === pb.birth_date,
      );
      s.reasons.push(`confirmed same person by ${user.username}`);
      await tx.execute(
        `insert into duplicate_pair (nik_a, nik_b, score, reasons, desa_code, kab_code, kab_code_b)
         values (?, ?, ?, ?::text[], ?, ?, ?)
         on conflict (nik_a, nik_b) do update set score = excluded.score, reasons = excluded.reasons`,
        [nikA, nikB, s.score, pgArray(s.reasons), pa.desa_code, pa.kab_code, pb.kab_code],
      );
      counts = true;
    }
    await audit(tx, {
      username: user.username,
      action: 'duplicate_reviewed',
      detail: { nikA: maskNik(user, nikA, null), nikB: maskNik(user, nikB, null), verdict: input.verdict, note },
    });
    return counts;
  });
}

/** Sets the duplicate threshold (ADMIN) and recomputes every pair with it, in one transaction. */
export async function setDuplicateThreshold(em: EntityManager, user: AuthUser, value: number): Promise<number> {
  assertCanWrite(user, null);
  if (!(Number.isFinite(value) && value > 0 && value <= 1)) {
    throw badInput(`value: the duplicate threshold must be above 0 and at most 1, got ${value}.`, { argumentName: 'value' });
  }
  const v = parseThreshold(String(value), 'threshold');
  await em.transactional(async (tx) => {
    const before = await dedupThreshold(tx);
    await tx.execute(`insert into app_setting (key, value) values (?, ?) on conflict (key) do update set value = excluded.value`, [
      THRESHOLD_SETTING,
      String(v),
    ]);
    const stats = await refreshDuplicates(tx, { all: true });
    await audit(tx, { username: user.username, action: 'duplicate_threshold_set', detail: { from: before, to: v, pairs: stats.pairs } });
  });
  return v;
}

// ---------------------------------------------------------------------------
// Exclusive programs

export interface ExclusivePairOut {
  id: number;
  programA: string;
  programB: string;
  year: number | null;
  note: string | null;
}

export async function listExclusivePairs(em: EntityManager): Promise<ExclusivePairOut[]> {
  return em.execute<ExclusivePairOut[]>(
    `select id, program_a as "programA", program_b as "programB", year, note from exclusive_program_pair order by program_a, program_b, year nulls first`,
  );
}

/** Adds a pair of programs that may not be paid to one household in one year (ADMIN), and recomputes violations. */
export async function addExclusivePair(
  em: EntityManager,
  user: AuthUser,
  input: { programA: string; programB: string; year?: number | null; note?: string | null },
): Promise<ExclusivePairOut> {
  const [a, b] = [input.programA.trim().toUpperCase(), input.programB.trim().toUpperCase()].sort() as [string, string];
  if (a === b) throw badInput('programA and programB must be two different programs.', { argumentName: 'programB' });
  const year = input.year ?? null;
  if (year !== null && !(Number.isInteger(year) && year >= 1945 && year <= 2100)) {
    throw badInput(`year: ${year} is not a year (expected e.g. 2020).`, { argumentName: 'year' });
  }
  return em.transactional(async (tx) => {
    const progs = await tx.execute<{ code: string; up: string }[]>(
      `select code, upper(code) as up from program where upper(code) in (?, ?)`,
      [a, b],
    );
    const codeOf = (p: string) => progs.find((x) => x.up === p)?.code;
    for (const p of [a, b]) if (!codeOf(p)) throw badInput(`Unknown program code ${p}.`, { argumentName: p === a ? 'programA' : 'programB' });
    const [ca, cb] = [codeOf(a)!, codeOf(b)!].sort() as [string, string];
    const exists = await tx.execute(
      `select 1 from exclusive_program_pair where program_a = ? and program_b = ? and coalesce(year, -1) = coalesce(?::int, -1)`,
      [ca, cb, year],
    );
    if (exists.length) throw badInput(`${ca} × ${cb}${year ? ` in ${year}` : ''} is already an exclusive pair.`);
    const [row] = await tx.execute<ExclusivePairOut[]>(
      `insert into exclusive_program_pair (program_a, program_b, year, note) values (?, ?, ?, ?)
       returning id, program_a as "programA", program_b as "programB", year, note`,
      [ca, cb, year, input.note?.trim() || null],
    );
    await refreshExclusiveViolations(tx);
    await audit(tx, { username: user.username, action: 'exclusive_pair_added', detail: { ...row } });
    return row!;
  });
}

/** Removes an exclusive pair (ADMIN); its violations go with it. Returns whether it existed. */
export async function removeExclusivePair(em: EntityManager, user: AuthUser, id: number): Promise<boolean> {
  return em.transactional(async (tx) => {
    const rows = await tx.execute<ExclusivePairOut[]>(
      `delete from exclusive_program_pair where id = ? returning id, program_a as "programA", program_b as "programB", year, note`,
      [id],
    );
    if (!rows.length) return false;
    await audit(tx, { username: user.username, action: 'exclusive_pair_removed', detail: { ...rows[0] } });
    return true;
  });
}

/** Rebuilds exclusive_violation from payment_match (after recipients/households imports and pair changes). */
export async function refreshExclusiveViolations(tx: EntityManager): Promise<void> {
  await tx.execute(`delete from exclusive_violation`);
  await run(tx, 'exclusive-refresh');
}

export interface ExclusiveViolationOut {
  noKk: string;
  headName: string | null;
  region: RegionType;
  year: number;
  programA: string;
  programB: string;
  rowsA: number;
  rowsB: number;
  amountA: number;
  amountB: number;
}

const EXCL_CURSOR = 'excl';

/** Households paid by both programs of an exclusive pair in one year, with the money of each; No. KK masked. */
export async function listExclusiveViolations(
  em: EntityManager,
  user: AuthUser,
  q: { within?: string | null; year?: number | null; programs?: readonly string[] | null; first?: number | null; after?: string | null },
): Promise<Page<ExclusiveViolationOut> & { amountA: number; amountB: number }> {
  assertCanSeeHouseholds(user);
  const size = pageSize(q.first);
  const w = aidWindow({ programs: q.programs, year: q.year }, 'exclusiveProgramViolations');
  const within = await withinPrefix(em, q.within);
  await checkPrograms(em, w, 'programs');
  let afterKey: string | null = null;
  if (q.after != null) {
    afterKey = decodeCursor(EXCL_CURSOR, q.after);
    if (!/^\d{1,10}\|\d{4}\|\d{10}\|[0-9a-f]{32}$/.test(afterKey)) {
      throw badInput(`after: "${q.after}" is not a cursor of exclusiveProgramViolations.`, { argumentName: 'after' });
    }
  }
  const rows = await run<Record<string, unknown>>(em, 'exclusive-violations-page', {
    within,
    programs: w.programs,
    year: w.year,
    afterKey,
    limit: size + 1,
  });
  const head = rows[0]!;
  const data = rows.filter((r) => r.key != null);
  const edges = data.slice(0, size).map((r) => ({
    cursor: encodeCursor(EXCL_CURSOR, r.key as string),
    node: {
      noKk: maskNik(user, r.no_kk as string, r.code as string)!,
      headName: (r.head_name as string | null) ?? null,
      region: regionFrom(r, ''),
      year: r.year as number,
      programA: r.program_a as string,
      programB: r.program_b as string,
      rowsA: r.rows_a as number,
      rowsB: r.rows_b as number,
      amountA: r.amount_a as number,
      amountB: r.amount_b as number,
    },
  }));
  return {
    totalCount: head.total as number,
    amountA: head.total_amount_a as number,
    amountB: head.total_amount_b as number,
    edges,
    pageInfo: { hasNextPage: data.length > size, endCursor: edges.length ? edges[edges.length - 1]!.cursor : null },
  };
}

// ---------------------------------------------------------------------------
// Civil registry: moved and deceased recipients

export async function refreshCivilRisk(tx: EntityManager): Promise<void> {
  await tx.execute(`delete from civil_risk_rollup`);
  await run(tx, 'civil-risk-refresh');
}

export interface CivilRiskFigures {
  movedRecipients: number;
  movedAmount: number;
  deceasedRecipients: number;
  deceasedAmount: number;
}

export interface CivilRiskRow extends CivilRiskFigures {
  region: RegionType;
  byProgram: (CivilRiskFigures & { program: string })[];
}

/** Per region of `level` at/inside `within` (zeros included): rows and money paid after a move or a death, per program. */
export async function civilRegistryRisk(
  em: EntityManager,
  level: RegionLevel,
  within: string | null | undefined,
  filter?: AidFilterInput | null,
): Promise<CivilRiskRow[]> {
  const w = aidWindow(filter);
  const prefix = await resolveWithin(em, level, within);
  await checkPrograms(em, w);
  const lvl = LEVEL_NUMBER[level];
  const rows = await run<RegionRow & { program: string | null; moved_rows: number; moved_amount: number; deceased_rows: number; deceased_amount: number }>(
    em,
    'civil-risk',
    { level: lvl, len: CODE_LENGTH[lvl], within: prefix, programs: w.programs, year: w.year, stage: w.stage },
  );
  const out: CivilRiskRow[] = [];
  let cur: CivilRiskRow | undefined;
  let curCode = '';
  for (const r of rows) {
    if (!cur || curCode !== r.code) {
      curCode = r.code;
      cur = { region: toRegionType(r), movedRecipients: 0, movedAmount: 0, deceasedRecipients: 0, deceasedAmount: 0, byProgram: [] };
      out.push(cur);
    }
    if (r.program == null) continue;
    const f = { program: r.program, movedRecipients: r.moved_rows, movedAmount: r.moved_amount, deceasedRecipients: r.deceased_rows, deceasedAmount: r.deceased_amount };
    cur.byProgram.push(f);
    cur.movedRecipients += f.movedRecipients;
    cur.movedAmount += f.movedAmount;
    cur.deceasedRecipients += f.deceasedRecipients;
    cur.deceasedAmount += f.deceasedAmount;
  }
  return out;
}
