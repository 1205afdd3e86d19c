import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { listFor } from '../detainees/index.ts';
import { mayMatch } from './access.ts';
import { iso } from './present-run.ts';
import type { DecisionList } from './schema.ts';
import { decisionsBetween } from './store.ts';

/**
 * Every decision (confirmed or rejected, its note and version) on pairs of persons of two
 * lists this reader may match: what a reviewer's receipt recorded, as served now.
 */
export async function listDecisions(ctx: AppContext, auth: Auth, filter: { soughtListId: string; heldListId: string }): Promise<DecisionList> {
  mayMatch(auth);
  const sought = await listFor(ctx.db, auth.actor, filter.soughtListId, 'detainees.match');
  const held = await listFor(ctx.db, auth.actor, filter.heldListId, 'detainees.match');
  const rows = await decisionsBetween(ctx.db, sought.id, held.id, 5000);
  return {
    decisions: rows.map((r) => ({
      soughtListId: r.sought_list_id,
      soughtRef: r.sought_ref,
      heldListId: r.held_list_id,
      heldRef: r.held_ref,
      decision: r.decision,
      note: r.note,
      score: r.score,
      version: r.version,
      decidedOrg: r.decided_org,
      decidedAt: iso(r.decided_at),
    })),
  };
}
