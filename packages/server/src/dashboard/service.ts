import type { Kysely } from 'kysely';
import { can } from '@truce/core/policy/policy';
import { bounds, parsePeriod, previousPeriod, type Period } from '@truce/core/dashboard/period';
import { trend } from '@truce/core/dashboard/trend';
import { toCsv, type Cell } from '@truce/core/dashboard/csv';
import { roundedLocation } from '@truce/core/reports/validate';
import type { ReportContent } from '@truce/core/reports/model';
import type { Actor } from '@truce/core/model/accounts';
import type { Auth } from '../accounts/authenticate.ts';
import type { Database } from '../db/schema.ts';
import { badRequest } from '../http/problem.ts';
import { geoData } from '../geo/service.ts';
import { presentContent, scopeOf, type Areas } from '../reports/present.ts';
import * as store from './store.ts';
import type { DashboardQueryInput } from './routes.ts';

/**
 * The dashboard, the map and the exports (C8, C10). Every figure is over the reports the
 * reader may see (policy `report.read`, applied in SQL); incident figures only for those
 * who may follow incidents; places sealed for the reader are rounded as in presentReport.
 */
type Db = Kysely<Database>;

export const POINT_LIMIT = 20_000;
export const VERIFICATION_FILTERS = [...store.VERIFICATIONS, 'none'] as const;
export const EXPORT_LIMIT = 100_000;

/** The policy's `report.read` as a SQL scope. Kept in step with RULES (the access test checks). */
export function scopeFor(actor: Actor): store.Scope {
  switch (actor.orgKind) {
    case 'secretariat':
    case 'guarantor':
    case 'observer':
      return { kind: 'all' };
    case 'party':
      return { kind: 'concerning', orgId: actor.orgId };
    case 'monitor':
    case 'facilitator':
      return { kind: 'filedBy', orgId: actor.orgId };
    default:
      return { kind: 'none' };
  }
}

function filterOf(query: DashboardQueryInput, now = new Date()): { period: Period; filter: store.Filter } {
  const parsed = parsePeriod(query, now);
  if (!parsed.ok) throw badRequest(`The request is not valid: ${parsed.path} ${parsed.message}.`, [{ path: parsed.path, message: parsed.message }], 'validation_failed');
  const { start, end } = bounds(parsed.period);
  return { period: parsed.period, filter: { start, end, type: query.type, allegedParty: query.allegedParty, finding: query.finding } };
}

export async function dashboard(db: Db, auth: Auth, query: DashboardQueryInput) {
  const { period, filter } = filterOf(query);
  const prev = previousPeriod(period);
  const scope = scopeFor(auth.actor);
  const incidents = can(auth.actor, 'incident.read');
  // One query at a time: PGlite runs them in turn anyway, and so does one connection.
  const counts = await store.totals(db, scope, filter, bounds(prev), incidents);
  const groups = await store.aggregates(db, scope, filter);
  const hurt = await store.casualties(db, scope, filter);
  const open = incidents ? await store.openItems(db, scope, new Date()) : null;
  const areas = (await geoData()).areas;
  return {
    period,
    previousPeriod: prev,
    totals: { reports: counts.current, incidents: counts.incidents, ...hurt },
    trend: trend(counts.current, counts.previous),
    byWeek: groups.byWeek,
    byParty: groups.byParty,
    byGovernorate: groups.byGovernorate.map((g) => {
      const area = g.pcode ? areas.get(g.pcode) : undefined;
      return { pcode: g.pcode, nameEn: area?.nameEn ?? null, nameAr: area?.nameAr ?? null, count: g.count };
    }),
    open,
  };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export async function mapPoints(db: Db, auth: Auth, query: DashboardQueryInput) {
  const { period, filter } = filterOf(query);
  const incidents = can(auth.actor, 'incident.read');
  const rows = await store.points(db, scopeFor(auth.actor), filter, POINT_LIMIT + 1);
  const truncated = rows.length > POINT_LIMIT;
  const features = rows.slice(0, POINT_LIMIT).map((r) => {
    let lat = Number(r.lat);
    let lon = Number(r.lon);
    if (r.sealed && !can(auth.actor, 'report.read.sealed', scopeOf(r))) ({ lat, lon } = roundedLocation(lat, lon));
    return {
      type: 'Feature' as const,
      id: r.id,
      geometry: { type: 'Point' as const, coordinates: [lon, lat] },
      properties: {
        id: r.id,
        typeCode: r.type_code,
        occurredAt: iso(r.occurred_at),
        allegedPartyId: r.alleged_party,
        incidentId: incidents ? r.incident_id : null,
        finding: incidents && r.verification ? { verification: r.verification } : null,
        locationSealed: r.sealed && !can(auth.actor, 'report.read.sealed', scopeOf(r)),
      },
    };
  });
  return { type: 'FeatureCollection' as const, features, period, limit: POINT_LIMIT, truncated };
}

export async function mapGovernorates(db: Db, auth: Auth, query: DashboardQueryInput) {
  const { period, filter } = filterOf(query);
  const rows = await store.perGovernorate(db, scopeFor(auth.actor), filter);
  return { period, governorates: rows };
}

/** A report as an export shows it to this reader: no sources, sealed places rounded. */
async function exportable(db: Db, auth: Auth, query: DashboardQueryInput) {
  const { period, filter } = filterOf(query);
  const rows = await store.exportRows(db, scopeFor(auth.actor), filter, EXPORT_LIMIT + 1);
  const truncated = rows.length > EXPORT_LIMIT;
  const reports = rows.slice(0, EXPORT_LIMIT).map((r) => {
    const sealedVisible = can(auth.actor, 'report.read.sealed', scopeOf(r));
    const c = presentContent(r.content as ReportContent, r.areas as Areas, sealedVisible);
    const p = c.allegedPerpetrator;
    return {
      id: r.id,
      occurredAt: c.occurredAt,
      timePrecision: c.timePrecision,
      typeCode: c.typeCode,
      adm1Pcode: r.adm1_pcode,
      adm2Pcode: r.adm2_pcode,
      lat: c.location.lat,
      lon: c.location.lon,
      geoPrecision: c.location.geoPrecision,
      locationSealed: c.sealed.includes('location'),
      allegedKind: p.kind,
      allegedParty: p.kind === 'party' ? p.organisationId : p.kind === 'excluded' ? p.groupId : null,
      affectedSide: c.affectedSide.kind === 'party' ? c.affectedSide.organisationId : c.affectedSide.kind,
      killedCivilian: c.casualties.killedCivilian,
      killedCombatant: c.casualties.killedCombatant,
      injuredCivilian: c.casualties.injuredCivilian,
      injuredCombatant: c.casualties.injuredCombatant,
      outsideZones: r.outside_zones,
      outsideDates: r.outside_dates,
      withdrawn: r.withdrawn_at !== null,
      language: c.language,
      description: c.description,
    };
  });
  return { period, reports, truncated };
}

export const SCOPE_NOTE = (actor: Actor) =>
  `reports visible to organisation ${actor.orgId} (${actor.orgKind}); sources omitted; sealed locations rounded to 0.1 degree unless visible to this reader`;

const CSV_COLUMNS = [
  ['id', 'id'],
  ['occurred_at', 'occurredAt'],
  ['time_precision', 'timePrecision'],
  ['type_code', 'typeCode'],
  ['adm1_pcode', 'adm1Pcode'],
  ['adm2_pcode', 'adm2Pcode'],
  ['lat', 'lat'],
  ['lon', 'lon'],
  ['geo_precision', 'geoPrecision'],
  ['location_sealed', 'locationSealed'],
  ['alleged_kind', 'allegedKind'],
  ['alleged_party', 'allegedParty'],
  ['affected_side', 'affectedSide'],
  ['killed_civilian', 'killedCivilian'],
  ['killed_combatant', 'killedCombatant'],
  ['injured_civilian', 'injuredCivilian'],
  ['injured_combatant', 'injuredCombatant'],
  ['outside_zones', 'outsideZones'],
  ['outside_dates', 'outsideDates'],
  ['withdrawn', 'withdrawn'],
  ['language', 'language'],
  ['description', 'description'],
] as const;

export async function exportCsv(db: Db, auth: Auth, query: DashboardQueryInput) {
  const { period, reports, truncated } = await exportable(db, auth, query);
  const body = toCsv(
    CSV_COLUMNS.map(([h]) => h),
    reports.map((r) => CSV_COLUMNS.map(([, k]) => r[k] as Cell)),
  );
  return { period, body, truncated, count: reports.length };
}

export async function exportGeoJson(db: Db, auth: Auth, query: DashboardQueryInput) {
  const { period, reports, truncated } = await exportable(db, auth, query);
  return {
    period,
    truncated,
    count: reports.length,
    body: {
      type: 'FeatureCollection' as const,
      features: reports.map(({ lat, lon, ...properties }) => ({ type: 'Feature' as const, id: properties.id, geometry: { type: 'Point' as const, coordinates: [lon, lat] }, properties })),
    },
  };
}
