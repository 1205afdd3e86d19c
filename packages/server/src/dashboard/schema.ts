import { Type, type Static } from '@sinclair/typebox';
import { VERIFICATIONS } from '@truce/core/incidents/findings';
import { IsoDate, Nullable, OneOf, Timestamp, Uuid } from '../http/index.ts';

/** A finding's verification as the dashboard filters by it, or `none` for incidents without one. */
export const VERIFICATION_FILTERS = [...VERIFICATIONS, 'none'] as const;

/**
 * Query strings stay strings (no coercion in this app): dates are patterned here and
 * checked as calendar days in the service, which names /query/from or /query/to.
 */
const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD (UTC day, included)' });
export const DashboardQuery = Type.Object(
  {
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    type: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    allegedParty: Type.Optional(Type.String({ format: 'uuid' })),
    finding: Type.Optional(Type.Union([...VERIFICATION_FILTERS.map((v) => Type.Literal(v))], { description: "the adopted finding's verification, or none" })),
  },
  { additionalProperties: false },
);
export type DashboardQueryInput = Static<typeof DashboardQuery>;
export const CellsQuery = Type.Object(
  {
    ...DashboardQuery.properties,
    resolution: Type.Optional(
      Type.Union([Type.Literal('5'), Type.Literal('6'), Type.Literal('7')], {
        description: 'H3 resolution: 5 (~253 km² cells), 6 (~36 km², the default) or 7 (~5 km²)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CellsQueryInput = Static<typeof CellsQuery>;

export const ClustersQuery = Type.Object(
  {
    ...DashboardQuery.properties,
    bbox: Type.Optional(Type.String({ maxLength: 120, description: 'The view as west,south,east,north in degrees (default: the whole world)' })),
    zoom: Type.Optional(Type.String({ pattern: '^(1?[0-9]|20)$', description: 'Web map zoom, 0–20 (default 6): sets the clustering grid' })),
  },
  { additionalProperties: false },
);
export type ClustersQueryInput = Static<typeof ClustersQuery>;

// --- answers -------------------------------------------------------------------------------

/** The period an answer covers: whole UTC days, both ends included. */
export const Period = Type.Object({ from: IsoDate, to: IsoDate, days: Type.Integer({ minimum: 1 }) });
export type Period = Static<typeof Period>;

const Count = Type.Integer({ minimum: 0 });
const Casualties = Type.Object({
  civilian: Count,
  combatant: Count,
  unknownCount: Type.Integer({ minimum: 0, description: 'reports that left this figure open' }),
});

export const Dashboard = Type.Object({
  period: Period,
  previousPeriod: Period,
  totals: Type.Object({
    reports: Count,
    incidents: Nullable(Type.Integer({ minimum: 0, description: 'null for readers who may not follow incidents' })),
    killed: Casualties,
    injured: Casualties,
  }),
  trend: Type.Object({
    current: Count,
    previous: Count,
    change: Nullable(Type.Number({ description: 'percentage, one decimal; null when previous is 0 and current is not' })),
    direction: OneOf(['up', 'down', 'flat'] as const),
  }),
  byWeek: Type.Array(Type.Object({ week: IsoDate, type: Type.String({ description: 'a type code of the taxonomy' }), count: Count })),
  byParty: Type.Array(Type.Object({ partyId: Nullable(Uuid), count: Count })),
  byGovernorate: Type.Array(Type.Object({ pcode: Nullable(Type.String()), nameEn: Nullable(Type.String()), nameAr: Nullable(Type.String()), count: Count })),
  open: Nullable(
    Type.Object(
      { repliesDue: Count, noReply: Count, assessmentsMissing: Count, disagreements: Count },
      { description: 'null for readers who may not follow incidents' },
    ),
  ),
});
export type Dashboard = Static<typeof Dashboard>;

/** What a map point says of its report, in the points and the clusters answers alike. */
const PointProperties = {
  id: Uuid,
  typeCode: Type.String(),
  occurredAt: Timestamp,
  allegedPartyId: Nullable(Uuid),
  incidentId: Nullable(Uuid),
  finding: Nullable(Type.Object({ verification: OneOf(VERIFICATIONS) })),
  locationSealed: Type.Boolean({ description: 'the place is rounded to 0.1° for this reader' }),
};
export const PointProps = Type.Object(PointProperties);
export type PointProps = Static<typeof PointProps>;

const Position = Type.Tuple([Type.Number(), Type.Number()], { description: 'longitude, latitude' });
const PointGeometry = Type.Object({ type: Type.Literal('Point'), coordinates: Position });

export const PointFeature = Type.Object({ type: Type.Literal('Feature'), id: Uuid, geometry: PointGeometry, properties: PointProps });
export type PointFeature = Static<typeof PointFeature>;

/** /api/map/points: a GeoJSON FeatureCollection (sent as application/geo+json). */
export const MapPoints = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(PointFeature),
  period: Period,
  limit: Type.Integer(),
  truncated: Type.Boolean({ description: 'more reports matched than the limit' }),
});
export type MapPoints = Static<typeof MapPoints>;

const Extent = Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], { description: 'west, south, east, north' });

export const ClusterFeature = Type.Union([
  Type.Object({
    type: Type.Literal('Feature'),
    geometry: PointGeometry,
    properties: Type.Object({ cluster: Type.Literal(true), count: Count, extent: Extent }),
  }),
  Type.Object({
    type: Type.Literal('Feature'),
    id: Uuid,
    geometry: PointGeometry,
    properties: Type.Object({ cluster: Type.Literal(false), count: Type.Literal(1), ...PointProperties }),
  }),
]);
export type ClusterFeature = Static<typeof ClusterFeature>;

/** /api/map/clusters: a GeoJSON FeatureCollection of clusters and points (sent as application/geo+json). */
export const MapClusters = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(ClusterFeature),
  period: Period,
  bbox: Extent,
  zoom: Type.Integer({ minimum: 0, maximum: 20 }),
  cellDegrees: Type.Number({ description: 'the side of a grid square in degrees' }),
  pointsUpTo: Type.Integer({ description: 'a square with this many reports or fewer gives its points' }),
  total: Count,
});
export type MapClusters = Static<typeof MapClusters>;

export const MapGovernorates = Type.Object({
  period: Period,
  governorates: Type.Array(Type.Object({ pcode: Nullable(Type.String({ description: 'the governorate p-code; null: not placed in one' })), count: Count })),
});
export type MapGovernorates = Static<typeof MapGovernorates>;

/** /api/map/cells: H3 hexagons as a GeoJSON FeatureCollection of polygons (sent as application/geo+json). */
export const MapCells = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Type.String({ description: 'the H3 cell index, hexadecimal' }),
      geometry: Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Type.Array(Type.Array(Type.Number()))) }),
      properties: Type.Object({ cell: Type.String(), count: Count }),
    }),
  ),
  period: Period,
  resolution: Type.Union([Type.Literal(5), Type.Literal(6), Type.Literal(7)]),
  cellAreaKm2: Type.Number(),
  limit: Type.Integer(),
  truncated: Type.Boolean({ description: 'more cells than the limit held reports' }),
});
export type MapCells = Static<typeof MapCells>;
