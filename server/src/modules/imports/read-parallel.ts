import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { tsWorker } from '../../ts-worker';
import { FileRefusal, type CsvRange, type FileInfo, type TextEncoding } from './read-file';
import { sortedDistinct } from './key-hashes';
import { joinTallies, type ReadTally } from './row-intake';
import type { StageWriter } from './stage';
import type { ImportKind, RefData } from './types';

/** A CSV smaller than this is read on the main thread: starting the workers costs more than they save. */
export const PARALLEL_MIN_BYTES = 16 << 20;

/** Read workers for a file: one per core, at most four; 1 (no workers: the main thread reads) on one core. */
export function readWorkerCount(): number {
  return Math.min(4, os.availableParallelism());
}

/** Whether a file may be read in parallel at all: a large CSV in which a byte is a byte of the delimiters and line breaks. */
export function parallelCandidate(info: FileInfo, opts: { minBytes?: number; workers?: number } = {}): boolean {
  if ((opts.workers ?? readWorkerCount()) < 2 || info.size < (opts.minBytes ?? PARALLEL_MIN_BYTES)) return false;
  return info.format === 'csv' && (info.encoding === 'utf8' || info.encoding === 'windows-1252');
}

/** What a read worker needs (read.worker.ts): all of it structured-clonable. */
export interface ReadJob {
  filePath: string;
  encoding: TextEncoding;
  range: CsvRange;
  kind: ImportKind;
  ref: RefData;
  /** Header name → column index, from the header the main thread read. */
  header: [string, number][];
  /** Records up to this line are the header and the blank lines before it. */
  headerLine: number;
  nikValidAt: number;
  /** Index of the staged column whose values the worker hashes (key-hashes.ts); -1: none. */
  uniqueAt: number;
}

export type ReadWorkerMessage =
  | { type: 'chunk'; data: Uint8Array }
  | { type: 'progress'; rows: number }
  | { type: 'done'; tally: ReadTally; keys: Float64Array | null }
  | { type: 'refusal'; message: string; line: number | null; column: string | null; value: string | null }
  | { type: 'error'; message: string; stack?: string };

/** COPY text chunks a worker may have sent and not yet seen written (bounds the memory in between). */
export const CHUNKS_IN_FLIGHT = 3;

/**
 * Worker threads that validate a large CSV at once, one byte range each (splitCsv), and stream the
 * COPY text they make into the one staging load, chunk by chunk as it comes: the staging table is
 * keyed by line, so the order of the chunks does not matter. The read is bound by validation in
 * JavaScript (1M roster rows: ~8 s on one thread). Row errors and NIKs to protect come back per range
 * and are joined in file order. The workers are started before the file's ranges are known, so that
 * loading their code overlaps the import's other preparations; each waits for its job.
 */
export class ReadWorkers {
  private readonly workers: Worker[];
  /** Why a worker stopped before run() listened to it (it failed to load, say); run() reports it. */
  private readonly early: (Error | undefined)[];

  private constructor(count: number) {
    this.workers = Array.from({ length: count }, () => tsWorker(new URL('./read.worker.ts', import.meta.url)));
    this.early = this.workers.map(() => undefined);
    this.workers.forEach((w, k) => {
      w.once('error', (err) => (this.early[k] ??= err));
      w.once('exit', (code) => (this.early[k] ??= new Error(`Read worker ${k + 1} stopped (exit code ${code}) before it was given its part of the file.`)));
    });
  }

  static start(count: number): ReadWorkers {
    return new ReadWorkers(count);
  }

  get size(): number {
    return this.workers.length;
  }

  /** Stops every worker (after run(), or when the file is read on the main thread after all). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /** Runs one job per worker (at most as many jobs as workers) and resolves with the joined tally. */
  run(jobs: ReadJob[], writer: StageWriter & { addRaw(text: Buffer): Promise<void> }, onRows: (rows: number) => void): Promise<ReadTally> {
    if (jobs.length > this.workers.length) throw new Error(`${jobs.length} read jobs for ${this.workers.length} workers.`);
    const workers = this.workers.slice(0, jobs.length);
    const early = this.early.slice(0, jobs.length).find((e) => e);
    if (early) return Promise.reject(early);
    return new Promise<ReadTally>((resolve, reject) => {
      const tallies: (ReadTally | undefined)[] = jobs.map(() => undefined);
      const keys: (Float64Array | null)[] = jobs.map(() => null);
      let writes = Promise.resolve();
      let failed = false;
      let rows = 0;
      const fail = (err: Error) => {
        if (failed) return;
        failed = true;
        // wait for the write in progress: the caller aborts the load next, which needs the connection free
        void writes.finally(() => this.close()).finally(() => reject(err));
      };
      workers.forEach((worker, k) => {
        worker.on('message', (m: ReadWorkerMessage) => {
          if (failed) return;
          if (m.type === 'chunk') {
            const text = Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength);
            writes = writes.then(async () => {
              if (failed) return;
              try {
                await writer.addRaw(text);
                worker.postMessage({ type: 'ack' });
              } catch (err) {
                fail(err as Error);
              }
            });
          } else if (m.type === 'progress') {
            rows += m.rows;
            onRows(rows);
          } else if (m.type === 'done') {
            tallies[k] = m.tally;
            keys[k] = m.keys;
            if (tallies.every((t) => t)) {
              void writes.then(() => {
                if (failed) return;
                const all = joinTallies(tallies as ReadTally[]);
                all.distinctKeys = keys.every((h) => h) ? sortedDistinct(keys as Float64Array[]) : null;
                resolve(all);
              });
            }
          } else if (m.type === 'refusal') {
            fail(new FileRefusal(m.message, m.line, m.column, m.value));
          } else {
            const err = new Error(m.message);
            if (m.stack) err.stack = m.stack;
            fail(err);
          }
        });
        worker.on('error', (err) => fail(err));
        worker.on('exit', (code) => {
          if (!tallies[k]) fail(new Error(`Read worker ${k + 1} of ${jobs.length} stopped (exit code ${code}) before the end of its part of the file.`));
        });
        worker.postMessage({ type: 'job', job: jobs[k] });
      });
    });
  }
}
