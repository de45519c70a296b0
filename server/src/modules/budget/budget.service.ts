import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sqlFile } from '../../db/sql';
import { badInput } from '../../graphql/errors';
import { CODE_LENGTH, LEVEL_NUMBER, RegionLevel } from '../regions/region.entity';
import { resolveWithin, type RegionRow } from '../regions/region.service';
import { coverage } from '../analytics/analytics.service';

const SQL_DIR = `${import.meta.dirname}/sql`;

export interface BudgetFigures {
  allocated: number;
  disbursed: number;
  outstanding: number;
  realisation_rate: number;
}
export type RegionBudgetRow = RegionRow & BudgetFigures;
export type StageBudgetRow = BudgetFigures & { stage: number | null };
export type RegionStageBudgetRow = StageBudgetRow & { code: string };

export interface BudgetQuery {
  year: number;
  level: RegionLevel;
  within?: string | null;
  programs?: readonly string[] | null;
  stage?: number | null;
}

/** A Postgres array literal for a `?::text[]` parameter (knex would expand a JS array into a list). */
export function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

export function checkYear(year: number): number {
  if (!Number.isInteger(year) || year < 1945 || year > 2100)
    throw badInput(`year: ${year} is not a budget year (expected e.g. 2020).`, { argumentName: 'year' });
  return year;
}

export function checkStage(stage: number | null | undefined): number | null {
  if (stage == null) return null;
  if (!Number.isInteger(stage) || stage < 1 || stage > 99)
    throw badInput(`stage: ${stage} is not a stage (tahap) number; expected 1, 2, 3 …`, { argumentName: 'stage' });
  return stage;
}

/**
 * Program filter as a Postgres array literal, or null for all programs. Unknown codes are
 * refused: a typo would otherwise show as a region list of zeros, which reads as a fact.
 */
export async function programFilter(em: EntityManager, programs: readonly string[] | null | undefined): Promise<string | null> {
  if (programs == null) return null;
  const asked = [...new Set(programs.map((p) => p.trim()))];
  if (asked.length === 0)
    throw badInput('programs: give at least one program code, or omit the argument for all programs.', { argumentName: 'programs' });
  // Codes are matched case-insensitively (bst = BST) and passed on as stored.
  const known = await em.execute<{ code: string }[]>(`select code from program where upper(code) = any(?::text[])`, [
    pgTextArray(asked.map((c) => c.toUpperCase())),
  ]);
  const knownUpper = new Set(known.map((k) => k.code.toUpperCase()));
  const unknown = asked.filter((c) => !knownUpper.has(c.toUpperCase()));
  if (unknown.length) throw badInput(`programs: unknown program code(s) ${unknown.join(', ')}.`, { argumentName: 'programs' });
  return pgTextArray(known.map((k) => k.code));
}

/** budgetRealisation (contract §5): every region of the level at/inside `within`, lines rolled up by code prefix. One query. */
export async function budgetRealisation(em: EntityManager, q: BudgetQuery): Promise<RegionBudgetRow[]> {
  const year = checkYear(q.year);
  const stage = checkStage(q.stage);
  const within = await resolveWithin(em, q.level, q.within);
  const programs = await programFilter(em, q.programs);
  const level = LEVEL_NUMBER[q.level];
  return runSql<RegionBudgetRow>(em, sqlFile(SQL_DIR, 'budget-realisation'), {
    year,
    level,
    len: CODE_LENGTH[level],
    within,
    programs,
    stage,
  });
}

/**
 * The regions of a level with the largest outstanding amounts, largest first (ties by code);
 * regions with nothing outstanding are left out. Ranked from the budgetRealisation rows, so
 * the two can never disagree.
 */
export async function largestOutstanding(em: EntityManager, q: BudgetQuery & { limit?: number | null }): Promise<RegionBudgetRow[]> {
  const limit = q.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw badInput(`limit: ${limit} must be between 1 and 500.`, { argumentName: 'limit' });
  const rows = await budgetRealisation(em, q);
  return rows
    .filter((r) => r.outstanding > 0)
    .sort((a, b) => b.outstanding - a.outstanding || a.code.localeCompare(b.code))
    .slice(0, limit);
}

/** The year's budget at/inside `within` (any level; everywhere when omitted) as a series by stage. */
export async function budgetByStage(
  em: EntityManager,
  q: { year: number; within?: string | null; programs?: readonly string[] | null },
): Promise<StageBudgetRow[]> {
  const year = checkYear(q.year);
  // VILLAGE: any known region may bound the series.
  const within = await resolveWithin(em, RegionLevel.VILLAGE, q.within);
  const programs = await programFilter(em, q.programs);
  return runSql<StageBudgetRow>(em, sqlFile(SQL_DIR, 'budget-by-stage'), { year, within, programs });
}

/** Per region of a level and stage (only pairs with lines); the rakorev snapshot freezes these. */
export async function budgetByRegionAndStage(
  em: EntityManager,
  q: { year: number; level: RegionLevel; within?: string | null; programs?: readonly string[] | null },
): Promise<RegionStageBudgetRow[]> {
  const year = checkYear(q.year);
  const within = await resolveWithin(em, q.level, q.within);
  const programs = await programFilter(em, q.programs);
  return runSql<RegionStageBudgetRow>(em, sqlFile(SQL_DIR, 'budget-region-stage'), {
    year,
    len: CODE_LENGTH[LEVEL_NUMBER[q.level]],
    within,
    programs,
  });
}

export interface DisbursementRow {
  month: string | null;
  program: string;
  amount: number;
  recipientRows: number;
  cumulativeAmount: number;
}

/** Recipient-row payments of a year by month (tanggal_salur) and program, placed as coverage places them. */
export async function disbursementTimeline(
  em: EntityManager,
  q: { year: number; within?: string | null; programs?: readonly string[] | null },
): Promise<DisbursementRow[]> {
  const year = checkYear(q.year);
  const within = await resolveWithin(em, RegionLevel.VILLAGE, q.within);
  const programs = await programFilter(em, q.programs);
  const rows = await runSql<{ month: string | null; program: string; amount: number; recipient_rows: number; cumulative_amount: number }>(
    em,
    sqlFile(SQL_DIR, 'disbursement-timeline'),
    { year, within, programs },
  );
  return rows.map((r) => ({
    month: r.month,
    program: r.program,
    amount: r.amount,
    recipientRows: r.recipient_rows,
    cumulativeAmount: r.cumulative_amount,
  }));
}

export interface CostRow extends RegionRow {
  disbursed: number;
  paid_amount: number;
  recipient_rows: number;
  aided_households: number;
  cost_per_aided_household: number;
  cost_per_recipient_row: number;
}

/**
 * Realised budget per aided household and per recipient row. Aided households are taken from
 * the analytics coverage query with the same filter, so the matching rule lives in one place.
 */
export async function budgetCost(em: EntityManager, q: BudgetQuery): Promise<CostRow[]> {
  const year = checkYear(q.year);
  const stage = checkStage(q.stage);
  const within = await resolveWithin(em, q.level, q.within);
  const programs = await programFilter(em, q.programs);
  const level = LEVEL_NUMBER[q.level];
  const rows = await runSql<Omit<CostRow, 'aided_households' | 'cost_per_aided_household' | 'cost_per_recipient_row'>>(
    em,
    sqlFile(SQL_DIR, 'budget-cost'),
    { year, level, len: CODE_LENGTH[level], within, programs, stage },
  );
  const aided = new Map(
    (await coverage(em, q.level, within, { year, stage, programs: q.programs ?? null })).map((c) => [c.code, c.aided_households]),
  );
  return rows.map((r) => {
    const households = aided.get(r.code) ?? 0;
    return {
      ...r,
      aided_households: households,
      cost_per_aided_household: households > 0 ? r.disbursed / households : 0,
      cost_per_recipient_row: r.recipient_rows > 0 ? r.disbursed / r.recipient_rows : 0,
    };
  });
}
