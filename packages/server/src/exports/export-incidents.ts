import type { Kysely } from 'kysely';
import { can } from '@truce/core/policy/policy';
import { roundedLocation } from '@truce/core/reports/validate';
import type { Verification } from '@truce/core/incidents/findings';
import type { ExportIncident, NamedArea } from '@truce/core/exports/record';
import { scopeStatement } from '@truce/core/exports/scope';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { geoData } from '../geo/index.ts';
import { scopeOf } from '../reports/index.ts';
import { listScopeFor } from '../incidents/index.ts';
import { incidentScope } from '../incidents/index.ts';
import { incidentsStore as incidentStore } from '../incidents/index.ts';
import * as store from './store.ts';
import { rowLimit, exportScope, type ExportHeader } from './export-header.ts';

/** The incidents export (C8): the incidents one reader may see, under the list's filters. */
type Db = Kysely<Database>;

const iso = (d: Date | string) => new Date(d).toISOString();

export interface IncidentExportQuery {
  type?: string;
  allegedParty?: string;
  finding?: Verification | 'none';
  reply?: 'open' | 'closed';
  limit?: string;
}

/** Who the export is for, and the sentence that says so. */
export interface IncidentExport extends ExportHeader {
  filter: Record<string, string>;
  incidents: ExportIncident[];
}

/** Incidents read per query while an export is gathered. */
const INCIDENT_PAGE = 500;

/**
 * The incidents this reader may see that meet the list's filters, newest first, at most
 * `limit`. Places and casualty figures come only from the reports the reader may open
 * (a sealed place rounded as everywhere); the rest of an incident is what its list shows.
 */
export async function exportIncidents(
  db: Db,
  auth: Auth,
  query: IncidentExportQuery,
  options: { maxRows: number; now: Date; language: string },
): Promise<IncidentExport> {
  const limit = rowLimit(query, options.maxRows);
  const actor = auth.actor;
  const [who, names, geo] = await Promise.all([exportScope(db, actor), store.names(db, options.language), geoData()]);
  const governorate = (pcode: string): NamedArea => {
    const a = geo.areas.get(pcode);
    return { pcode, nameEn: a?.nameEn ?? pcode, nameAr: a?.nameAr ?? pcode };
  };
  const named = (ids: string[]) => ids.map((id) => ({ id, name: names.organisations.get(id)?.name ?? id }));
  const out: ExportIncident[] = [];
  let before: string | undefined;
  let more = true;
  let truncated = false;
  while (more && !truncated) {
    const page = await incidentStore.listIncidents(db, {
      scope: listScopeFor(actor),
      finding: query.finding,
      allegedParty: query.allegedParty,
      type: query.type,
      reply: query.reply ? { state: query.reply, now: options.now } : undefined,
      before,
      limit: INCIDENT_PAGE,
    });
    more = page.length === INCIDENT_PAGE;
    if (page.length === 0) break;
    before = page[page.length - 1].id;
    const ids = page.map((i) => i.id);
    const [reports, findings] = await Promise.all([store.incidentReports(db, ids), incidentStore.findings(db, ids)]);
    for (const i of page) {
      const mine = reports.filter((r) => r.incident_id === i.id);
      const finding = findings.find((f) => f.incident_id === i.id && f.round === i.round && f.reopened_at === null) ?? null;
      const scope = incidentScope(mine, finding !== null);
      if (!can(actor, 'incident.read', scope)) continue;
      if (out.length === limit) {
        truncated = true;
        break;
      }
      const readable = mine.filter((r) => can(actor, 'report.read', scopeOf(r)) && r.lat !== null && r.lon !== null);
      const places = readable.map((r) => {
        const lat = Number(r.lat);
        const lon = Number(r.lon);
        return r.location_sealed && !can(actor, 'report.read.sealed', scopeOf(r)) ? roundedLocation(lat, lon) : { lat, lon };
      });
      const mean = (xs: number[]) => (xs.length === 0 ? null : Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 1e6) / 1e6);
      const most = (pick: (r: (typeof mine)[number]) => (number | null)[]) => {
        const known = readable.map(pick).filter((xs) => xs.some((x) => x !== null));
        return known.length === 0 ? null : Math.max(...known.map((xs) => xs.reduce<number>((s, x) => s + (x ?? 0), 0)));
      };
      const pcodes = [...new Set(mine.map((r) => r.adm1_pcode).filter((p): p is string => p !== null))];
      out.push({
        id: i.id,
        createdAt: iso(i.created_at),
        firstOccurredAt: mine.length ? iso(mine[0].occurred_at) : null,
        lastOccurredAt: mine.length ? iso(mine[mine.length - 1].occurred_at) : null,
        typeCodes: [...new Set(mine.map((r) => r.type_code))],
        reportCount: mine.length,
        readableReportIds: mine.filter((r) => can(actor, 'report.read', scopeOf(r))).map((r) => r.id),
        governorates: pcodes.map(governorate),
        allegedParties: named(scope.allegedPartyIds),
        affectedParties: named(scope.affectedPartyIds),
        replyDeadline: iso(i.reply_deadline),
        finding: finding ? ((finding.finding as { verification: Verification }).verification ?? null) : null,
        findingAdoptedAt: finding ? iso(finding.adopted_at) : null,
        lat: mean(places.map((p) => p.lat)),
        lon: mean(places.map((p) => p.lon)),
        // Reports of one incident tell of the same event: the largest count, never their sum.
        killed: most((r) => [r.killed_civilian, r.killed_combatant]),
        injured: most((r) => [r.injured_civilian, r.injured_combatant]),
      });
    }
  }
  const filter = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as Record<string, string>;
  return {
    scope: who,
    statement: scopeStatement(who),
    generatedAt: options.now.toISOString(),
    matched: truncated ? null : out.length,
    limit,
    truncated,
    filter,
    incidents: out,
  };
}
