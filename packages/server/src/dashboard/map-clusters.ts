import type { Kysely } from 'kysely';
import { can } from '@truce/core/policy/policy';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { badRequest } from '../errors/index.ts';
import { pointProperties } from './map-points.ts';
import { filterOf, scopeFor, sealedScopeFor } from './reader-scope.ts';
import * as rollup from './rollup/reads.ts';
import type { ClusterFeature, ClustersQueryInput, MapClusters } from './schema.ts';

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
export async function mapClusters(db: Kysely<Database>, auth: Auth, query: ClustersQueryInput, now: Date): Promise<MapClusters> {
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
