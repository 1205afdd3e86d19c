import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { record } from '../log/index.ts';
import { attach, bump, lockedIncident } from './incident-writes.ts';
import type { Incident } from './schema.ts';
import { viewIncident } from './view-incident.ts';

/** Adds a report to the incident. */
export async function addIncidentReport(ctx: AppContext, auth: Auth, id: string, reportId: string, version: number): Promise<Incident> {
  return ctx.db.transaction().execute(async (tx) => {
    const incident = await lockedIncident(tx, id, version);
    await attach(tx, auth, id, [reportId], ctx.clock.now());
    await bump(tx, id, incident.version);
    await record(tx, { type: 'incident.report_added', actor: loggedActor(auth), subject: { incident: id, report: reportId } });
    return viewIncident(tx, auth, id, ctx.clock.now());
  });
}
