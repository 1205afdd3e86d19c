import type { Kysely } from 'kysely';
import { can } from '@truce/core/policy/policy';
import { bounds, parsePeriod, previousPeriod, type Period } from '@truce/core/dashboard/period';
import { trend } from '@truce/core/dashboard/trend';
import { roundedLocation } from '@truce/core/reports/validate';
import { CELL_AREA_KM2, cellPolygon, type CellResolution } from '@truce/core/geo/cells';
import type { Actor } from '@truce/core/model/accounts';
import type { Verification } from '@truce/core/incidents/findings';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { badRequest } from '../errors/index.ts';
import { geoData } from '../geo/index.ts';
import { readScopeFor, scopeOf } from '../reports/index.ts';
import * as store from './store.ts';
import * as rollup from './rollup/reads.ts';
import type {
  CellsQueryInput,
  ClusterFeature,
  ClustersQueryInput,
  Dashboard,
  DashboardQueryInput,
  MapCells,
  MapClusters,
  MapGovernorates,
  PointFeature,
  PointProps,
} from './schema.ts';

/**
 * The dashboard and the map (C8, C10); the exports (exports/) use the same scope. Every
 * figure is over the reports the reader may see (policy `report.read`, applied in SQL);
 * incident figures only for those who may follow incidents; places sealed for the reader
 * are rounded as in presentReport.
 */
type Db = Kysely<Database>;

export const POINT_LIMIT = 20_000;

/**
 * The policy's `report.read` as a SQL scope: the reports module's one derivation from the
 * policy table (reports/scope.ts readScopeFor), so the dashboard, the map, the exports and
 * the report list cannot drift apart from RULES or from each other.
 */
export function scopeFor(actor: Actor): store.Scope {
  return readScopeFor(actor);
}

function filterOf(query: DashboardQueryInput, now: Date): { period: Period; filter: store.Filter } {
  const parsed = parsePeriod(query, now);
  if (!parsed.ok)
    throw badRequest(`The request is not valid: ${parsed.path} ${parsed.message}.`, [{ path: parsed.path, message: parsed.message }], 'validation_failed');
  const { start, end } = bounds(parsed.period);
  return { period: parsed.period, filter: { start, end, type: query.type, allegedParty: query.allegedParty, finding: query.finding } };
}

export async function dashboard(db: Db, auth: Auth, query: DashboardQueryInput, now: Date): Promise<Dashboard> {
  const { period, filter } = filterOf(query, now);
  const prev = previousPeriod(period);
  const scope = scopeFor(auth.actor);
  const incidents = can(auth.actor, 'incident.read');
  // Every figure from the maintained aggregates (rollup/reads.ts), in one statement: one snapshot,
  // after taking in what the log says changed.
  const counts = await rollup.figures(db, scope, filter, bounds(prev), incidents, now);
  const { groups, hurt, open } = counts;
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

const iso = (d: Date | string) => new Date(d).toISOString();

/** What a map point says of its report, in the points and the clusters answers alike. */
function pointProperties(
  r: { id: string; type_code: string; occurred_at: Date | string; alleged_party: string | null; incident_id: string | null; verification: string | null },
  incidents: boolean,
  locationSealed: boolean,
): PointProps {
  return {
    id: r.id,
    typeCode: r.type_code,
    occurredAt: iso(r.occurred_at),
    allegedPartyId: r.alleged_party,
    incidentId: incidents ? r.incident_id : null,
    finding: incidents && r.verification ? { verification: r.verification as Verification } : null,
    locationSealed,
  };
}

/** A report as a map point to this reader: its place rounded where sealed for it (the reference for rollup.pointsJson). */
export function pointFeature(r: store.PointRow, actor: Actor): PointFeature {
  const incidents = can(actor, 'incident.read');
  const hidden = r.sealed && !can(actor, 'report.read.sealed', scopeOf(r));
  let lat = Number(r.lat);
  let lon = Number(r.lon);
  if (hidden) ({ lat, lon } = roundedLocation(lat, lon));
  return {
    type: 'Feature' as const,
    id: r.id,
    geometry: { type: 'Point' as const, coordinates: [lon, lat] },
    properties: pointProperties(r, incidents, hidden),
  };
}

/**
 * The map's points (at most POINT_LIMIT, newest first) as GeoJSON text: the features are
 * written by the database (rollup.pointsJson, as pointFeature would make them), the rest here.
 */
export async function mapPoints(db: Db, auth: Auth, query: DashboardQueryInput, now: Date): Promise<string> {
  const { period, filter } = filterOf(query, now);
  const incidents = can(auth.actor, 'incident.read');
  const { features, truncated } = await rollup.pointsJson(db, scopeFor(auth.actor), filter, sealedScopeFor(auth.actor), incidents, POINT_LIMIT);
  return `{"type":"FeatureCollection","features":[${features}],"period":${JSON.stringify(period)},"limit":${POINT_LIMIT},"truncated":${truncated}}`;
}

/** A grid square with more reports than this is a cluster; one with this many or fewer gives its points. */
export const CLUSTER_POINTS_UP_TO = 3;
/** At most this many grid squares across a view, each way: the answer is bounded whatever the view and the data. */
export const CLUSTER_GRID_MAX = 64;

/**
 * The map's view (bbox "west,south,east,north" in degrees, and the zoom) as clusters and
 * points, computed in the database: a grid of squares a quarter of a 256-pixel tile wide at
 * that zoom (never more than CLUSTER_GRID_MAX across), clusters where a square holds more
 * than CLUSTER_POINTS_UP_TO reports, the reports themselves elsewhere. Places sealed for the
 * reader are binned and shown where the map's points show them.
 */
export async function mapClusters(db: Db, auth: Auth, query: ClustersQueryInput, now: Date): Promise<MapClusters> {
  const { period, filter } = filterOf(query, now);
  const bbox = (query.bbox ?? '-180,-90,180,90').split(',').map(Number);
  const [west, south, east, north] = bbox;
  if (bbox.length !== 4 || bbox.some((x) => !Number.isFinite(x)) || west > east || south > north || west < -180 || east > 180 || south < -90 || north > 90) {
    const message = 'must be west,south,east,north in degrees';
    throw badRequest(`The request is not valid: /query/bbox ${message}.`, [{ path: '/query/bbox', message }], 'validation_failed');
  }
  const zoom = Number(query.zoom ?? 6);
  const cell = Math.max(360 / 2 ** zoom / 4, (east - west) / CLUSTER_GRID_MAX, (north - south) / CLUSTER_GRID_MAX, 1e-6);
  const incidents = can(auth.actor, 'incident.read');
  const grid = { west, south, east, north, cell };
  const rows = await rollup.clusters(db, scopeFor(auth.actor), filter, sealedScopeFor(auth.actor), grid, zoom, CLUSTER_POINTS_UP_TO);
  let total = 0;
  const features = rows.map((r): ClusterFeature => {
    total += r.kind === 'cluster' ? r.count : 1;
    if (r.kind === 'cluster')
      return {
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [r.lon, r.lat] },
        properties: { cluster: true as const, count: r.count, extent: [r.west, r.south, r.east, r.north] },
      };
    return {
      type: 'Feature' as const,
      id: r.id,
      geometry: { type: 'Point' as const, coordinates: [Number(r.lon), Number(r.lat)] },
      // The store has already moved a sealed place to where this reader is shown it.
      properties: { cluster: false as const, count: 1, ...pointProperties(r, incidents, r.sealed) },
    };
  });
  return {
    type: 'FeatureCollection' as const,
    features,
    period,
    bbox: [west, south, east, north],
    zoom,
    cellDegrees: cell,
    pointsUpTo: CLUSTER_POINTS_UP_TO,
    total,
  };
}

export async function mapGovernorates(db: Db, auth: Auth, query: DashboardQueryInput, now: Date): Promise<MapGovernorates> {
  const { period, filter } = filterOf(query, now);
  const rows = await rollup.perGovernorate(db, scopeFor(auth.actor), filter);
  return { period, governorates: rows };
}

export const CELL_LIMIT = 50_000;

/** The policy's `report.read.sealed` as a SQL scope. Kept in step with RULES (map-cells test checks). */
export function sealedScopeFor(actor: Actor): store.SealedScope {
  return can(actor, 'report.read.sealed') ? { kind: 'all' } : { kind: 'filedBy', orgId: actor.orgId };
}

/** Hexagons never change: their outlines are computed once per cell (Syria has ~36,000 at resolution 7). */
const outlines = new Map<string, number[][]>();
function outline(cell: string): number[][] {
  let ring = outlines.get(cell);
  if (!ring) {
    if (outlines.size >= 200_000) outlines.clear();
    outlines.set(cell, (ring = cellPolygon(cell)));
  }
  return ring;
}

/** Report counts per H3 hexagon as GeoJSON polygons, sealed places counted where this reader is shown them. */
export async function mapCells(db: Db, auth: Auth, query: CellsQueryInput, now: Date): Promise<MapCells> {
  const { period, filter } = filterOf(query, now);
  const resolution = Number(query.resolution ?? 6) as CellResolution;
  const rows = await store.perCell(db, scopeFor(auth.actor), filter, resolution, sealedScopeFor(auth.actor), CELL_LIMIT + 1);
  const truncated = rows.length > CELL_LIMIT;
  const features = rows.slice(0, CELL_LIMIT).map((r) => ({
    type: 'Feature' as const,
    id: r.cell,
    geometry: { type: 'Polygon' as const, coordinates: [outline(r.cell)] },
    properties: { cell: r.cell, count: r.count },
  }));
  return { type: 'FeatureCollection' as const, features, period, resolution, cellAreaKm2: CELL_AREA_KM2[resolution], limit: CELL_LIMIT, truncated };
}
