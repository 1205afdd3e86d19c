import { can, type Action } from '@truce/core/policy/policy';
import type { Actor } from '@truce/core/model/accounts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import { forbidden, notFound } from '../errors/index.ts';
import * as store from './store.ts';

/**
 * The one way services reach a list: it must exist and the actor must be allowed the
 * action on it. A list the actor may not read is "not found" (its existence is not
 * confirmed); one it may read but not change is "forbidden".
 */
export async function listFor(db: Kysely<Database>, actor: Actor, id: string, action: Action, { lock = false } = {}) {
  const list = lock ? await store.lockList(db, id) : await store.findList(db, id);
  const scope = list && { listPartyId: list.party_id };
  if (!list || !can(actor, 'detainees.read', scope!)) throw notFound('There is no such list.');
  if (action !== 'detainees.read' && !can(actor, action, scope!)) throw forbidden('Only the party that keeps this list may change it.');
  return list;
}
