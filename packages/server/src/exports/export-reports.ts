import type { Kysely } from 'kysely';
import { can } from '@truce/core/policy/policy';
import { parseDay, parsePeriod, type Period } from '@truce/core/dashboard/period';
import type { ReportContent } from '@truce/core/reports/model';
import type { Verification } from '@truce/core/incidents/findings';
import type { ExportFormat } from '@truce/core/exports/format';
import type { ExportReport } from '@truce/core/exports/record';
import { scopeStatement } from '@truce/core/exports/scope';
import type { Actor } from '@truce/core/model/accounts';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { presentContent, scopeOf, type Areas } from '../reports/index.ts';
import { scopeFor } from '../dashboard/index.ts';
import type { Filter } from '../dashboard/index.ts';
import * as store from './store.ts';
import { invalid, rowLimit, exportScope, type ExportHeader } from './export-header.ts';

/**
 * The exports (C8): the reports or incidents one reader may see, under the filters of the
 * list and the map, as records that hold nothing that reader may not see (routes.ts turns
 * them into CSV, HXL, ACLED, GeoJSON or JSON). The SQL scope is the dashboard's; the
 * policy has the last word on every record, as in the lists; sealed parts go through
 * presentContent like every other read of a report.
 */
type Db = Kysely<Database>;

/** Reports read per query while an export is written. */
export const PAGE_SIZE = 1000;

export interface ReportExportQuery {
  from?: string;
  to?: string;
  type?: string;
  allegedParty?: string;
  finding?: Filter['finding'];
  governorate?: string;
  ungrouped?: 'true';
  withdrawn?: 'include' | 'exclude';
  limit?: string;
}

/**
 * The period of a reports export. Without dates it covers every report (the list's
 * default); `legacy` keeps the four weeks ending today of /api/reports/export.*.
 */
function periodOf(query: ReportExportQuery, legacy: boolean, now: Date): { period: Period | null; start: Date; end: Date } {
  if (legacy) {
    const parsed = parsePeriod(query, now);
    if (!parsed.ok) invalid(parsed.path, parsed.message);
    const from = parseDay(parsed.period.from)!;
    return { period: parsed.period, start: new Date(from), end: new Date(parseDay(parsed.period.to)! + 86_400_000) };
  }
  const from = query.from === undefined ? null : parseDay(query.from);
  if (from === null && query.from !== undefined) invalid('/query/from', 'is not a date (YYYY-MM-DD)');
  const to = query.to === undefined ? null : parseDay(query.to);
  if (to === null && query.to !== undefined) invalid('/query/to', 'is not a date (YYYY-MM-DD)');
  if (from !== null && to !== null && from > to) invalid('/query/from', 'is after the end of the period');
  const period = from !== null && to !== null ? { from: query.from!, to: query.to!, days: Math.round((to - from) / 86_400_000) + 1 } : null;
  // Reports cannot be filed for a time in the future, nor for before 1900: these bounds hold them all.
  return { period, start: new Date(from ?? Date.UTC(1900, 0, 1)), end: new Date(to === null ? Date.UTC(9999, 0, 1) : to + 86_400_000) };
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** One report as this reader may see it, with the names an export gives. */
export function exportRecord(actor: Actor, row: store.ReportExportRow, names: store.Names): ExportReport {
  const sealedVisible = can(actor, 'report.read.sealed', scopeOf(row));
  const c = presentContent(row.content as ReportContent, row.areas as Areas, sealedVisible);
  const type = names.types.get(c.typeCode);
  const p = c.allegedPerpetrator;
  const a = c.affectedSide;
  const orgName = (id: string) => names.organisations.get(id)?.name ?? null;
  return {
    id: row.id,
    version: row.current_version,
    filedAt: iso(row.created_at),
    updatedAt: iso(row.version_created_at),
    occurredAt: c.occurredAt,
    timePrecision: c.timePrecision,
    typeCode: c.typeCode,
    typeLabel: type?.label ?? null,
    acledEventType: type?.acledEventType ?? null,
    acledSubEventType: type?.acledSubEventType ?? null,
    adm1: c.areas.adm1 ?? null,
    adm2: c.areas.adm2 ?? null,
    placeName: c.location.placeName ?? null,
    placePcode: c.location.pcode ?? null,
    lat: c.location.lat,
    lon: c.location.lon,
    geoPrecision: c.location.geoPrecision,
    locationRounded: c.sealed.includes('location'),
    reporter: { id: row.reporter_org, name: orgName(row.reporter_org) ?? row.reporter_org },
    alleged:
      p.kind === 'party'
        ? { kind: 'party', id: p.organisationId, name: orgName(p.organisationId) }
        : p.kind === 'excluded'
          ? { kind: 'excluded', id: p.groupId, name: names.groups.get(p.groupId) ?? null }
          : { kind: 'unknown', id: null, name: null },
    affected: a.kind === 'party' ? { kind: 'party', id: a.organisationId, name: orgName(a.organisationId) } : { kind: a.kind, id: null, name: null },
    casualties: c.casualties,
    incidentId: row.incident_id,
    finding: (row.verification as Verification | null) ?? null,
    outsideZones: row.outside_zones,
    outsideDates: row.outside_dates,
    withdrawnAt: row.withdrawn_at === null ? null : iso(row.withdrawn_at),
    language: c.language,
    description: c.description,
    ...(sealedVisible ? { sources: c.sources } : {}),
    withheld: c.sealed,
  };
}

export interface ReportExport extends ExportHeader {
  period: Period | null;
  filter: Record<string, string>;
  names: store.Names;
  /** The records, a page at a time, at most `limit` of them. */
  pages: AsyncGenerator<ExportReport[]>;
}

/**
 * Plans a reports export for this reader: counts what matches, then hands out the records
 * a page at a time as the answer is written. Throws 400 naming the query field when a
 * date, the period or the limit is wrong.
 */
export async function exportReports(
  db: Db,
  auth: Auth,
  query: ReportExportQuery,
  options: { maxRows: number; format: ExportFormat; legacy?: boolean; now: Date; language: string },
): Promise<ReportExport> {
  const { period, start, end } = periodOf(query, options.legacy === true, options.now);
  const limit = rowLimit(query, options.maxRows);
  const withdrawn = query.withdrawn ?? (options.format === 'acled' ? 'exclude' : 'include');
  const filter: Filter = {
    start,
    end,
    type: query.type,
    allegedParty: query.allegedParty,
    finding: query.finding,
    governorate: query.governorate,
    ungrouped: query.ungrouped === 'true',
    withdrawn: withdrawn === 'include',
  };
  const scope = scopeFor(auth.actor);
  const [who, matched, names] = await Promise.all([exportScope(db, auth.actor), store.countReports(db, scope, filter), store.names(db, options.language)]);
  const actor = auth.actor;
  async function* pages() {
    let sent = 0;
    let after: string | null = null;
    while (sent < limit) {
      const rows = await store.reportPage(db, scope, filter, after, Math.min(PAGE_SIZE, limit - sent));
      if (rows.length === 0) return;
      after = rows[rows.length - 1].id;
      sent += rows.length;
      // The SQL scope and the policy must agree; the policy has the last word.
      yield rows.filter((r) => can(actor, 'report.read', scopeOf(r))).map((r) => exportRecord(actor, r, names));
    }
  }
  const echo = Object.fromEntries(Object.entries({ ...query, withdrawn }).filter(([, v]) => v !== undefined)) as Record<string, string>;
  return {
    scope: who,
    statement: scopeStatement(who),
    generatedAt: options.now.toISOString(),
    matched,
    limit,
    truncated: matched > limit,
    period,
    filter: echo,
    names,
    pages: pages(),
  };
}
