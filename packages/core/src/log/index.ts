/** The transparency log (C9): Merkle tree, signed notes, checkpoints, cosignatures, tiles, entries, verifier. */
export * from './hash.ts';
export * from './merkle.ts';
export * from './note.ts';
export * from './checkpoint.ts';
export * from './cosignature.ts';
export * from './tiles.ts';
export * from './entry.ts';
export * from './verifier.ts';
export * from './witness.ts';
export * from './policy.ts';
export * from './proof.ts';
export * from './quorum.ts';
