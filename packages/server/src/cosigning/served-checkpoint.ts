import { addSignatureLines } from '@truce/core/log/index';
import type { AppContext } from '../context.ts';
import { checkpointFor, currentCheckpoint, type SignedCheckpoint } from '../log/index.ts';
import { defaultQuorum } from './get-witnesses.ts';
import * as store from './store.ts';

export interface ServedCheckpoint extends SignedCheckpoint {
  quorumMet: boolean;
  cosigners: { name: string; cosignedAt: Date }[];
}

/**
 * The checkpoint /log/checkpoint serves: the newest one the quorum cosigned, with every
 * cosignature held for it. Before any checkpoint reaches the quorum, the newest signed
 * one with the cosignatures it has (quorumMet false), so the record stays readable.
 */
export async function servedCheckpoint(ctx: AppContext): Promise<ServedCheckpoint> {
  const witnesses = await store.listWitnesses(ctx.db);
  if (witnesses.length === 0) return { ...(await currentCheckpoint(ctx)), quorumMet: true, cosigners: [] };
  const k = (await store.quorumK(ctx.db)) ?? defaultQuorum(witnesses.length);
  const size = await store.newestWithQuorum(ctx.db, k);
  const checkpoint = size === null ? await currentCheckpoint(ctx) : await checkpointFor(ctx, size);
  const lines = await store.cosignaturesAt(ctx.db, checkpoint.size);
  return {
    ...checkpoint,
    note: addSignatureLines(
      checkpoint.note,
      lines.map((l) => l.line),
    ),
    quorumMet: size !== null,
    cosigners: lines.map((l) => ({ name: l.witness, cosignedAt: l.cosigned_at })),
  };
}
