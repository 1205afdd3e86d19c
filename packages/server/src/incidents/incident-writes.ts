import type { Kysely } from 'kysely';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { badRequest, conflict, notFound, Problem, staleVersion } from '../errors/index.ts';
import { reportsStore } from '../reports/index.ts';
import * as store from './store.ts';

/** What the changes to an incident (C3) share: its row locked, its version moved on, reports attached to it. */
type Db = Kysely<Database>;

/** The incident, locked for a change: 404 when there is none, 409 when merged away or `version` is stale. */
export async function lockedIncident(tx: Db, id: string, version?: number) {
  const incident = await store.lockIncident(tx, id);
  if (!incident) throw notFound('There is no such incident.');
  if (incident.merged_into) throw new Problem(409, 'Conflict', `This incident was merged into ${incident.merged_into}; work on that one.`, { code: 'merged' });
  if (version !== undefined && incident.version !== version) throw staleVersion('incident', incident.version);
  return incident;
}

/** Moves the incident's version on after a change. */
export async function bump(tx: Db, id: string, version: number) {
  await store.setVersion(tx, id, version + 1);
}

/** Puts reports into the incident: each must exist and belong to no other incident. */
export async function attach(tx: Db, auth: Auth, incidentId: string, reportIds: string[], at: Date) {
  for (const [i, reportId] of reportIds.entries()) {
    const report = await reportsStore.findReport(tx, reportId);
    if (!report) throw badRequest('There is no such report.', [{ path: `/body/reportIds/${i}`, message: 'unknown report' }]);
    const current = await store.currentIncidentOf(tx, reportId);
    if (current) throw conflict(`Report ${reportId} already belongs to incident ${current.incident_id}; split it off there first.`, 'already_grouped');
    await store.addMember(tx, { incident_id: incidentId, report_id: reportId, added_at: at, added_by: auth.actor.userId });
  }
}
