import type { Kysely } from 'kysely';
import { proposeGroupings, type GroupingSubject } from '@truce/core/incidents/grouping';
import type { ReportContent } from '@truce/core/reports/model';
import { can } from '@truce/core/policy/policy';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { listReports, scopeOf } from '../reports/index.ts';
import { proposalsFor } from './proposals.ts';
import type { TriageQueue } from './schema.ts';
import * as store from './store.ts';

export interface TriageQuery {
  limit: number;
  cursor?: string;
}

/** How many companions in the queue are named for one report: enough to group an event, short enough to read. */
const MAX_COMPANIONS = 10;

/**
 * The secretariat's and guarantors' work list: reports in no incident yet (and not
 * withdrawn), newest first, a page at a time, each with the incidents it may belong to
 * and the other reports still in the queue that look like the same event (same or
 * compatible type, within the mechanism's window and distance), so that several can be
 * grouped into one incident at once. Paging and the total are the reports list's own.
 */
export async function triageQueue(db: Kysely<Database>, auth: Auth, query: TriageQuery): Promise<TriageQueue> {
  const page = await listReports(db, auth, { ungrouped: true, limit: query.limit, cursor: query.cursor });
  const settings = await store.groupingSettings(db);
  const options = { windowHours: settings.grouping_window_hours, distanceKm: settings.grouping_distance_km };
  const items = [];
  for (const report of page.reports) {
    const incidents = await proposalsFor(db, report.id, options);
    const subject = subjectOf(report.id, report, '');
    const around = await store.ungroupedAround(db, new Date(subject.occurredAt), options.windowHours + 100);
    const self = around.find((r) => r.id === report.id);
    const companions = proposeGroupings(
      { ...subject, eventType: self?.acled_event_type ?? '' },
      around.filter((r) => r.id !== report.id && can(auth.actor, 'report.read', scopeOf(r))).map((r) => subjectOf(r.id, r.content, r.acled_event_type)),
      options,
    )
      .slice(0, MAX_COMPANIONS)
      .map((p) => ({ reportId: p.id, score: p.score, hoursApart: p.hoursApart, kmApart: p.kmApart, sameType: p.sameType }));
    items.push({ report, incidents: incidents.proposals, companions });
  }
  return { items, total: page.total, next: page.next };
}

function subjectOf(id: string, content: unknown, eventType: string): GroupingSubject {
  const c = content as ReportContent;
  return { id, occurredAt: c.occurredAt, timePrecision: c.timePrecision, lat: c.location.lat, lon: c.location.lon, typeCode: c.typeCode, eventType };
}
