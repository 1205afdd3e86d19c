/** The background module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs). */
export { startLoop } from './loop.ts';
export type { LoopLog } from './loop.ts';
