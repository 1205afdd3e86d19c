import { v7 as uuidv7 } from 'uuid';
import { can } from '@truce/core/policy/policy';
import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { badRequest, forbidden, notFound, Problem } from '../errors/index.ts';
import { visibleEvidence } from '../evidence/index.ts';
import { record } from '../log/index.ts';
import { adoptIfDue } from './adopt-finding.ts';
import { lockedIncident } from './incident-writes.ts';
import type { Incident } from './schema.ts';
import { incidentScope } from './scope.ts';
import * as store from './store.ts';
import { viewIncident } from './view-incident.ts';

/** The accused party's reply, until the deadline. */
export async function replyToIncident(ctx: AppContext, auth: Auth, id: string, input: { text: string; evidence: string[] }): Promise<Incident> {
  const known = await visibleEvidence(ctx, auth.actor, input.evidence);
  return ctx.db.transaction().execute(async (tx) => {
    const incident = await lockedIncident(tx, id);
    const scope = incidentScope(await store.memberReports(tx, [id]), false);
    if (!can(auth.actor, 'incident.read', scope)) throw notFound('There is no such incident.');
    if (!can(auth.actor, 'incident.reply', scope)) throw forbidden('Only a party this incident accuses may reply to it.');
    if (incident.reply_period_ended_at) {
      throw new Problem(409, 'Conflict', `The secretariat ended the reply period on ${new Date(incident.reply_period_ended_at).toISOString()}.`, {
        code: 'reply_period_ended',
      });
    }
    const now = ctx.clock.now();
    if (new Date(incident.reply_deadline).getTime() < now.getTime()) {
      throw new Problem(409, 'Conflict', `The deadline for replies passed on ${new Date(incident.reply_deadline).toISOString()}.`, { code: 'deadline_passed' });
    }
    input.evidence.forEach((h, i) => {
      if (!known.has(h)) throw badRequest('No such evidence file: upload it first.', [{ path: `/body/evidence/${i}`, message: 'unknown evidence' }]);
    });
    const replyId = uuidv7();
    await store.insertReply(tx, {
      id: replyId,
      incident_id: id,
      party_id: auth.actor.orgId,
      text: input.text.trim(),
      evidence: JSON.stringify(input.evidence),
      created_by: auth.actor.userId,
      created_at: now,
    });
    await record(tx, {
      type: 'incident.replied',
      actor: loggedActor(auth),
      subject: { incident: id, reply: replyId },
      data: { evidence: input.evidence },
      sealed: { text: input.text.trim() },
    });
    // A finding that waited for this reply is adopted now (the rule adopts it, not the party).
    await adoptIfDue(tx, incident, null, 'reply', now);
    return viewIncident(tx, auth, id, ctx.clock.now());
  });
}
