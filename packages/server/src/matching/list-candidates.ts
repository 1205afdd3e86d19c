import type { PersonRecord } from '@truce/core/detainees/person';
import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { detaineesStore } from '../detainees/index.ts';
import { notFound } from '../errors/index.ts';
import { mayMatch } from './access.ts';
import { iso, presentRun } from './present-run.ts';
import type { CandidatesPage, Comparison } from './schema.ts';
import { type CandidateFilter, candidatePage, findRun } from './store.ts';

/**
 * A run's candidates, best first, each with both persons' records side by side and the
 * decision taken on the pair (by anyone, in any run). Reading candidates is a view of
 * persons' records and is recorded as one.
 */
export async function listCandidates(ctx: AppContext, auth: Auth, id: string, filter: CandidateFilter): Promise<CandidatesPage> {
  mayMatch(auth);
  const run = await findRun(ctx.db, id);
  if (!run) throw notFound('There is no such matching run.');
  const { rows, total } = await candidatePage(ctx.db, run, filter);
  if (rows.length > 0) {
    const view = { what: 'candidates', viewer_user: auth.actor.userId, viewer_org: auth.actor.orgId };
    await detaineesStore.recordView(ctx.db, { ...view, list_id: run.sought_list_id, refs: [...new Set(rows.map((r) => r.sought_ref))] });
    await detaineesStore.recordView(ctx.db, { ...view, list_id: run.held_list_id, refs: [...new Set(rows.map((r) => r.held_ref))] });
  }
  return {
    run: presentRun(run),
    total,
    candidates: rows.map((r) => ({
      soughtRef: r.sought_ref,
      heldRef: r.held_ref,
      score: r.score,
      band: r.band,
      comparisons: r.comparisons as Comparison[],
      sought: (r.sought as PersonRecord | null) ?? null,
      held: (r.held as PersonRecord | null) ?? null,
      decision: r.decision ? { decision: r.decision, note: r.note!, at: iso(r.decided_at!), version: r.decision_version! } : null,
    })),
  };
}
