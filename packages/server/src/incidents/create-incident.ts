import { v7 as uuidv7 } from 'uuid';
import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { record } from '../log/index.ts';
import { attach } from './incident-writes.ts';
import type { Incident } from './schema.ts';
import * as store from './store.ts';
import { viewIncident } from './view-incident.ts';

/** Confirms a grouping: a new incident of these reports; the reply deadline starts now. */
export async function createIncident(ctx: AppContext, auth: Auth, reportIds: string[]): Promise<Incident> {
  return ctx.db.transaction().execute(async (tx) => {
    const mechanism = await store.replyDeadlineHours(tx);
    const id = uuidv7();
    const now = ctx.clock.now();
    await store.insertIncident(tx, {
      id,
      created_at: now,
      created_by: auth.actor.userId,
      reply_deadline: new Date(now.getTime() + mechanism.reply_deadline_hours * 3_600_000),
      round: 1,
      merged_into: null,
      version: 1,
    });
    await attach(tx, auth, id, reportIds, now);
    await record(tx, {
      type: 'incident.created',
      actor: loggedActor(auth),
      subject: { incident: id },
      data: { reports: reportIds, replyDeadlineHours: mechanism.reply_deadline_hours },
    });
    return viewIncident(tx, auth, id, ctx.clock.now());
  });
}
