/** The witness module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs). */
export { ensureWitnessKey, witnessVerifierKey } from './key.ts';
export { startWitness } from './server.ts';
export type { RunningWitness } from './server.ts';
