import type { AppContext } from '../context.ts';
import { newestCheckpointSize } from '../log/index.ts';
import { defaultQuorum } from './get-witnesses.ts';
import type { WitnessHealth } from './schema.ts';
import { servedCheckpoint } from './served-checkpoint.ts';
import * as store from './store.ts';

/** For /api/health: per witness, when it last cosigned, and how far the served checkpoint lags. */
export async function witnessHealth(ctx: AppContext): Promise<WitnessHealth | null> {
  const witnesses = await store.listWitnesses(ctx.db);
  if (witnesses.length === 0) return null;
  const [latest, served] = await Promise.all([newestCheckpointSize(ctx), servedCheckpoint(ctx)]);
  const newest = latest ?? 0;
  return {
    quorum: (await store.quorumK(ctx.db)) ?? defaultQuorum(witnesses.length),
    quorumMet: served.quorumMet,
    servedSize: served.size,
    newestSignedSize: newest,
    behind: Math.max(0, newest - served.size),
    witnesses: witnesses.map((w) => ({
      name: w.name,
      lastCosignedSize: w.last_cosigned_size === null ? null : Number(w.last_cosigned_size),
      lastCosignedAt: w.last_cosigned_at?.toISOString() ?? null,
      behind: newest - Number(w.last_cosigned_size ?? 0),
      lastError: w.last_error,
    })),
  };
}
