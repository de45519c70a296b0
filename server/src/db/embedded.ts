import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface EmbeddedDb {
  /** postgres:// URL of the socket server, for the ordinary pg driver. */
  url: string;
  /** The whole data directory as a gzipped tarball (PGlite's dumpDataDir): the tests' shared snapshot. */
  dumpDataDir(): Promise<Blob>;
  /** Runs `COPY … FROM '/dev/blob'` with the file as the blob (the benchmarks' bare-COPY baseline). */
  copyFromFile(sql: string, file: string): Promise<void>;
  /**
   * Runs `COPY … FROM '/dev/blob'` with `data` (COPY text) as the blob, in the database's one
   * session: inside the transaction open on it. Only for a caller that holds that transaction
   * and waits for this (the import's staging load, imports/stage.ts).
   */
  copyChunk(sql: string, data: Uint8Array): Promise<void>;
  /** Called once if the database thread fails or stops while the database is open (the portal exits). */
  onFailure(listener: (reason: Error) => void): void;
  close(): Promise<void>;
}

export class EmbeddedDbError extends Error {}

type Reply = { type: string; id?: number; conn?: string; message?: string; data?: ArrayBuffer };

/**
 * Opens PGlite + PostGIS and serves it over the Postgres wire protocol, so the
 * same @mikro-orm/postgresql driver talks to it and to a real server. The
 * database runs in a worker thread (embedded-worker.mjs): its WebAssembly then
 * uses the second core instead of stopping the portal's event loop.
 * `dataDir` persists on disk; `loadDataDir` starts an in-memory copy of a snapshot (tests).
 */
export async function startEmbedded(opts: { dataDir?: string; loadDataDir?: Blob | File }): Promise<EmbeddedDb> {
  if (opts.dataDir) fs.mkdirSync(path.dirname(opts.dataDir), { recursive: true });
  const snapshot = opts.loadDataDir ? await opts.loadDataDir.arrayBuffer() : undefined;
  const worker = new Worker(new URL('./embedded-worker.mjs', import.meta.url), {
    workerData: { dataDir: opts.dataDir, loadDataDir: snapshot },
    transferList: snapshot ? [snapshot] : [],
  });
  const where = opts.dataDir ? `the embedded database in ${opts.dataDir}` : 'the embedded database snapshot';
  const openError = (why: string) =>
    new EmbeddedDbError(
      `Could not open ${where} (${why}). ` +
        `The folder may be corrupt or written by another version: stop the portal, move or delete that folder (or set DATA_DIR to a new folder), and start again.`,
    );

  let nextId = 1;
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  let closed = false;
  const conn = await new Promise<string>((resolve, reject) => {
    const onMessage = (m: Reply) => {
      if (m.type === 'ready') resolve(m.conn!);
      else if (m.type === 'failed') reject(openError(m.message ?? 'unknown error'));
      else return;
      worker.off('message', onMessage);
    };
    worker.on('message', onMessage);
    worker.once('error', (err) => reject(openError(err.message)));
    worker.once('exit', (code) => reject(openError(`the database thread stopped with code ${code}`)));
  }).catch(async (err: Error) => {
    await worker.terminate();
    throw err;
  });
  worker.on('message', (m: Reply) => {
    const p = m.id === undefined ? undefined : pending.get(m.id);
    if (!p) return;
    pending.delete(m.id!);
    if (m.type === 'error') p.reject(new EmbeddedDbError(`Embedded database: ${m.message}`));
    else p.resolve(m);
  });
  // A database thread that dies under a running portal is a fatal, loud event, never a silent one.
  const failureListeners: ((reason: Error) => void)[] = [];
  let failed = false;
  const fail = (reason: Error) => {
    for (const p of pending.values()) p.reject(reason);
    pending.clear();
    if (closed || failed) return;
    failed = true;
    console.error(`The embedded database thread failed: ${reason.stack ?? reason.message}`);
    for (const l of failureListeners) l(reason);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new EmbeddedDbError(`the embedded database thread stopped (exit code ${code})`)));
  const call = (msg: Record<string, unknown>, transfer: ArrayBuffer[] = []) =>
    new Promise<Reply>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...msg, id }, transfer);
    });

  const url = `postgres://postgres:postgres@${conn}/postgres`;
  const db: EmbeddedDb = {
    url,
    async dumpDataDir() {
      const r = await call({ type: 'dump' });
      return new Blob([r.data!]);
    },
    async copyFromFile(sql, file) {
      await call({ type: 'copy-from-file', sql, file });
    },
    async copyChunk(sql, data) {
      // a small Buffer is a view of Node's shared pool: send a copy of its bytes, never the pool
      const whole = data.byteOffset === 0 && data.buffer.byteLength === data.byteLength;
      const buf = whole ? data.buffer : data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
      await call({ type: 'copy-chunk', sql, data: buf }, [buf as ArrayBuffer]);
    },
    onFailure(listener) {
      failureListeners.push(listener);
    },
    async close() {
      if (closed) return;
      running.delete(url);
      closed = true;
      await call({ type: 'close' });
      await worker.terminate();
    },
  };
  running.set(url, db);
  return db;
}

/** The embedded databases this process serves, by URL: how the import finds the one behind its connection. */
const running = new Map<string, EmbeddedDb>();

/** The embedded database served at `url` by this process, if it is one. */
export function embeddedAt(url: string | undefined): EmbeddedDb | undefined {
  return url ? running.get(url) : undefined;
}
