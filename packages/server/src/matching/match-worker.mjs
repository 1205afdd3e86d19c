// Entry point of a matching worker thread. The engine is TypeScript, run through tsx; a
// worker thread does not inherit the loader hooks of the thread that started it (Node 20),
// whether tsx came from `node --import tsx`, from bin/truce.js or from vitest, so it
// registers tsx itself before loading the worker module.
import { register } from 'tsx/esm/api';

register();
await import('./match-worker.ts');
