/**
 * The record's cryptography comes from the core package, the same code the server and
 * `truce verify` use (RFC 6962 Merkle proofs, C2SP signed notes and checkpoints): the
 * browser checks the record itself rather than trusting the server's word.
 */
export {
  fromBase64,
  leafHash,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  toBase64,
  verifyConsistency,
  verifyInclusion,
} from '@truce/core/log/index';
