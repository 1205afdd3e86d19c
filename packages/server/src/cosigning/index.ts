/** The cosigning module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs). */
export { WitnessHealth } from './schema.ts';
export { getWitnesses, servedCheckpoint, setWitnesses, witnessHealth } from './service.ts';
