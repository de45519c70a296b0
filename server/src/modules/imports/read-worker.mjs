// Worker entry of readInParallel (read-parallel.ts). Node's worker threads do not inherit
// tsx's loader from the main thread, so it is registered here before the TypeScript reader loads.
import { register } from 'tsx/esm/api';

register();
await import('./read.worker.ts');
