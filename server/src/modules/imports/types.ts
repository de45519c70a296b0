import type { EntityManager } from '@mikro-orm/postgresql';
import type { RowError } from './import-batch.entity';

export type { RowError };

export const IMPORT_KINDS = ['programs', 'households', 'recipients', 'civil-events', 'budgets'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export function isImportKind(s: string): s is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(s);
}

export type ImportStatus = 'landed' | 'unchanged' | 'refused';

/**
 * The import report (contract §3): printed by the CLI, returned by the upload
 * endpoint. The first six fields are the contract; the rest are extensions.
 */
export interface ImportReport {
  kind: ImportKind;
  file: string;
  status: ImportStatus;
  accepted: number;
  rejected: number;
  /** First MAX_REPORTED_ERRORS row errors, ordered by line; `rejected` stays exact. */
  errors: RowError[];
  /** import_batch.id of this attempt (every attempt is recorded). */
  batchId: string;
  /** Accepted rows kept with a present-but-invalid (or, for recipients, empty) NIK. */
  invalidNik: number;
  /** How many row errors were left out of `errors` (0 when all are listed). */
  errorsOmitted: number;
  /** One sentence for people: why refused, or which earlier import made this one unchanged. */
  message: string;
}

export interface ImportProgress {
  rows: number;
  phase: 'inspect' | 'read' | 'check' | 'merge' | 'hooks' | 'done';
}

export interface ImportOptions {
  kind: ImportKind;
  filePath: string;
  /** Name recorded and reported (defaults to the file's base name; uploads pass the original name). */
  fileName?: string;
  /** Refuse the whole file when any row is rejected. */
  strict?: boolean;
  username?: string | null;
  onProgress?: (p: ImportProgress) => void;
  /**
   * When a CSV is validated in worker threads (read-parallel.ts): from `minBytes` (default
   * PARALLEL_MIN_BYTES), with `workers` ranges (default: one per core, at most 4; fewer than 2 reads
   * on the main thread). The tests set it to compare both reads on small files.
   */
  parallelRead?: { minBytes?: number; workers?: number };
  /** Undotted region prefix of an OPERATOR: rows outside it are rejected. null/undefined = everywhere. */
  allowedRegion?: string | null;
}

/** A cell as read: CSV gives strings, XLSX also numbers, dates and booleans. Empty = null or ''. */
export type Cell = string | number | boolean | Date | null;

/** A value for a staging column (text, number, boolean, date as YYYY-MM-DD, or null). */
export type StageValue = string | number | boolean | null;

export interface ColumnSpec {
  name: string;
  required: boolean;
}

/** Reference data loaded once per import, used by row validation. */
export interface RefData {
  /** Undotted desa/kelurahan codes (level 4) in the region table. */
  desa: Set<string>;
  /** Every undotted region code (all levels). */
  regions: Set<string>;
  /** Upper-cased program code → code as stored. */
  programs: Map<string, string>;
  /** Kecamatan codes a NIK may start with (nik_region). */
  kecamatan: Set<string>;
  allowedRegion: string | null;
}

/**
 * A SQL query over the staging table `stg` returning rejected rows: (line, column, value, message).
 * `uniqueColumn`: the check only rejects rows that repeat a value of this staged column, so it is
 * skipped when the read has proved the column's values distinct (key-hashes.ts).
 */
export type StagedCheck = { sql: string; params?: unknown[]; uniqueColumn?: string };

export interface RowOutcome {
  /** Staged values in the order of `staging` (null = the row is rejected). */
  values: StageValue[] | null;
  /** For a rejected row: a NIK the merge must leave alone (a rejected row changes nothing). */
  protect?: string | null;
}

export interface KindDefinition {
  kind: ImportKind;
  columns: ColumnSpec[];
  /** Groups of columns of which the header must hold at least one (recipients: nik or no_kk). */
  anyOf?: string[][];
  /** Staging table columns after `line int` (name, SQL type). */
  staging: { name: string; type: string }[];
  /**
   * Append-only kinds whose staged columns are exactly the target table's: with no staged
   * checks to run, rows are bulk-loaded straight into `table` (plus line and import_id) and
   * the merge is skipped — half the work, same single transaction.
   */
  direct?: { table: string };
  /** Tables whose secondary indexes and foreign keys a bulk load may rebuild (bulk.ts). */
  bulkTables?: string[];
  /** Reason this kind may not be imported with a region restriction (e.g. programs are national). */
  regionRestrictedRefusal?: string;
  /** Validates one data row; reports problems through `r` and returns the staged values (null = rejected). */
  validateRow(r: import('./row-reader').RowReader, ref: RefData): RowOutcome;
  /** Set-based checks after staging, run in order; rows they return are removed from staging and rejected. */
  stagedChecks?(ref: RefData): StagedCheck[];
  /**
   * Moves the staged rows into the model (set-based SQL inside the import transaction).
   * `bulk`: a bulk load (bulk.ts) whose target tables have no indexes, not even their keys, until after the merge.
   */
  merge(tx: EntityManager, batchId: string, opts: { bulk: boolean }): Promise<void>;
}
