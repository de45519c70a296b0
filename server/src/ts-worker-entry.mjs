// Entry of every TypeScript worker thread (ts-worker.ts): registers tsx, then loads the module
// named by the last argument.
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
await import(process.argv.at(-1));
