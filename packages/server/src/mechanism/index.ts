/** The mechanism module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs). */
export { createMechanism } from './create-mechanism.ts';
export { getMechanism } from './store.ts';
export { mechanismClock, setMechanismTime } from './clock.ts';
export { labelsFrom, storedLabels } from './collections.ts';
export { Labels, LabelsInput } from './schema.ts';
