/** The log module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs). */
export { randomPooled } from './random-pool.ts';
export { prepareEntry, record } from './record.ts';
export type { LogEvent, PreparedEntry } from './record.ts';
export { noteRecorded, recording } from './recorded.ts';
export { LogSequencer } from './sequencer.ts';
export { checkpointFor, currentCheckpoint, newestCheckpointSize, verifierKey } from './checkpoints.ts';
export type { SignedCheckpoint } from './checkpoints.ts';
export { consistencyProof } from './proofs.ts';
export { LogKeyring } from './signer.ts';
