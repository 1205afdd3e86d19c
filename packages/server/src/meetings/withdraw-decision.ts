import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { conflict } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { lockedDecision } from './locked-decision.ts';
import type { Withdraw } from './schema.ts';
import * as store from './store.ts';

/** Withdraws a decision not yet adopted, with a reason; it stays on the record as withdrawn. */
export async function withdrawDecision(ctx: AppContext, auth: Auth, id: string, input: Withdraw) {
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const decision = await lockedDecision(tx, id, input.version);
    if (decision.status !== 'proposed') throw conflict(`This decision is ${decision.status}; only a proposed decision is withdrawn.`, 'wrong_state');
    await store.bumpDecision(tx, id, now, { status: 'withdrawn', withdrawn_at: now, withdraw_reason: input.reason.trim() });
    await record(tx, {
      type: 'meeting.decision_withdrawn',
      actor: loggedActor(auth),
      subject: { meeting: decision.meeting_id, decision: id },
      data: { number: decision.number },
      sealed: { reason: input.reason.trim() },
    });
    return { id, meetingId: decision.meeting_id };
  });
}
