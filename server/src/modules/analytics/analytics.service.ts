import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sqlFile } from '../../db/sql';
import { badInput } from '../../graphql/errors';
import { CODE_LENGTH, LEVEL_NUMBER, type RegionLevel } from '../regions/region.entity';
import { parseRegionCode, resolveWithin, type RegionRow } from '../regions/region.service';

const SQL_DIR = `${import.meta.dirname}/sql`;

/** A Postgres array literal for a `:param::text[]` parameter (knex would expand a JS array into a list). */
export function pgArray(values: readonly (string | number)[]): string {
  return `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${v.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}

/** AidFilter of contract §5 as given by a caller (GraphQL input or export query string). */
export interface AidFilterInput {
  programs?: readonly string[] | null;
  year?: number | null;
  stage?: number | null;
}

/** AidFilter checked and ready for the SQL: program codes upper-cased as an array literal (null = every program). */
export interface AidWindow {
  programs: string | null;
  /** The upper-cased codes, for messages. */
  programList: string[] | null;
  year: number | null;
  stage: number | null;
}

/** Checks an AidFilter's shape (no database needed); unknown program codes are refused by the query itself. */
export function aidWindow(filter: AidFilterInput | null | undefined, argName = 'filter'): AidWindow {
  const f = filter ?? {};
  let programList: string[] | null = null;
  if (f.programs != null) {
    programList = [...new Set(f.programs.map((p) => p.trim().toUpperCase()))];
    if (programList.length === 0 || programList.some((p) => p === '')) {
      throw badInput(`${argName}.programs: give at least one program code, or leave it out for every program.`, {
        argumentName: argName,
      });
    }
  }
  const year = f.year ?? null;
  if (year !== null && !(Number.isInteger(year) && year >= 1945 && year <= 2100)) {
    throw badInput(`${argName}.year: ${year} is not a year (expected e.g. 2020).`, { argumentName: argName });
  }
  const stage = f.stage ?? null;
  if (stage !== null && !(Number.isInteger(stage) && stage >= 1 && stage <= 99)) {
    throw badInput(`${argName}.stage: ${stage} is not a stage (tahap) number; expected 1, 2, 3 …`, { argumentName: argName });
  }
  return { programs: programList ? pgArray(programList) : null, programList, year, stage };
}

export interface CoverageRow extends RegionRow {
  households: number;
  dtks_households: number;
  aided_households: number;
  stacked_households: number;
  unaided_dtks_households: number;
  aided_non_dtks_households: number;
  aid_amount: number;
}

export interface DataQualityRow extends RegionRow {
  invalid_nik: number;
  unmatched_recipients: number;
  duplicate_payments: number;
  deceased_recipients: number;
  possible_duplicates: number;
}

type Checked = { unknown_programs: string[] | null };

/**
 * Runs one per-region figure query. The query returns every region of the level at/inside
 * `within` and names unknown filter programs itself, so a good request costs one round trip;
 * only an empty answer is examined further to tell a bad argument from a level with no regions.
 */
async function regionFigures<T extends RegionRow>(
  em: EntityManager,
  file: string,
  level: RegionLevel,
  within: string | null | undefined,
  window: AidWindow,
): Promise<T[]> {
  const prefix = within == null || within === '' ? null : parseRegionCode(within);
  const lvl = LEVEL_NUMBER[level];
  const rows = await runSql<T & Checked>(em, sqlFile(SQL_DIR, file), {
    level: lvl,
    len: CODE_LENGTH[lvl],
    within: prefix,
    programs: window.programs,
    year: window.year,
    stage: window.stage,
    yk: window.year ?? -1,
    sk: window.stage ?? -1,
  });
  let unknown = rows[0]?.unknown_programs ?? [];
  if (rows.length === 0) {
    await resolveWithin(em, level, within); // throws BAD_USER_INPUT naming the code when it is unknown or below the level
    if (window.programs) {
      unknown = (await runSql<{ code: string }>(em, sqlFile(SQL_DIR, 'unknown-programs'), { programs: window.programs })).map((r) => r.code);
    }
  }
  if (unknown.length) {
    throw badInput(`filter.programs: unknown program code(s) ${unknown.join(', ')}.`, { argumentName: 'filter' });
  }
  for (const r of rows) delete (r as Partial<Checked>).unknown_programs;
  return rows;
}

/** coverage (contract §5): one row per region of `level` at/inside `within`, zeros included. One query. */
export function coverage(em: EntityManager, level: RegionLevel, within: string | null | undefined, filter?: AidFilterInput | null): Promise<CoverageRow[]> {
  return regionFigures<CoverageRow>(em, 'coverage', level, within, aidWindow(filter));
}

/** dataQuality (contract §5): one row per region of `level` at/inside `within`, zeros included. One query. */
export function dataQuality(
  em: EntityManager,
  level: RegionLevel,
  within: string | null | undefined,
  filter?: AidFilterInput | null,
): Promise<DataQualityRow[]> {
  return regionFigures<DataQualityRow>(em, 'data-quality', level, within, aidWindow(filter));
}
