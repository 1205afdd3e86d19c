import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { Problem } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { lockedIncident } from './incident-writes.ts';
import type { Incident } from './schema.ts';
import * as store from './store.ts';
import { viewIncident } from './view-incident.ts';

/** Reopens a finding with a reason: a new round of assessments begins. */
export async function reopenFinding(ctx: AppContext, auth: Auth, id: string, input: { reason: string; version: number }): Promise<Incident> {
  return ctx.db.transaction().execute(async (tx) => {
    const incident = await lockedIncident(tx, id, input.version);
    const reopened = await store.reopenFinding(tx, id, incident.round, ctx.clock.now(), auth.actor.userId, input.reason.trim());
    if (!reopened) throw new Problem(409, 'Conflict', 'There is no adopted finding to reopen.', { code: 'no_finding' });
    await store.startRound(tx, id, incident.round + 1, incident.version + 1);
    await record(tx, {
      type: 'finding.reopened',
      actor: loggedActor(auth),
      subject: { incident: id },
      data: { round: incident.round, reason: input.reason.trim() },
    });
    return viewIncident(tx, auth, id, ctx.clock.now());
  });
}
