import { parentPort } from 'node:worker_threads';
import { KINDS } from './kinds';
import { csvRows, FileRefusal } from './read-file';
import type { ReadJob, ReadWorkerMessage } from './read-parallel';
import { CHUNKS_IN_FLIGHT } from './read-parallel';
import { RowReader } from './row-reader';
import { emptyTally, intakeRow } from './row-intake';
import { copyLine } from './stage';
import { isEmpty } from './values';
import { KeyHashes } from './key-hashes';

/** COPY text per chunk sent to the main thread (characters). */
const CHUNK_CHARS = 2 << 20;
const PROGRESS_EVERY = 10_000;

const port = parentPort!;
const post = (m: ReadWorkerMessage, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer ?? []);

let credits = CHUNKS_IN_FLIGHT;
let wake: (() => void) | null = null;
port.on('message', (m: { type: 'job'; job: ReadJob } | { type: 'ack' }) => {
  if (m.type === 'job') {
    run(m.job).catch((err: Error) => {
      if (err instanceof FileRefusal) post({ type: 'refusal', message: err.message, line: err.line, column: err.column, value: err.value });
      else post({ type: 'error', message: err.message, stack: err.stack });
    });
    return;
  }
  credits++;
  wake?.();
  wake = null;
});

async function run(job: ReadJob): Promise<void> {
  const def = KINDS[job.kind];
  const reader = new RowReader(new Map(job.header));
  const tally = emptyTally();
  const keys = job.uniqueAt >= 0 ? new KeyHashes() : null;
  let parts: string[] = [];
  let size = 0;
  let reported = 0;
  const send = async () => {
    const text = Buffer.from(parts.join(''), 'utf8');
    parts = [];
    size = 0;
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    // a Buffer that is a view into a larger (pooled) block is copied, so only its own bytes move
    const data = text.byteOffset === 0 && text.buffer.byteLength === text.byteLength ? text : new Uint8Array(text);
    post({ type: 'chunk', data }, [data.buffer as ArrayBuffer]);
  };
  for await (const batch of csvRows(job.filePath, job.encoding, job.range)) {
    for (const raw of batch) {
      if (raw.line <= job.headerLine || raw.cells.every(isEmpty)) continue;
      const values = intakeRow(def, reader.reset(raw.cells, raw.line), job.ref, tally, job.nikValidAt);
      if (!values) continue;
      keys?.add(values[job.uniqueAt] as string | null);
      const line = `${raw.line}\t${copyLine(values)}`;
      parts.push(line);
      size += line.length;
      if (size >= CHUNK_CHARS) await send();
    }
    if (tally.rows - reported >= PROGRESS_EVERY) {
      post({ type: 'progress', rows: tally.rows - reported });
      reported = tally.rows;
    }
  }
  if (size) await send();
  post({ type: 'progress', rows: tally.rows - reported });
  const sorted = keys?.sorted() ?? null;
  post({ type: 'done', tally, keys: sorted }, sorted ? [sorted.buffer as ArrayBuffer] : []);
}
