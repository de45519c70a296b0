import { tsWorker } from '../../ts-worker';
import type { GenerateOptions, GenerateProgress } from './generate';
import type { Truth } from './truth';

type WorkerMessage =
  | { type: 'progress'; progress: GenerateProgress }
  | { type: 'done'; truth: Truth }
  | { type: 'error'; message: string; stack?: string };

/**
 * generateDataSet in a worker thread: the same files, byte for byte, while the main thread stays
 * free — the first start generates the demo while the database starts, migrates and loads the
 * regions (which run in the embedded database's own thread), instead of after them.
 */
export function generateInWorker(opts: GenerateOptions, onProgress?: (p: GenerateProgress) => void): Promise<Truth> {
  return new Promise<Truth>((resolve, reject) => {
    const worker = tsWorker(new URL('./generate.worker.ts', import.meta.url), { workerData: opts });
    let settled = false;
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress?.(m.progress);
      else if (m.type === 'done') {
        settled = true;
        resolve(m.truth);
      } else {
        settled = true;
        const err = new Error(m.message);
        if (m.stack) err.stack = m.stack;
        reject(err);
      }
    });
    worker.on('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`The generator's worker thread stopped (exit code ${code}) before the data set was written.`));
    });
  });
}
