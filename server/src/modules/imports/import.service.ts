import path from 'node:path';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { afterImportHooks } from './after-import';
import { dropForBulk, planBulkLoad, restoreAfterBulk } from './bulk';
import { KINDS } from './kinds';
import { csvLayout, FileRefusal, inspectFile, readRows, splitCsv, type FileInfo, type RawRow } from './read-file';
import { parallelCandidate, ReadWorkers, readWorkerCount } from './read-parallel';
import { RowReader } from './row-reader';
import { emptyTally, intakeRow, MAX_REPORTED_ERRORS } from './row-intake';
import { KeyHashes, sortedDistinct } from './key-hashes';
import { blobCopyWriter, copyWriter, isPglite, transactionConnection, unnestWriter, type StageWriter } from './stage';
import { embeddedAt } from '../../db/embedded';
import { display, isEmpty } from './values';
import { loadKecamatanSet } from '../quality/nik';
import {
  isImportKind,
  type Cell,
  type ImportKind,
  type ImportOptions,
  type ImportProgress,
  type ImportReport,
  type ImportStatus,
  type KindDefinition,
  type RefData,
  type RowError,
} from './types';

export type { ImportKind, ImportOptions, ImportReport } from './types';

export { MAX_REPORTED_ERRORS };
const PROGRESS_EVERY = 10_000;

/** The whole file is refused: nothing lands; recorded in the history with these errors. */
class ImportRefusal extends Error {
  constructor(
    message: string,
    readonly errors: RowError[] = [],
    readonly rejected = 0,
    readonly errorsOmitted = 0,
  ) {
    super(message);
  }
}

/** Header cell → column name: case-insensitive, trimmed, blanks and hyphens as underscores ("Kode Desa" = kode_desa). */
export function normalizeHeader(c: Cell): string {
  return (display(c) ?? '')
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function headerIndex(def: KindDefinition, cells: Cell[], line: number): Map<string, number> {
  const index = new Map<string, number>();
  const dup: string[] = [];
  cells.forEach((c, i) => {
    const name = normalizeHeader(c);
    if (!name) return; // an unnamed column is an extra column: ignored
    if (index.has(name)) dup.push(`"${name}" (kolom ${index.get(name)! + 1} dan ${i + 1})`);
    else index.set(name, i);
  });
  if (dup.length) {
    throw new ImportRefusal(`Nama kolom ganda di baris judul: ${dup.join(', ')}. Setiap kolom hanya boleh muncul sekali.`, [
      { line, column: null, value: null, message: `Nama kolom ganda: ${dup.join(', ')}.` },
    ]);
  }
  const missing = def.columns.filter((c) => c.required && !index.has(c.name)).map((c) => c.name);
  for (const group of def.anyOf ?? []) if (!group.some((g) => index.has(g))) missing.push(group.join(' atau '));
  if (missing.length) {
    const found = [...index.keys()].join(', ') || '(tidak ada)';
    const message =
      `Kolom wajib tidak ada di baris judul: ${missing.join(', ')}. ` +
      `Kolom yang ditemukan: ${found}. Kolom untuk jenis ${def.kind}: ${def.columns.map((c) => c.name).join(', ')}.`;
    throw new ImportRefusal(
      message,
      missing.map((m) => ({ line, column: m, value: null, message: `Kolom wajib "${m}" tidak ada di baris judul.` })),
    );
  }
  return index;
}

async function loadRefData(em: EntityManager, allowedRegion: string | null): Promise<RefData> {
  const regions = await em.execute<{ code: string; level: number }[]>(`select code, level from region`);
  const programs = await em.execute<{ code: string }[]>(`select code from program`);
  return {
    desa: new Set(regions.filter((r) => r.level === 4).map((r) => r.code)),
    regions: new Set(regions.map((r) => r.code)),
    programs: new Map(programs.map((p) => [p.code.toUpperCase(), p.code])),
    kecamatan: await loadKecamatanSet(em),
    allowedRegion,
  };
}

interface Outcome {
  status: ImportStatus;
  accepted: number;
  rejected: number;
  invalidNik: number;
  errors: RowError[];
  errorsOmitted: number;
  message: string;
}

async function insertBatch(em: EntityManager, o: { kind: string; file: string; info: FileInfo; username: string | null }, outcome: Outcome | null): Promise<string> {
  const rows = await em.execute<{ id: string }[]>(
    `insert into import_batch (kind, file_name, content_hash, status, accepted, rejected, invalid_nik, errors, username, byte_size, message, finished_at)
     values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ${outcome ? 'now()' : 'null'}) returning id`,
    [
      o.kind,
      o.file,
      o.info.sha256,
      outcome?.status ?? 'landed',
      outcome?.accepted ?? 0,
      outcome?.rejected ?? 0,
      outcome?.invalidNik ?? 0,
      JSON.stringify(outcome?.errors ?? []),
      o.username,
      o.info.size,
      outcome?.message ?? null,
    ],
  );
  return String(rows[0]!.id);
}

async function audit(em: EntityManager, username: string | null, batchId: string, kind: string, file: string, o: Outcome): Promise<void> {
  await em.execute(`insert into audit_log (username, action, detail) values (?, ?, ?::jsonb)`, [
    username,
    `import.${o.status}`,
    JSON.stringify({ batchId, kind, file, accepted: o.accepted, rejected: o.rejected, invalidNik: o.invalidNik, message: o.message }),
  ]);
}

/**
 * Imports one CSV/XLSX file of one kind (contract §3): one transaction; the
 * accepted rows all land or none do. Streams and validates in Node, bulk-loads
 * a staging table (COPY on PostgreSQL, multi-row INSERT on the embedded one),
 * rejects what needs the whole file or the database (duplicates, region rights)
 * in SQL, merges set-based, runs the after-import hooks, and records the attempt.
 */
export async function importFile(orm: MikroORM, opts: ImportOptions): Promise<ImportReport> {
  if (!isImportKind(opts.kind)) throw new Error(`Unknown import kind "${String(opts.kind)}".`);
  const def = KINDS[opts.kind];
  const file = opts.fileName ?? path.basename(opts.filePath);
  const username = opts.username ?? null;
  const allowedRegion = opts.allowedRegion ? opts.allowedRegion.replace(/\./g, '') : null;
  const progress = (rows: number, phase: ImportProgress['phase']) => opts.onProgress?.({ rows, phase });
  const em = orm.em.fork();

  progress(0, 'inspect');
  const info = await inspectFile(opts.filePath);
  const meta = { kind: def.kind, file, info, username };

  const refuse = async (r: ImportRefusal): Promise<ImportReport> => {
    const outcome: Outcome = {
      status: 'refused',
      accepted: 0,
      rejected: r.rejected,
      invalidNik: 0,
      errors: r.errors,
      errorsOmitted: r.errorsOmitted,
      message: r.message,
    };
    const batchId = await em.fork().transactional(async (tx) => {
      const id = await insertBatch(tx, meta, outcome);
      await audit(tx, username, id, def.kind, file, outcome);
      return id;
    });
    progress(0, 'done');
    return report(def.kind, file, batchId, outcome);
  };

  if (info.refusal) return refuse(new ImportRefusal(info.refusal, [{ line: 1, column: null, value: null, message: info.refusal }]));
  if (allowedRegion && def.regionRestrictedRefusal) {
    return refuse(new ImportRefusal(def.regionRestrictedRefusal, [{ line: 1, column: null, value: null, message: def.regionRestrictedRefusal }]));
  }

  const ref = await loadRefData(em, allowedRegion);
  const pglite = await isPglite(em);
  // A large CSV is validated in worker threads (read-parallel.ts), a range each: the workers start
  // and the file is cut into ranges now, so that both overlap the preparations of the transaction.
  // Direct kinds are read on this thread: their rows get their ids in file order.
  const readWorkers =
    !def.direct && parallelCandidate(info, opts.parallelRead) ? ReadWorkers.start(opts.parallelRead?.workers ?? readWorkerCount()) : null;
  const ranges = readWorkers
    ? csvLayout(opts.filePath, info.encoding).then((layout) => splitCsv(opts.filePath, info.size, layout, readWorkers.size))
    : Promise.resolve(null);
  // The promise is awaited at the header, where a failure fails the import; this handler only keeps
  // one that is never awaited (a file already imported, a refused header) from being unhandled.
  ranges.catch(() => undefined);

  try {
    const result = await em.fork().transactional(async (tx) => {
      // Imports run one at a time: the "already imported" check and the snapshot merges stay consistent.
      await tx.execute(`select pg_advisory_xact_lock(hashtext('bansos.import'))`);
      const prior = await tx.execute<{ id: string; started_at: string }[]>(
        `select id, to_char(started_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC' as started_at from import_batch
         where kind = ? and content_hash = ? and status = 'landed' order by id limit 1`,
        [def.kind, info.sha256],
      );
      if (prior[0]) {
        const outcome: Outcome = {
          status: 'unchanged',
          accepted: 0,
          rejected: 0,
          invalidNik: 0,
          errors: [],
          errorsOmitted: 0,
          message: `Isi berkas ini sudah diimpor (impor #${prior[0].id}, ${prior[0].started_at}); tidak ada yang berubah.`,
        };
        const id = await insertBatch(tx, meta, outcome);
        await audit(tx, username, id, def.kind, file, outcome);
        return { batchId: id, outcome };
      }

      const batchId = await insertBatch(tx, meta, null);
      // Sorts and hashes over a whole file stay in memory (the default 4 MB spills to disk).
      await tx.execute(`set local work_mem = '256MB'`);
      // A load as big as the table it goes into: rebuild its indexes once instead of row by row (bulk.ts).
      const estimatedRows = Math.floor(info.size / (info.format === 'xlsx' ? 30 : 100));
      const bulk = await planBulkLoad(tx, def.bulkTables ?? [], estimatedRows);
      if (bulk) await dropForBulk(tx, bulk);
      const checks = def.stagedChecks?.(ref) ?? [];
      const direct = def.direct && checks.length === 0 ? def.direct.table : null;
      const stagingCols = [{ name: 'line', type: 'int' }, ...def.staging];
      const loadCols = direct ? [...stagingCols, { name: 'import_id', type: 'bigint' }] : stagingCols;
      const table = direct ?? 'stg';
      if (!direct) {
        await tx.execute(`create temp table stg (${stagingCols.map((c) => `${c.name} ${c.type}`).join(', ')}) on commit drop`);
      }
      const conn = await transactionConnection(tx);
      const embedded = pglite ? embeddedAt(orm.config.get('clientUrl')) : undefined;
      const writer: StageWriter = embedded
        ? blobCopyWriter(embedded, table, loadCols.map((c) => c.name))
        : pglite
          ? unnestWriter(conn, table, loadCols) // an embedded database served by another process
          : copyWriter(conn, table, loadCols.map((c) => c.name));
      const nikValidAt = def.staging.findIndex((c) => c.name === 'nik_valid');

      // 1. stream, validate, load (staging, or the target table for direct kinds)
      let tally = emptyTally();
      let reader: RowReader | null = null;
      // the staged column whose values the read proves distinct, to skip the check for repeats
      const uniqueColumn = checks.find((c) => c.uniqueColumn)?.uniqueColumn;
      const uniqueAt = uniqueColumn ? def.staging.findIndex((c) => c.name === uniqueColumn) : -1;
      const keys = uniqueAt >= 0 ? new KeyHashes() : null;
      const batches = readRows(opts.filePath, info);
      try {
        // The header: the first record that is not blank.
        let rest: RawRow[] = [];
        let parallel = false;
        while (!reader) {
          const next = await batches.next();
          if (next.done) break;
          const at = next.value.findIndex((raw) => !raw.cells.every(isEmpty));
          if (at < 0) continue;
          const head = next.value[at]!;
          reader = new RowReader(headerIndex(def, head.cells, head.line));
          rest = next.value.slice(at + 1);
          const cut = await ranges;
          if (cut && writer.addRaw) {
            parallel = true;
            await batches.return(undefined);
            tally = await readWorkers!.run(
              cut.map((range) => ({
                filePath: opts.filePath,
                encoding: info.encoding,
                range,
                kind: def.kind,
                ref,
                header: [...reader!.index],
                headerLine: head.line,
                nikValidAt,
                uniqueAt,
              })),
              writer as StageWriter & { addRaw(text: Buffer): Promise<void> },
              (rows) => progress(rows, 'read'),
            );
          }
        }
        if (reader && !parallel) {
          const take = async (batch: RawRow[]) => {
            for (const raw of batch) {
              if (raw.cells.every(isEmpty)) continue; // blank lines (and ",,,," rows from Excel) are not data
              const values = intakeRow(def, reader!.reset(raw.cells, raw.line), ref, tally, nikValidAt);
              if (values) {
                keys?.add(values[uniqueAt] as string | null);
                const p = writer.add(direct ? [raw.line, ...values, batchId] : [raw.line, ...values]);
                if (p) await p;
              }
              if (tally.rows % PROGRESS_EVERY === 0) progress(tally.rows, 'read');
            }
          };
          await take(rest);
          for await (const batch of batches) await take(batch);
          tally.distinctKeys = keys ? sortedDistinct([keys.sorted()]) : null;
        }
      } catch (err) {
        await batches.return(undefined);
        await writer.abort(err as Error);
        if (err instanceof FileRefusal) {
          throw new ImportRefusal(err.message, [{ line: err.line ?? 1, column: err.column, value: err.value, message: err.message }]);
        }
        throw err;
      }
      await writer.finish();
      if (!reader) {
        const m = 'Berkas tidak berisi baris judul (kosong atau hanya baris kosong).';
        throw new ImportRefusal(m, [{ line: 1, column: null, value: null, message: m }]);
      }
      const { rows, protect, errors } = tally;
      let { accepted, rejected, invalid, errorCount } = tally;
      progress(rows, 'check');

      // 2. checks that need the whole file or the database, set-based
      if (!direct) {
        await tx.execute(`analyze stg`);
        await tx.execute(`create temp table stg_protect (nik text) on commit drop`);
        const protectWriter = unnestWriter(conn, 'stg_protect', [{ name: 'nik', type: 'text' }]);
        for (const n of protect) {
          const p = protectWriter.add([n]);
          if (p) await p;
        }
        await protectWriter.finish();
      }
      if (checks.length) {
        await tx.execute(`create temp table stg_reject (line int, col text, value text, message text) on commit drop`);
        for (const check of checks) {
          if (check.uniqueColumn && tally.distinctKeys) continue; // nothing repeats: nothing to find
          await tx.execute(`insert into stg_reject ${check.sql}`, check.params ?? []);
          await tx.execute(`delete from stg where line in (select line from stg_reject)`);
        }
        const [{ n }] = await tx.execute<{ n: number }[]>(`select count(*)::int as n from stg_reject`);
        if (n > 0) {
          const sqlErrors = await tx.execute<{ line: number; col: string; value: string | null; message: string }[]>(
            `select line, col, value, message from stg_reject order by line limit ${MAX_REPORTED_ERRORS}`,
          );
          errors.push(...sqlErrors.map((e) => ({ line: e.line, column: e.col, value: e.value, message: e.message })));
          errors.sort((a, b) => a.line - b.line);
          rejected += n;
          errorCount += n;
          const [counts] = await tx.execute<{ accepted: number; invalid: number }[]>(
            nikValidAt >= 0
              ? `select count(*)::int as accepted, count(*) filter (where not nik_valid)::int as invalid from stg`
              : `select count(*)::int as accepted, 0 as invalid from stg`,
          );
          accepted = counts!.accepted;
          invalid = counts!.invalid;
        }
      }
      const shown = errors.slice(0, MAX_REPORTED_ERRORS);
      const errorsOmitted = errorCount - shown.length;
      if (opts.strict && rejected > 0) {
        throw new ImportRefusal(
          `Mode ketat (--strict): ${rejected} baris ditolak, jadi seluruh berkas ditolak dan tidak ada yang dimasukkan.`,
          shown,
          rejected,
          errorsOmitted,
        );
      }

      // 3. merge, then the hooks that must change with the data
      progress(rows, 'merge');
      if (!direct) await def.merge(tx, batchId, { bulk: bulk !== null });
      if (bulk) await restoreAfterBulk(tx, bulk);
      progress(rows, 'hooks');
      for (const hook of afterImportHooks) await hook(tx, { kind: def.kind, batchId, analyzed: bulk?.tables ?? [] });

      const outcome: Outcome = {
        status: 'landed',
        accepted,
        rejected,
        invalidNik: invalid,
        errors: shown,
        errorsOmitted,
        message:
          `${accepted} baris diterima, ${rejected} ditolak` + (invalid ? `, ${invalid} di antaranya dengan NIK tidak valid (tetap disimpan).` : '.'),
      };
      await tx.execute(
        `update import_batch set accepted = ?, rejected = ?, invalid_nik = ?, errors = ?::jsonb, message = ?, finished_at = now() where id = ?`,
        [accepted, rejected, invalid, JSON.stringify(shown), outcome.message, batchId],
      );
      await audit(tx, username, batchId, def.kind, file, outcome);
      return { batchId, outcome };
    });
    progress(result.outcome.accepted, 'done');
    return report(def.kind, file, result.batchId, result.outcome);
  } catch (err) {
    if (err instanceof ImportRefusal) return refuse(err);
    throw err;
  } finally {
    await readWorkers?.close();
  }
}

function report(kind: ImportKind, file: string, batchId: string, o: Outcome): ImportReport {
  return {
    kind,
    file,
    status: o.status,
    accepted: o.accepted,
    rejected: o.rejected,
    errors: o.errors,
    batchId,
    invalidNik: o.invalidNik,
    errorsOmitted: o.errorsOmitted,
    message: o.message,
  };
}

export interface ImportHistoryRow {
  id: string;
  kind: string;
  fileName: string;
  contentHash: string;
  status: string;
  accepted: number;
  rejected: number;
  invalidNik: number;
  username: string | null;
  startedAt: string;
  finishedAt: string | null;
  message: string | null;
}

/** The import history, newest first (errors left out; see importBatchErrors). */
export async function listImports(em: EntityManager, opts: { limit?: number; username?: string | null } = {}): Promise<ImportHistoryRow[]> {
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 1000);
  return em.execute<ImportHistoryRow[]>(
    `select id::text as id, kind, file_name as "fileName", content_hash as "contentHash", status, accepted, rejected,
            invalid_nik as "invalidNik", username, started_at as "startedAt", finished_at as "finishedAt", message
     from import_batch ${opts.username !== undefined ? 'where username is not distinct from ?' : ''}
     order by id desc limit ${limit}`,
    opts.username !== undefined ? [opts.username] : [],
  );
}
