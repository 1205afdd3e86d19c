import { Type, type Static } from '@sinclair/typebox';
import { VERIFICATIONS } from './store.ts';

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
