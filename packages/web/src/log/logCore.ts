/**
 * The record's cryptography comes from the core package, the same code the server and
 * `truce verify` use (RFC 6962 Merkle proofs, C2SP signed notes and checkpoints,
 * tlog-cosignature and tlog-policy): the browser checks the record itself rather than
 * trusting the server's word.
 */
export {
  formatPolicy,
  fromBase64,
  leafHash,
  openNote,
  parseCheckpoint,
  parsePolicy,
  parseVerifierKey,
  quorumMet,
  splitNote,
  toBase64,
  toHex,
  verifyConsistency,
  verifyCosignature,
  verifyInclusion,
  type Policy,
} from '@truce/core/log/index';
