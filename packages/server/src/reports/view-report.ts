import type { Kysely } from 'kysely';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { readableReport } from './content.ts';
import { presentReport } from './present.ts';
import type { Report } from './schema.ts';
import * as store from './store.ts';

/** One report as this reader may see it; 404 when it does not concern them. */
export async function viewReport(db: Kysely<Database>, auth: Auth, id: string): Promise<Report> {
  const row = await readableReport(db, auth, id);
  return presentReport(auth.actor, row, await store.currentVersion(db, id, row.current_version));
}
