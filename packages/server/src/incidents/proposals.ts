import type { Kysely } from 'kysely';
import { DEFAULT_GROUPING, proposeGroupings, type GroupingSubject } from '@truce/core/incidents/grouping';
import type { ReportContent } from '@truce/core/reports/model';
import { can } from '@truce/core/policy/policy';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { notFound } from '../errors/index.ts';
import { reportsStore, scopeOf } from '../reports/index.ts';
import type { Grouping } from './schema.ts';
import * as store from './store.ts';

/** The grouping proposals for a report this reader may see, under the mechanism's window and distance. */
export async function groupingFor(db: Kysely<Database>, auth: Auth, reportId: string): Promise<Grouping> {
  const report = await reportsStore.findReport(db, reportId);
  if (!report || !can(auth.actor, 'report.read', scopeOf(report))) throw notFound('There is no such report.');
  const settings = await store.groupingSettings(db);
  return proposalsFor(db, reportId, { windowHours: settings.grouping_window_hours, distanceKm: settings.grouping_distance_km });
}

/**
 * Which existing incidents a report may belong to, best first, each with its reasons.
 * Candidates come from reports within the window (plus the slack for imprecise times)
 * that already belong to an incident; the best-matching report speaks for its incident.
 */
export async function proposalsFor(db: Kysely<Database>, reportId: string, options = DEFAULT_GROUPING): Promise<Grouping> {
  const row = await db
    .selectFrom('reports')
    .innerJoin('report_versions', (j) =>
      j.onRef('report_versions.report_id', '=', 'reports.id').onRef('report_versions.version', '=', 'reports.current_version'),
    )
    .innerJoin('taxonomy', 'taxonomy.code', 'reports.type_code')
    .select(['reports.id', 'report_versions.content', 'taxonomy.acled_event_type'])
    .where('reports.id', '=', reportId)
    .executeTakeFirst();
  if (!row) throw notFound('There is no such report.');
  const subject = (id: string, content: unknown, eventType: string): GroupingSubject => {
    const c = content as ReportContent;
    return { id, occurredAt: c.occurredAt, timePrecision: c.timePrecision, lat: c.location.lat, lon: c.location.lon, typeCode: c.typeCode, eventType };
  };
  const report = subject(row.id, row.content, row.acled_event_type);
  const nearby = await store.incidentsAround(db, new Date(report.occurredAt), options.windowHours + 100);
  const incidentOf = new Map(nearby.map((n) => [n.id, n.incident_id]));
  const proposals = proposeGroupings(
    report,
    nearby.filter((n) => n.id !== reportId).map((n) => subject(n.id, n.content, n.acled_event_type)),
    options,
  );
  const best = new Map<string, (typeof proposals)[number]>();
  for (const p of proposals) {
    const incident = incidentOf.get(p.id)!;
    if (!best.has(incident)) best.set(incident, p);
  }
  const current = await store.currentIncidentOf(db, reportId);
  return {
    currentIncident: current?.incident_id ?? null,
    proposals: [...best.entries()]
      .filter(([incident]) => incident !== current?.incident_id)
      .map(([incidentId, p]) => ({
        incidentId,
        viaReport: p.id,
        score: p.score,
        hoursApart: p.hoursApart,
        kmApart: p.kmApart,
        sameType: p.sameType,
        reasons: p.reasons,
      })),
  };
}
