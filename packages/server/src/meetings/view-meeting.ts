import type { Kysely } from 'kysely';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { notFound } from '../errors/index.ts';
import type { Meeting } from './schema.ts';
import * as store from './store.ts';
import { loadMeetings, present } from './view.ts';

type Db = Kysely<Database>;

/** One meeting for this reader; "not found" when it may not see it. */
export async function viewMeeting(db: Db, auth: Auth, id: string): Promise<Meeting> {
  const meeting = await store.findMeeting(db, id);
  if (!meeting) throw notFound('There is no such meeting.');
  const shown = present(await loadMeetings(db, [meeting]), auth, id);
  if (!shown) throw notFound('There is no such meeting.');
  return shown;
}
