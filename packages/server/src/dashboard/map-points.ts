import type { Kysely } from 'kysely';
import { can } from '@truce/core/policy/policy';
import { roundedLocation } from '@truce/core/reports/validate';
import type { Actor } from '@truce/core/model/accounts';
import type { Verification } from '@truce/core/incidents/findings';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { scopeOf } from '../reports/index.ts';
import { filterOf, scopeFor, sealedScopeFor } from './reader-scope.ts';
import * as rollup from './rollup/reads.ts';
import type { DashboardQueryInput, PointFeature, PointProps } from './schema.ts';
import type * as store from './store.ts';

/** The map's points (C10): each report where this reader may see it. */

export const POINT_LIMIT = 20_000;

const iso = (d: Date | string) => new Date(d).toISOString();

/** What a map point says of its report, in the points and the clusters answers alike. */
export function pointProperties(
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
export async function mapPoints(db: Kysely<Database>, auth: Auth, query: DashboardQueryInput, now: Date): Promise<string> {
  const { period, filter } = filterOf(query, now);
  const incidents = can(auth.actor, 'incident.read');
  const { features, truncated } = await rollup.pointsJson(db, scopeFor(auth.actor), filter, sealedScopeFor(auth.actor), incidents, POINT_LIMIT);
  return `{"type":"FeatureCollection","features":[${features}],"period":${JSON.stringify(period)},"limit":${POINT_LIMIT},"truncated":${truncated}}`;
}
