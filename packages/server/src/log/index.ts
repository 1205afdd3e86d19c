/** The log module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs). */
export { randomPooled } from './random-pool.ts';
export { prepareEntry, record } from './record.ts';
export type { LogEvent, PreparedEntry } from './record.ts';
export { noteRecorded, recording } from './recorded.ts';
export { LogSequencer } from './sequencer.ts';
export { checkpointFor, consistencyProof, currentCheckpoint, newestCheckpointSize, verifierKey } from './service.ts';
export type { SignedCheckpoint } from './service.ts';
export { LogKeyring } from './signer.ts';
