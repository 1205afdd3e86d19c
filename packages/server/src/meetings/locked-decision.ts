import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import { notFound, staleVersion } from '../errors/index.ts';
import { lockedMeeting } from './locked-meeting.ts';
import * as store from './store.ts';

type Db = Kysely<Database>;

/** The decision, locked after its meeting (always meeting first, then its parts: no deadlock with attendance). */
export async function lockedDecision(tx: Db, id: string, version: number) {
  const found = await store.findDecision(tx, id);
  if (!found) throw notFound('There is no such decision.');
  await lockedMeeting(tx, found.meeting_id);
  const decision = (await store.findDecision(tx, id, { lock: true }))!;
  if (decision.version !== version) throw staleVersion('decision', decision.version);
  return decision;
}
