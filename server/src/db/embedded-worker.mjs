// The embedded PGlite + PostGIS, served over the Postgres wire protocol, in its own thread.
// PGlite is PostgreSQL compiled to WebAssembly: in the main thread every query would stop the
// event loop (and the CSV parsing of an import, and the HTTP server) while it runs. Here the
// database and the portal's JavaScript use both cores. Plain JavaScript: a worker thread does
// not inherit the TypeScript loader under every runner (tsx, vitest).
import { openAsBlob } from 'node:fs';
import process from 'node:process';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { dataDir, loadDataDir } = workerData;

// Connections closing while the database shuts down still ask it whether a transaction is open
// (pglite-socket's handleClose, a tick after stop()); once closing began, that failure is expected.
let closing = false;
process.on('unhandledRejection', (err) => {
  if (closing) return;
  throw err;
});

let db;
let server;
try {
  db = await PGlite.create({
    dataDir,
    loadDataDir: loadDataDir ? new Blob([loadDataDir]) : undefined,
    extensions: { postgis, pg_trgm, fuzzystrmatch },
    // For the bulk work of imports and rollups. PGlite already runs with fsync off, so
    // full_page_writes (torn pages after an OS crash) protects nothing; no replica reads the WAL, so
    // it can be minimal (COPY into and indexes on tables made in the same transaction skip it); fewer
    // checkpoints. A 1.5M-row load (insert, indexes, aggregate, update, CREATE TABLE AS): 20.2–21.3 s
    // against 21.6–26.0 s, CREATE TABLE AS gaining most.
    startParams: [
      ...PGlite.defaultStartParams,
      ...['wal_level=minimal', 'max_wal_senders=0', 'full_page_writes=off', 'max_wal_size=2GB'].flatMap((s) => ['-c', s]),
    ],
  });
  await db.query('select 1');
  // maxConnections > 1: the default of 1 breaks any pool bigger than one (stack.md).
  server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 32 });
  await server.start();
  parentPort.postMessage({ type: 'ready', conn: server.getServerConn() });
} catch (err) {
  parentPort.postMessage({ type: 'failed', message: (err && err.message) || String(err) });
}

parentPort.on('message', async (msg) => {
  try {
    if (msg.type === 'dump') {
      const blob = await db.dumpDataDir('gzip');
      const buf = await blob.arrayBuffer();
      parentPort.postMessage({ type: 'dumped', id: msg.id, data: buf }, [buf]);
    } else if (msg.type === 'copy-from-file') {
      // PGlite's COPY … FROM '/dev/blob' (benchmarks: the bare-COPY baseline)
      await db.query(msg.sql, [], { blob: await openAsBlob(msg.file) });
      parentPort.postMessage({ type: 'copied', id: msg.id });
    } else if (msg.type === 'copy-chunk') {
      // COPY FROM STDIN cannot pass through pglite-socket; PGlite reads COPY data from a blob
      // instead. PGlite has one session, so this runs inside the transaction that is open on it
      // (the import waits for it): the rows land or roll back with that transaction.
      await db.query(msg.sql, [], { blob: new Blob([msg.data]) });
      parentPort.postMessage({ type: 'copied', id: msg.id });
    } else if (msg.type === 'close') {
      closing = true;
      if (server) await server.stop();
      // let the sockets' close handlers (setImmediate in pglite-socket) run before the database goes
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (db) await db.close();
      parentPort.postMessage({ type: 'closed', id: msg.id });
      parentPort.close();
    }
  } catch (err) {
    parentPort.postMessage({ type: 'error', id: msg.id, message: (err && err.message) || String(err) });
  }
});
