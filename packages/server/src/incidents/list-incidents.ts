import type { Kysely } from 'kysely';
import { can } from '@truce/core/policy/policy';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { badRequest } from '../errors/index.ts';
import type { Finding, IncidentList, IncidentSummary } from './schema.ts';
import { incidentScope, listScopeFor } from './scope.ts';
import * as store from './store.ts';

type Db = Kysely<Database>;
const isoOrNull = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const iso = (d: Date | string) => new Date(d).toISOString();

export type ListQuery = Omit<store.ListFilter, 'scope'>;

/**
 * Incidents this reader may see that meet the filters, newest first, one page of at most
 * `limit`, with how many there are in all; `next` is the `before` of the next page. The
 * scope and the filters are applied in SQL; the policy still has the last word on each incident.
 */
export async function listIncidents(db: Db, auth: Auth, query: ListQuery): Promise<IncidentList> {
  if (query.before && !(await store.findIncident(db, query.before))) {
    const message = 'is not an incident';
    throw badRequest(`The request is not valid: /query/before ${message}.`, [{ path: '/query/before', message }], 'validation_failed');
  }
  const { before: _before, limit: _limit, ...filters } = query;
  const scope = listScopeFor(auth.actor);
  // One more than the page: whether there is a next page is known without asking again.
  const [rows, total] = await Promise.all([
    store.listIncidents(db, { ...query, limit: query.limit + 1, scope }),
    store.countIncidents(db, { ...filters, scope }),
  ]);
  const incidents = rows.slice(0, query.limit);
  const ids = incidents.map((i) => i.id);
  const [reports, findings] = await Promise.all([store.memberReports(db, ids), store.findings(db, ids)]);
  const out: IncidentSummary[] = [];
  for (const i of incidents) {
    const mine = reports.filter((r) => r.incident_id === i.id);
    const finding = findings.find((f) => f.incident_id === i.id && f.round === i.round && f.reopened_at === null) ?? null;
    // The SQL scope and the policy must agree; the policy has the last word.
    if (!can(auth.actor, 'incident.read', incidentScope(mine, finding !== null))) continue;
    out.push({
      id: i.id,
      createdAt: iso(i.created_at),
      firstOccurredAt: isoOrNull(mine[0]?.occurred_at ?? null),
      typeCodes: [...new Set(mine.map((r) => r.type_code))],
      reportCount: mine.length,
      allegedPartyIds: [...new Set(mine.map((r) => r.alleged_party).filter((p): p is string => Boolean(p)))],
      replyDeadline: iso(i.reply_deadline),
      finding: finding ? (finding.finding as Finding) : null,
    });
  }
  const last = incidents.at(-1);
  return { incidents: out, total, next: rows.length > query.limit && last ? last.id : null };
}
