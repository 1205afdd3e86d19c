import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { mayMatch } from './access.ts';
import { iso } from './present-run.ts';
import type { ConfirmedMatches } from './schema.ts';
import { confirmedDecisions } from './store.ts';

/** Confirmed matches (persons in both lists) between lists this reader may see. */
export async function listMatches(ctx: AppContext, auth: Auth, filter: { soughtListId?: string; heldListId?: string }): Promise<ConfirmedMatches> {
  mayMatch(auth);
  const rows = await confirmedDecisions(ctx.db, filter, 5000);
  return {
    matches: rows.map((r) => ({
      soughtListId: r.sought_list_id,
      soughtRef: r.sought_ref,
      heldListId: r.held_list_id,
      heldRef: r.held_ref,
      score: r.score,
      decidedAt: iso(r.decided_at),
    })),
  };
}
