import { approvalRefusal } from '@truce/core/meetings/decisions';
import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { conflict, forbidden } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { adoptIfReady, presentGuarantors } from './adopt-decisions.ts';
import { lockedDecision } from './locked-decision.ts';
import * as store from './store.ts';

const REFUSALS = {
  'not-guarantor': () => forbidden('Only the guarantors approve decisions.'),
  'not-present': () =>
    forbidden('Your organisation is not recorded present at this meeting: only the guarantors present approve its decisions.', 'not_present'),
  'already-approved': () => conflict('Your organisation has already approved this decision.', 'already_approved'),
  'not-open': () => conflict('This decision is no longer open to approval.', 'wrong_state'),
} as const;

/**
 * A guarantor's approval, written to the log under the approving officer's name; adopts
 * the decision when it completes the approvals of the guarantors present.
 */
export async function approveDecision(ctx: AppContext, auth: Auth, id: string, version: number) {
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const decision = await lockedDecision(tx, id, version);
    const present = await presentGuarantors(tx, decision.meeting_id);
    const approvals = await store.approvingOrganisations(tx, id);
    const refusal = approvalRefusal({
      organisationId: auth.actor.orgId,
      organisationKind: auth.actor.orgKind,
      decisionStatus: decision.status,
      presentGuarantors: present,
      approvals,
    });
    if (refusal) throw REFUSALS[refusal]();
    const entryId = await record(tx, {
      type: 'meeting.decision_approved',
      actor: loggedActor(auth),
      subject: { meeting: decision.meeting_id, decision: id },
      data: { number: decision.number, guarantor: auth.actor.orgId, decisionVersion: decision.version },
    });
    await store.insertApproval(tx, {
      decision_id: id,
      organisation_id: auth.actor.orgId,
      user_id: auth.actor.userId,
      decision_version: decision.version,
      log_entry_id: entryId,
      at: now,
    });
    const adopted = await adoptIfReady(tx, auth, decision, present, now);
    if (!adopted) await store.bumpDecision(tx, id, now);
    return { id, meetingId: decision.meeting_id, adopted };
  });
}
