import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import { can } from '@truce/core/policy/policy';
import type { PersonRecord } from '@truce/core/detainees/person';
import type { PersonStatus } from '@truce/core/detainees/status';
import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/index.ts';
import { detaineesStore, setStatus, statusOf } from '../detainees/index.ts';
import { badRequest, conflict, forbidden } from '../errors/index.ts';
import { record } from '../log/index.ts';
import type { Proposal as ProposalInput } from './schema.ts';
import * as store from './store.ts';

/**
 * Prisoner exchanges (C6). A proposal between two parties names the persons each side
 * releases: from confirmed matches (a party names the person it seeks; the other side's
 * held person it was matched to is released) and from persons a side offers from its
 * own held list; all-for-all and by-category take them from both held lists. Both
 * parties approve, every guarantor endorses, and on the day the facilitator records each
 * person's outcome. Every step is on the record; names enter it only as commitments.
 */
type Db = Kysely<Database>;

/** Statuses from which a person may be put in a new exchange. */
const AVAILABLE: readonly PersonStatus[] = ['listed', 'matched', 'declined', 'not_found'];

/** What a proposal names (its request body, schema.ts). */
export type { PersonPick, Proposal as ProposalInput } from './schema.ts';

interface Picked {
  listId: string;
  ref: string;
  releasingParty: string;
  record: PersonRecord;
  soughtListId: string | null;
  soughtRef: string | null;
}

export async function propose(ctx: AppContext, auth: Auth, input: ProposalInput) {
  const parties = { exchangePartyIds: [input.partyA, input.partyB] };
  if (!can(auth.actor, 'exchange.propose', parties)) throw forbidden('An exchange is proposed by the facilitator or by one of the two parties in it.');
  if (input.partyA === input.partyB)
    throw badRequest('An exchange is between two different parties.', [{ path: '/body/partyB', message: 'must differ from partyA' }]);
  const orgs = await store.organisationKinds(ctx.db, [input.partyA, input.partyB]);
  for (const [field, id] of [
    ['partyA', input.partyA],
    ['partyB', input.partyB],
  ] as const) {
    if (orgs.find((o) => o.id === id)?.kind !== 'party')
      throw badRequest('Exchanges are between parties to the conflict.', [{ path: `/body/${field}`, message: 'is not a party' }]);
  }
  await detaineesStore.ensureLists(ctx.db);
  return ctx.db.transaction().execute(async (tx) => {
    const picked = await pickPersons(tx, auth, input);
    if (picked.length === 0)
      throw badRequest(
        'The exchange names nobody: add persons, or choose categories that someone on the lists is in.',
        [{ path: '/body/persons', message: 'is empty' }],
        'no_persons',
      );
    if (input.mode === 'one-for-one') {
      const a = picked.filter((p) => p.releasingParty === input.partyA).length;
      if (a * 2 !== picked.length)
        throw badRequest(
          `One for one: each side releases as many as the other (now ${a} and ${picked.length - a}).`,
          [{ path: '/body/persons', message: 'sides differ in number' }],
          'unbalanced',
        );
    }
    const statuses = new Map<string, Map<string, PersonStatus>>();
    for (const listId of new Set(picked.map((p) => p.listId)))
      statuses.set(
        listId,
        await statusOf(
          tx,
          listId,
          picked.filter((p) => p.listId === listId).map((p) => p.ref),
        ),
      );
    const busy = picked.filter((p) => !AVAILABLE.includes(statuses.get(p.listId)!.get(p.ref) ?? 'listed'));
    if (busy.length > 0 && input.mode !== 'all-for-all' && input.mode !== 'by-category') {
      throw conflict(`${busy.length} of these persons are already in an exchange or released (the first: reference "${busy[0].ref}").`, 'person_unavailable');
    }
    const persons = picked.filter((p) => !busy.includes(p));
    const id = uuidv7();
    const now = ctx.clock.now();
    await store.insertExchange(
      tx,
      {
        id,
        title: input.title.trim(),
        mode: input.mode,
        party_a: input.partyA,
        party_b: input.partyB,
        meeting_date: input.meetingDate ?? null,
        note: (input.note ?? '').trim(),
        proposed_by: auth.actor.userId,
        proposed_org: auth.actor.orgId,
      },
      persons.map((p) => ({
        list_id: p.listId,
        ref: p.ref,
        releasing_party: p.releasingParty,
        sought_list_id: p.soughtListId,
        sought_ref: p.soughtRef,
        category: p.record.category ?? null,
      })),
      now,
    );
    for (const p of persons) {
      await setStatus(tx, auth, { listId: p.listId, ref: p.ref, status: 'proposed', at: now, exchangeId: id });
      if (p.soughtListId) await setStatus(tx, auth, { listId: p.soughtListId, ref: p.soughtRef!, status: 'proposed', at: now, exchangeId: id });
    }
    await record(tx, {
      type: 'exchange.proposed',
      actor: loggedActor(auth),
      subject: { exchange: id },
      data: {
        mode: input.mode,
        parties: [input.partyA, input.partyB],
        meetingDate: input.meetingDate ?? null,
        releasedBy: countBy(persons, (p) => p.releasingParty),
        personsOrder: 'list-ref',
      },
      // In list then ref order (the request's order is not stored), so an audit can recompute it.
      sealed: { persons: byListAndRef(persons.map((p) => ({ list: p.listId, ref: p.ref }))), title: input.title.trim() },
    });
    return { id };
  });
}

function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

async function heldListOf(tx: Db, party: string) {
  return (await detaineesStore.listOf(tx, party, 'held'))!;
}

/**
 * Resolves what a proposal names into held persons. A party names its own held persons
 * (offers) and the persons it seeks (released only when the facilitator confirmed them
 * as held by the other side); the facilitator may name held persons of either side.
 */
async function pickPersons(tx: Db, auth: Auth, input: ProposalInput): Promise<Picked[]> {
  const heldA = await heldListOf(tx, input.partyA);
  const heldB = await heldListOf(tx, input.partyB);
  const owner = new Map([
    [heldA.id, input.partyA],
    [heldB.id, input.partyB],
  ]);
  const out = new Map<string, Picked>();
  const add = (p: Picked) => out.set(`${p.listId}\u0000${p.ref}`, p);

  if (input.mode === 'all-for-all' || input.mode === 'by-category') {
    if (input.mode === 'by-category' && !input.categories?.length)
      throw badRequest('Choose at least one category.', [{ path: '/body/categories', message: 'is empty' }]);
    // Only the facilitator sees both held lists; a party proposing all-for-all commits
    // its own list and the other side's without either side seeing the other's names.
    for (const list of [heldA, heldB]) {
      for (const person of await detaineesStore.personsAt(tx, list.id)) {
        if (input.mode === 'by-category' && !(person.category && input.categories!.includes(person.category))) continue;
        add({ listId: list.id, ref: person.ref, releasingParty: owner.get(list.id)!, record: person, soughtListId: null, soughtRef: null });
      }
    }
    return [...out.values()];
  }

  for (const [i, pick] of (input.persons ?? []).entries()) {
    const path = `/body/persons/${i}`;
    if ('soughtListId' in pick) {
      const sought = await detaineesStore.findList(tx, pick.soughtListId);
      if (!sought || sought.kind !== 'sought' || ![input.partyA, input.partyB].includes(sought.party_id))
        throw badRequest('This is not the sought list of a party in the exchange.', [
          { path: `${path}/soughtListId`, message: 'is not a sought list of partyA or partyB' },
        ]);
      if (auth.actor.orgKind === 'party' && sought.party_id !== auth.actor.orgId)
        throw forbidden('A party names the persons it seeks, not those the other side seeks.');
      const otherHeld = sought.party_id === input.partyA ? heldB : heldA;
      const heldRef = await store.confirmedHeldRef(tx, sought.id, pick.soughtRef, otherHeld.id);
      if (!heldRef)
        throw badRequest(
          `Reference "${pick.soughtRef}" has no confirmed match on the other side's held list yet.`,
          [{ path: `${path}/soughtRef`, message: 'has no confirmed match' }],
          'not_matched',
        );
      const person = await detaineesStore.currentPerson(tx, otherHeld.id, heldRef);
      if (!person)
        throw badRequest(
          `The person matched to "${pick.soughtRef}" is no longer on the held list.`,
          [{ path: `${path}/soughtRef`, message: 'matched person was removed' }],
          'not_on_list',
        );
      add({
        listId: otherHeld.id,
        ref: heldRef,
        releasingParty: owner.get(otherHeld.id)!,
        record: person.record,
        soughtListId: sought.id,
        soughtRef: pick.soughtRef,
      });
    } else {
      const party = owner.get(pick.listId);
      if (!party)
        throw badRequest('Persons are released from the held list of a party in the exchange.', [
          { path: `${path}/listId`, message: 'is not a held list of partyA or partyB' },
        ]);
      if (auth.actor.orgKind === 'party' && party !== auth.actor.orgId)
        throw forbidden("A party offers persons from its own held list; it names the other side's persons through its sought list.");
      const person = await detaineesStore.currentPerson(tx, pick.listId, pick.ref);
      if (!person)
        throw badRequest(
          `There is no person with reference "${pick.ref}" on this list.`,
          [{ path: `${path}/ref`, message: 'is not on the list' }],
          'not_on_list',
        );
      // The facilitator may name a held person who is already matched: keep the pairing.
      const match = await store.confirmedSoughtOf(tx, pick.listId, pick.ref);
      add({
        listId: pick.listId,
        ref: pick.ref,
        releasingParty: party,
        record: person.record,
        soughtListId: match?.sought_list_id ?? null,
        soughtRef: match?.sought_ref ?? null,
      });
    }
  }
  return [...out.values()];
}

/** Persons in the order of list id then ref (code points): the order an exchange proposal's commitment uses. */
export function byListAndRef<T extends { list: string; ref: string }>(persons: readonly T[]): T[] {
  return [...persons].sort((a, b) => (a.list + a.ref < b.list + b.ref ? -1 : a.list + a.ref > b.list + b.ref ? 1 : 0));
}
