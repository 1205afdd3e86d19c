import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { notFound } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { bump, lockedIncident } from './incident-writes.ts';
import type { Incident } from './schema.ts';
import * as store from './store.ts';
import { viewIncident } from './view-incident.ts';

/** Splits a report off an incident; the membership is closed, not deleted. */
export async function splitIncidentReport(ctx: AppContext, auth: Auth, id: string, reportId: string, version: number): Promise<Incident> {
  return ctx.db.transaction().execute(async (tx) => {
    const incident = await lockedIncident(tx, id, version);
    const removed = await store.removeMember(tx, id, reportId, ctx.clock.now(), auth.actor.userId);
    if (!removed) throw notFound('That report is not in this incident.');
    await bump(tx, id, incident.version);
    await record(tx, { type: 'incident.report_removed', actor: loggedActor(auth), subject: { incident: id, report: reportId } });
    return viewIncident(tx, auth, id, ctx.clock.now());
  });
}
