// Worker entry of generateInWorker (generate-in-worker.ts). Node's worker threads do not inherit
// tsx's loader from the main thread, so it is registered here before the TypeScript generator loads.
import { register } from 'tsx/esm/api';

register();
await import('./generate.worker.ts');
