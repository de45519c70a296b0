import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread that runs a TypeScript module (the demo generator, the import's read workers).
 * Node's worker threads do not inherit tsx's loader from the main thread, so each starts at
 * ts-worker-entry.mjs, which registers tsx and then loads `module` (passed as the last argv).
 */
export function tsWorker(module: URL, options: WorkerOptions = {}): Worker {
  return new Worker(new URL('./ts-worker-entry.mjs', import.meta.url), { ...options, argv: [module.href] });
}
