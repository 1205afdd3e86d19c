import type { Kysely } from 'kysely';
import { can } from '@truce/core/policy/policy';
import { bounds, previousPeriod } from '@truce/core/dashboard/period';
import { trend } from '@truce/core/dashboard/trend';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { geoData } from '../geo/index.ts';
import { filterOf, scopeFor } from './reader-scope.ts';
import * as rollup from './rollup/reads.ts';
import type { Dashboard, DashboardQueryInput } from './schema.ts';

/** The dashboard (C8): totals and trend, by week, party and governorate, and what is open; incident figures only for those who follow incidents. */
export async function dashboard(db: Kysely<Database>, auth: Auth, query: DashboardQueryInput, now: Date): Promise<Dashboard> {
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
