import type { Kysely } from 'kysely';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { filterOf, scopeFor } from './reader-scope.ts';
import * as rollup from './rollup/reads.ts';
import type { DashboardQueryInput, MapGovernorates } from './schema.ts';

/** Report counts per governorate, for the map's shading. */
export async function mapGovernorates(db: Kysely<Database>, auth: Auth, query: DashboardQueryInput, now: Date): Promise<MapGovernorates> {
  const { period, filter } = filterOf(query, now);
  const rows = await rollup.perGovernorate(db, scopeFor(auth.actor), filter);
  return { period, governorates: rows };
}
