import type { PersonCategory, PersonRecord } from '@truce/core/detainees/person';
import { can } from '@truce/core/policy/policy';
import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { detaineesStore } from '../detainees/index.ts';
import { exchangeFor, iso, presentHeader, scope } from './access.ts';
import type { ExchangeDetail } from './schema.ts';
import * as store from './store.ts';

/** An exchange with its persons (names included: it concerns the reader), approvals and endorsements. */
export async function detail(ctx: AppContext, auth: Auth, id: string): Promise<ExchangeDetail> {
  const e = await exchangeFor(ctx.db, auth, id);
  const [persons, approvals, guarantors] = await Promise.all([store.personsWithRecords(ctx.db, id), store.approvalsOf(ctx.db, id), store.guarantors(ctx.db)]);
  for (const listId of new Set(persons.map((p) => p.list_id))) {
    await detaineesStore.recordView(ctx.db, {
      list_id: listId,
      refs: persons.filter((p) => p.list_id === listId).map((p) => p.ref),
      what: 'exchange',
      viewer_user: auth.actor.userId,
      viewer_org: auth.actor.orgId,
    });
  }
  return {
    ...presentHeader(e),
    persons: persons.map((p) => ({
      listId: p.list_id,
      ref: p.ref,
      releasingParty: p.releasing_party,
      soughtListId: p.sought_list_id,
      soughtRef: p.sought_ref,
      category: p.category as PersonCategory | null,
      outcome: p.outcome,
      outcomeNote: p.outcome_note,
      outcomeAt: p.outcome_at ? iso(p.outcome_at) : null,
      outcomeBy: p.outcome_by_name,
      person: (p.record as PersonRecord | null) ?? null,
    })),
    approvals: approvals.map((a) => ({ organisationId: a.organisation_id, kind: a.kind, at: iso(a.at), by: a.user_name })),
    guarantors: guarantors.map((g) => ({ id: g.id, name: g.name, endorsed: approvals.some((a) => a.kind === 'endorsement' && a.organisation_id === g.id) })),
    can: {
      approve:
        e.status === 'proposed' &&
        can(auth.actor, 'exchange.approve', scope(e)) &&
        !approvals.some((a) => a.kind === 'approval' && a.organisation_id === auth.actor.orgId),
      endorse:
        e.status === 'approved' &&
        can(auth.actor, 'exchange.endorse', scope(e)) &&
        !approvals.some((a) => a.kind === 'endorsement' && a.organisation_id === auth.actor.orgId),
      release: e.status === 'endorsed' && can(auth.actor, 'exchange.release', scope(e)),
      withdraw: ['proposed', 'approved', 'endorsed'].includes(e.status) && can(auth.actor, 'exchange.withdraw', scope(e)),
      schedule: !['completed', 'withdrawn'].includes(e.status) && can(auth.actor, 'exchange.propose', scope(e)),
    },
  };
}
