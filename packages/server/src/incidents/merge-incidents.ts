import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { badRequest } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { bump, lockedIncident } from './incident-writes.ts';
import type { Incident } from './schema.ts';
import * as store from './store.ts';
import { viewIncident } from './view-incident.ts';

/** Merges another incident into this one: its reports move here, it points here. */
export async function mergeIncidents(ctx: AppContext, auth: Auth, id: string, otherId: string, version: number): Promise<Incident> {
  if (id === otherId) throw badRequest('An incident cannot be merged into itself.', [{ path: '/body/incidentId', message: 'same incident' }]);
  return ctx.db.transaction().execute(async (tx) => {
    const incident = await lockedIncident(tx, id, version);
    await lockedIncident(tx, otherId);
    const moving = await store.memberReports(tx, [otherId]);
    const now = ctx.clock.now();
    await store.removeAllMembers(tx, otherId, now, auth.actor.userId);
    for (const r of moving) await store.addMember(tx, { incident_id: id, report_id: r.id, added_at: now, added_by: auth.actor.userId });
    await store.markMerged(tx, otherId, id);
    await bump(tx, id, incident.version);
    await record(tx, {
      type: 'incident.merged',
      actor: loggedActor(auth),
      subject: { incident: id, merged: otherId },
      data: { reports: moving.map((r) => r.id) },
    });
    return viewIncident(tx, auth, id, ctx.clock.now());
  });
}
