import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import { badRequest } from '../errors/index.ts';
import type { NewMeeting } from './schema.ts';
import * as store from './store.ts';

/** Checks shared by the commands that name a meeting's participants. */
type Db = Kysely<Database>;

export async function checkOrganisations(tx: Db, ids: string[], path: (i: number) => string) {
  const known = await store.organisations(tx, ids);
  ids.forEach((id, i) => {
    if (!known.some((o) => o.id === id)) throw badRequest('There is no such organisation.', [{ path: path(i), message: 'unknown organisation' }]);
  });
  return known;
}

export function uniqueParticipants(participants: NewMeeting['participants'], field: string) {
  const seen = new Set<string>();
  participants.forEach((p, i) => {
    if (seen.has(p.organisationId))
      throw badRequest('Each organisation takes part once.', [{ path: `/body/${field}/${i}/organisationId`, message: 'listed twice' }]);
    seen.add(p.organisationId);
  });
}

export const clean = (names: string[] | undefined) => (names ?? []).map((n) => n.trim()).filter((n) => n.length > 0);
