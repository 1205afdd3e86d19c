import type { Kysely } from 'kysely';
import { can } from '@truce/core/policy/policy';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { badRequest, forbidden } from '../errors/index.ts';
import * as store from './store.ts';

type Db = Kysely<Database>;

interface Links {
  incidentIds?: string[];
  exchangeIds?: string[];
  persons?: { listId: string; ref: string }[];
  partyIds?: string[];
}

/**
 * Checks that every linked thing exists; a bad link is a 400 naming its field. Persons are
 * named only by those who may read their list (never the secretariat): a decision must not
 * become a way to learn who is on a list.
 */
export async function checkLinks(tx: Db, auth: Auth, links: Links) {
  const lists = await store.listParties(tx, [...new Set((links.persons ?? []).map((p) => p.listId))]);
  (links.persons ?? []).forEach((p, i) => {
    const list = lists.find((l) => l.id === p.listId);
    if (!list) throw badRequest('There is no such list.', [{ path: `/body/persons/${i}/listId`, message: 'unknown list' }]);
    if (!can(auth.actor, 'detainees.read', { listPartyId: list.party_id }))
      throw forbidden('Persons on a detainee list are named only by those who may read the list.');
  });
  const incidents = await store.incidentsExist(tx, links.incidentIds ?? []);
  (links.incidentIds ?? []).forEach((id, i) => {
    if (!incidents.some((x) => x.id === id)) throw badRequest('There is no such incident.', [{ path: `/body/incidentIds/${i}`, message: 'unknown incident' }]);
  });
  const exchanges = await store.exchanges(tx, { ids: links.exchangeIds ?? [] });
  (links.exchangeIds ?? []).forEach((id, i) => {
    if (!exchanges.some((x) => x.id === id)) throw badRequest('There is no such exchange.', [{ path: `/body/exchangeIds/${i}`, message: 'unknown exchange' }]);
  });
  const persons = await store.personsOnLists(tx, links.persons ?? []);
  (links.persons ?? []).forEach((p, i) => {
    if (!persons.some((x) => x.list_id === p.listId && x.ref === p.ref))
      throw badRequest(`There is no person with reference "${p.ref}" on this list.`, [{ path: `/body/persons/${i}/ref`, message: 'is not on the list' }]);
  });
  const parties = await store.organisations(tx, links.partyIds ?? []);
  (links.partyIds ?? []).forEach((id, i) => {
    if (parties.find((o) => o.id === id)?.kind !== 'party')
      throw badRequest('Decisions concern parties to the conflict.', [{ path: `/body/partyIds/${i}`, message: 'is not a party' }]);
  });
}
