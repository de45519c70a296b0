import type { RowReader } from './row-reader';
import type { KindDefinition, RefData, RowError, StageValue } from './types';

/** Row errors kept in the report and in import_batch.errors; the counts stay exact. */
export const MAX_REPORTED_ERRORS = 1000;

/** What reading a file (or a range of it) counted and kept for the report and the merge. */
export interface ReadTally {
  rows: number;
  accepted: number;
  rejected: number;
  invalid: number;
  errorCount: number;
  /** The first MAX_REPORTED_ERRORS row errors, in file order. */
  errors: RowError[];
  /** NIKs named by rejected rows: the merge leaves those persons alone. */
  protect: string[];
  /** Whether the values of the staged unique column were proved distinct (key-hashes.ts); null: not tracked. */
  distinctKeys: boolean | null;
}

export function emptyTally(): ReadTally {
  return { rows: 0, accepted: 0, rejected: 0, invalid: 0, errorCount: 0, errors: [], protect: [], distinctKeys: null };
}

/** The tallies of consecutive ranges of one file, in file order, as one. */
export function joinTallies(parts: ReadTally[]): ReadTally {
  const all = emptyTally();
  for (const t of parts) {
    all.rows += t.rows;
    all.accepted += t.accepted;
    all.rejected += t.rejected;
    all.invalid += t.invalid;
    all.errorCount += t.errorCount;
    for (const e of t.errors) if (all.errors.length < MAX_REPORTED_ERRORS) all.errors.push(e);
    for (const n of t.protect) all.protect.push(n);
  }
  return all;
}

/**
 * Validates one data row (the reader is set to it) and counts it: its staged values when accepted,
 * null when rejected. The one piece of row handling shared by the sequential read and the read workers.
 */
export function intakeRow(def: KindDefinition, reader: RowReader, ref: RefData, tally: ReadTally, nikValidAt: number): StageValue[] | null {
  tally.rows++;
  const out = def.validateRow(reader, ref);
  if (out.values) {
    tally.accepted++;
    if (nikValidAt >= 0 && out.values[nikValidAt] === false) tally.invalid++;
    return out.values;
  }
  tally.rejected++;
  if (out.protect) tally.protect.push(out.protect);
  tally.errorCount += reader.errors.length;
  for (const e of reader.errors) if (tally.errors.length < MAX_REPORTED_ERRORS) tally.errors.push(e);
  return null;
}
