import { replyPeriodOf } from './reply-period-of.ts';
import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { notFound, Problem } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { adoptIfDue } from './adopt-finding.ts';
import { logIndexOf } from './log-index.ts';
import * as store from './store.ts';
import type { IncidentAfterReplyPeriod } from './schema.ts';
import { viewIncident } from './view-incident.ts';

/**
 * The secretariat ends an incident's reply period before its deadline, with a reason that
 * is recorded, logged (`incident.reply_period_ended`, the reason sealed: free text may
 * name people) and shown to the accused party on the incident. A finding whose
 * assessments already meet the rule is adopted in the same transaction. 409 when the
 * period is already over.
 */
export async function endReplyPeriod(ctx: AppContext, auth: Auth, id: string, reason: string): Promise<IncidentAfterReplyPeriod> {
  const { entryId, view } = await ctx.db.transaction().execute(async (tx) => {
    const incident = await store.lockIncident(tx, id);
    if (!incident) throw notFound('There is no such incident.');
    if (incident.merged_into)
      throw new Problem(409, 'Conflict', `This incident was merged into ${incident.merged_into}; work on that one.`, { code: 'merged' });
    const [reports, replies] = await Promise.all([store.memberReports(tx, [id]), store.replies(tx, id)]);
    const now = ctx.clock.now();
    const period = replyPeriodOf(incident, reports, replies, now.getTime());
    if (!period.open) throw new Problem(409, 'Conflict', `The reply period is already over (${period.closedBy}).`, { code: 'reply_period_over' });
    await store.endReplyPeriod(tx, id, now, auth.actor.userId, reason, incident.version + 1);
    const entryId = await record(tx, {
      type: 'incident.reply_period_ended',
      actor: { organisation: auth.actor.orgId, user: auth.actor.userId },
      subject: { incident: id },
      data: { deadline: new Date(incident.reply_deadline).toISOString(), awaited: period.awaitedPartyIds },
      sealed: { reason },
    });
    await adoptIfDue(tx, { ...incident, reply_period_ended_at: now, version: incident.version + 1 }, null, 'reply-period-ended', now);
    return { entryId, view: await viewIncident(tx, auth, id, ctx.clock.now()) };
  });
  return { ...view, logIndex: await logIndexOf(ctx, entryId) };
}
