import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import { conflict, notFound, staleVersion } from '../errors/index.ts';
import * as store from './store.ts';

/**
 * The meeting, locked for the change's transaction, at the version the client edited,
 * and still open to changes: shared by the use cases that change a meeting, its agenda,
 * decisions and action items.
 */
export async function lockedMeeting(tx: Kysely<Database>, id: string, version?: number) {
  const meeting = await store.findMeeting(tx, id, { lock: true });
  if (!meeting) throw notFound('There is no such meeting.');
  if (version !== undefined && meeting.version !== version) throw staleVersion('meeting', meeting.version);
  if (meeting.status === 'cancelled') throw conflict('This meeting was cancelled.', 'cancelled');
  return meeting;
}
