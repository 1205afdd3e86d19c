/** The cosigning module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs). */
export { getWitnesses } from './get-witnesses.ts';
export { WitnessHealth } from './schema.ts';
export { servedCheckpoint } from './served-checkpoint.ts';
export { setWitnesses } from './set-witnesses.ts';
export { witnessHealth } from './witness-health.ts';
