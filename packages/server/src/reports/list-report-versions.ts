import type { Kysely } from 'kysely';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { readableReport } from './content.ts';
import { presentReport } from './present.ts';
import type { ReportVersion } from './schema.ts';
import * as store from './store.ts';

/** Every version of a report this reader may see, oldest first, each as this reader sees it. */
export async function listReportVersions(db: Kysely<Database>, auth: Auth, id: string): Promise<ReportVersion[]> {
  const row = await readableReport(db, auth, id);
  const all = await store.versionsOf(db, id);
  return all.map((v) => ({ ...presentReport(auth.actor, { ...row, current_version: v.version }, v), createdBy: v.created_by }));
}
