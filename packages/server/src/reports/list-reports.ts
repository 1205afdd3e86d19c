import type { Kysely } from 'kysely';
import { can } from '@truce/core/policy/policy';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { presentReport, scopeOf } from './present.ts';
import type { Report } from './schema.ts';
import { readScopeFor } from './scope.ts';
import * as store from './store.ts';

/** Reports this reader may see, newest first. */
export async function listReports(db: Kysely<Database>, auth: Auth, filter: Omit<store.ListFilter, 'scope'>): Promise<Report[]> {
  const rows = await store.listReports(db, { ...filter, scope: readScopeFor(auth.actor) });
  // The SQL scope and the policy must agree; the policy has the last word.
  return rows
    .filter((r) => can(auth.actor, 'report.read', scopeOf(r)))
    .map((r) => presentReport(auth.actor, r, { content: r.content, areas: r.areas, created_at: r.version_created_at, change_note: r.change_note }));
}
