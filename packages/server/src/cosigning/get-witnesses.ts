import type { AppContext } from '../context.ts';
import type { Witnesses } from './schema.ts';
import * as store from './store.ts';

/** Every registered witness must cosign, except that three guarantors need any two. */
export function defaultQuorum(n: number): number {
  return n === 3 ? 2 : n;
}

/** The registered witnesses, in order, with their progress, and the quorum a checkpoint needs. */
export async function getWitnesses(ctx: AppContext): Promise<Witnesses> {
  const [rows, k] = await Promise.all([store.listWitnesses(ctx.db), store.quorumK(ctx.db)]);
  return {
    quorum: k ?? defaultQuorum(rows.length),
    witnesses: rows.map((w) => ({
      name: w.name,
      url: w.url,
      vkey: w.vkey,
      lastCosignedSize: w.last_cosigned_size === null ? null : Number(w.last_cosigned_size),
      lastCosignedAt: w.last_cosigned_at?.toISOString() ?? null,
      lastError: w.last_error,
    })),
  };
}
