import type { Writable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import type { StageValue } from './types';
import type { EmbeddedDb } from '../../db/embedded';

/** The pg client of the transaction `tx` runs in (knex's transaction client hands out its one connection). */
export interface PgConn {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  query<T extends Writable>(stream: T): T;
}

export async function transactionConnection(tx: EntityManager): Promise<PgConn> {
  const trx = tx.getTransactionContext<Knex.Transaction>();
  if (!trx) throw new Error('transactionConnection needs an EntityManager inside em.transactional().');
  return (await (trx as unknown as { client: { acquireConnection(): Promise<PgConn> } }).client.acquireConnection()) as PgConn;
}

const pgliteCache = new WeakMap<object, boolean>();

/**
 * COPY FROM STDIN does not pass through pglite-socket (the embedded server sees
 * an EOF mid-copy), so the embedded database is loaded with multi-row INSERTs.
 */
export async function isPglite(em: EntityManager): Promise<boolean> {
  const key = em.getConnection();
  let v = pgliteCache.get(key);
  if (v === undefined) {
    const rows = await em.execute<{ v: string }[]>(`select version() as v`);
    v = /PGlite/i.test(rows[0]?.v ?? '');
    pgliteCache.set(key, v);
  }
  return v;
}

export interface StageWriter {
  add(values: StageValue[]): Promise<void> | void;
  /** COPY text of whole rows made elsewhere (the read workers, read-parallel.ts); absent where rows must go one by one. */
  addRaw?(text: Buffer): Promise<void>;
  finish(): Promise<void>;
  /**
   * Ends an unfinished load after a failure, so the connection can roll back: an open
   * COPY would otherwise hold the connection and the ROLLBACK would wait behind it forever.
   */
  abort(reason: Error): Promise<void>;
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

function copyText(v: StageValue): string {
  if (v === null) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  if (!NEEDS_ESCAPE.test(v)) return v;
  return v.replace(/[\\\t\n\r]/g, (ch) => (ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : '\\r'));
}

/** One row in COPY's text format: tab-separated values, ending with a newline. */
export function copyLine(values: StageValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i ? '\t' : '') + copyText(values[i]!);
  return line + '\n';
}

const COPY_CHUNK = 256 * 1024;

/** Streams rows into `table` with COPY … FROM STDIN (text format), honouring back-pressure. */
export function copyWriter(conn: PgConn, table: string, columns: string[]): StageWriter {
  const stream = conn.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
  let failure: Error | null = null;
  stream.on('error', (err: Error) => {
    failure = err;
  });
  let buf = '';
  const write = async (data: string | Buffer) => {
    if (failure) throw failure;
    if (!stream.write(data)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => {
          stream.off('error', onError);
          resolve();
        };
        const onError = (err: Error) => {
          stream.off('drain', onDrain);
          reject(err);
        };
        stream.once('drain', onDrain);
        stream.once('error', onError);
      });
    }
  };
  const flush = () => {
    const data = buf;
    buf = '';
    return write(data);
  };
  return {
    add(values) {
      buf += copyLine(values);
      if (buf.length >= COPY_CHUNK) return flush();
    },
    async addRaw(text) {
      if (buf) await flush();
      await write(text);
    },
    async finish() {
      if (buf) await flush();
      await new Promise<void>((resolve, reject) => {
        if (failure) return reject(failure);
        stream.once('finish', resolve);
        stream.once('error', reject);
        stream.end();
      });
    },
    async abort(reason) {
      if (stream.destroyed || stream.writableFinished) return;
      // destroy() sends CopyFail; 'close' comes once the server has answered, freeing the connection.
      await new Promise<void>((resolve) => {
        stream.once('close', () => resolve());
        stream.destroy(reason);
      });
    },
  };
}

/** COPY text (characters) handed to the embedded database per blob, and how many blobs may be in flight. */
const BLOB_CHUNK = 4 << 20;
const BLOBS_IN_FLIGHT = 2;

/**
 * Loads rows into `table` on the embedded database: COPY text in blobs of about BLOB_CHUNK characters, each
 * run as `COPY … FROM '/dev/blob'` by the database's thread while this one goes on reading the
 * file (several times faster than INSERTs, and memory stays bounded).
 */
export function blobCopyWriter(db: EmbeddedDb, table: string, columns: string[]): StageWriter {
  const sql = `copy ${table} (${columns.join(', ')}) from '/dev/blob'`;
  const inFlight: Promise<void>[] = [];
  let failure: Error | null = null;
  let parts: string[] = [];
  let size = 0;
  const sendBlob = async (data: Buffer) => {
    if (failure) throw failure;
    const p = db.copyChunk(sql, data).catch((err: Error) => {
      failure ??= err;
    });
    inFlight.push(p);
    if (inFlight.length >= BLOBS_IN_FLIGHT) await inFlight.shift();
    if (failure) throw failure;
  };
  const send = () => {
    const data = Buffer.from(parts.join(''), 'utf8');
    parts = [];
    size = 0;
    return sendBlob(data);
  };
  return {
    add(values) {
      const line = copyLine(values);
      parts.push(line);
      size += line.length;
      if (size >= BLOB_CHUNK) return send();
    },
    async addRaw(text) {
      if (size) await send();
      await sendBlob(text);
    },
    async finish() {
      if (size) await send();
      await Promise.all(inFlight.splice(0));
      if (failure) throw failure;
    },
    async abort() {
      parts = [];
      size = 0;
      await Promise.all(inFlight.splice(0)); // let the database finish what it has before the rollback
    },
  };
}

const INSERT_CHUNK = 10_000;

/** Loads rows into `table` by INSERT … SELECT FROM unnest(arrays), INSERT_CHUNK rows a statement. */
export function unnestWriter(conn: PgConn, table: string, columns: { name: string; type: string }[]): StageWriter {
  const sql =
    `insert into ${table} (${columns.map((c) => c.name).join(', ')}) ` +
    `select * from unnest(${columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ')})`;
  let cols: StageValue[][] = columns.map(() => []);
  let n = 0;
  const flush = async () => {
    if (n === 0) return;
    const params = cols;
    cols = columns.map(() => []);
    n = 0;
    await conn.query(sql, params);
  };
  return {
    add(values) {
      for (let i = 0; i < values.length; i++) cols[i]!.push(values[i]!);
      n++;
      if (n >= INSERT_CHUNK) return flush();
    },
    finish: flush,
    async abort() {
      cols = columns.map(() => []); // nothing is in flight between statements
      n = 0;
    },
  };
}
