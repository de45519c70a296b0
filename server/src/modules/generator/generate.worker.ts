import { parentPort, workerData } from 'node:worker_threads';
import { generateDataSet, type GenerateOptions } from './generate';

/** Runs in the generator's worker thread (generate-in-worker.ts): progress and the result as messages. */
const port = parentPort!;
generateDataSet(workerData as GenerateOptions, (progress) => port.postMessage({ type: 'progress', progress })).then(
  (truth) => port.postMessage({ type: 'done', truth }),
  (err: Error) => port.postMessage({ type: 'error', message: err.message, stack: err.stack }),
);
