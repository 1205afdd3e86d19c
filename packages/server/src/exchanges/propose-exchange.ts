import { v7 as uuidv7 } from 'uuid';
import { sql, type Kysely } from 'kysely';
import { can } from '@truce/core/policy/policy';
import type { PersonCategory, PersonRecord } from '@truce/core/detainees/person';
import { FINAL_OUTCOMES, OUTCOMES_NEEDING_NOTE, outcomeAllowed, type PersonStatus, type ReleaseOutcome } from '@truce/core/detainees/status';
import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/index.ts';
import type { ExchangeMode } from '../db/index.ts';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { detaineesStore as store, setStatus, statusOf } from '../detainees/index.ts';

/**
 * Prisoner exchanges (C6). A proposal between two parties names the persons each side
 * releases: from confirmed matches (a party names the person it seeks; the other side's
 * held person it was matched to is released) and from persons a side offers from its
 * own held list; all-for-all and by-category take them from both held lists. Both
 * parties approve, every guarantor endorses, and on the day the facilitator records each
 * person's outcome. Every step is on the record; names enter it only as commitments.
 */
type Db = Kysely<Database>;

const scope = (e: { party_a: string; party_b: string }) => ({ exchangePartyIds: [e.party_a, e.party_b] });

/** Statuses from which a person may be put in a new exchange. */
const AVAILABLE: readonly PersonStatus[] = ['listed', 'matched', 'declined', 'not_found'];

export type PersonPick = { listId: string; ref: string } | { soughtListId: string; soughtRef: string };

export interface ProposalInput {
  title: string;
  mode: ExchangeMode;
  partyA: string;
  partyB: string;
  meetingDate?: string | null;
  note?: string;
  persons?: PersonPick[];
  categories?: PersonCategory[];
}

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
  const orgs = await ctx.db.selectFrom('organisations').select(['id', 'kind']).where('id', 'in', [input.partyA, input.partyB]).execute();
  for (const [field, id] of [
    ['partyA', input.partyA],
    ['partyB', input.partyB],
  ] as const) {
    if (orgs.find((o) => o.id === id)?.kind !== 'party')
      throw badRequest('Exchanges are between parties to the conflict.', [{ path: `/body/${field}`, message: 'is not a party' }]);
  }
  await store.ensureLists(ctx.db);
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
    const now = new Date();
    await tx
      .insertInto('exchanges')
      .values({
        id,
        title: input.title.trim(),
        mode: input.mode,
        party_a: input.partyA,
        party_b: input.partyB,
        meeting_date: input.meetingDate ?? null,
        status: 'proposed',
        note: (input.note ?? '').trim(),
        proposed_by: auth.actor.userId,
        proposed_org: auth.actor.orgId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (let i = 0; i < persons.length; i += 2000) {
      await tx
        .insertInto('exchange_persons')
        .values(
          persons.slice(i, i + 2000).map((p) => ({
            exchange_id: id,
            list_id: p.listId,
            ref: p.ref,
            releasing_party: p.releasingParty,
            sought_list_id: p.soughtListId,
            sought_ref: p.soughtRef,
            category: p.record.category ?? null,
          })),
        )
        .execute();
    }
    for (const p of persons) {
      await setStatus(tx, auth, { listId: p.listId, ref: p.ref, status: 'proposed', exchangeId: id });
      if (p.soughtListId) await setStatus(tx, auth, { listId: p.soughtListId, ref: p.soughtRef!, status: 'proposed', exchangeId: id });
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
  return (await store.listOf(tx, party, 'held'))!;
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
      for (const person of await store.personsAt(tx, list.id)) {
        if (input.mode === 'by-category' && !(person.category && input.categories!.includes(person.category))) continue;
        add({ listId: list.id, ref: person.ref, releasingParty: owner.get(list.id)!, record: person, soughtListId: null, soughtRef: null });
      }
    }
    return [...out.values()];
  }

  for (const [i, pick] of (input.persons ?? []).entries()) {
    const path = `/body/persons/${i}`;
    if ('soughtListId' in pick) {
      const sought = await store.findList(tx, pick.soughtListId);
      if (!sought || sought.kind !== 'sought' || ![input.partyA, input.partyB].includes(sought.party_id))
        throw badRequest('This is not the sought list of a party in the exchange.', [
          { path: `${path}/soughtListId`, message: 'is not a sought list of partyA or partyB' },
        ]);
      if (auth.actor.orgKind === 'party' && sought.party_id !== auth.actor.orgId)
        throw forbidden('A party names the persons it seeks, not those the other side seeks.');
      const otherHeld = sought.party_id === input.partyA ? heldB : heldA;
      const match = await tx
        .selectFrom('match_decisions')
        .select('held_ref')
        .where('sought_list_id', '=', sought.id)
        .where('sought_ref', '=', pick.soughtRef)
        .where('held_list_id', '=', otherHeld.id)
        .where('decision', '=', 'confirmed')
        .executeTakeFirst();
      if (!match)
        throw badRequest(
          `Reference "${pick.soughtRef}" has no confirmed match on the other side's held list yet.`,
          [{ path: `${path}/soughtRef`, message: 'has no confirmed match' }],
          'not_matched',
        );
      const person = await store.currentPerson(tx, otherHeld.id, match.held_ref);
      if (!person)
        throw badRequest(
          `The person matched to "${pick.soughtRef}" is no longer on the held list.`,
          [{ path: `${path}/soughtRef`, message: 'matched person was removed' }],
          'not_on_list',
        );
      add({
        listId: otherHeld.id,
        ref: match.held_ref,
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
      const person = await store.currentPerson(tx, pick.listId, pick.ref);
      if (!person)
        throw badRequest(
          `There is no person with reference "${pick.ref}" on this list.`,
          [{ path: `${path}/ref`, message: 'is not on the list' }],
          'not_on_list',
        );
      // The facilitator may name a held person who is already matched: keep the pairing.
      const match = await tx
        .selectFrom('match_decisions')
        .select(['sought_list_id', 'sought_ref'])
        .where('held_list_id', '=', pick.listId)
        .where('held_ref', '=', pick.ref)
        .where('decision', '=', 'confirmed')
        .whereRef('sought_list_id', '<>', 'held_list_id')
        .executeTakeFirst();
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

async function exchangeFor(db: Db, auth: Auth, id: string, lock = false) {
  let q = db.selectFrom('exchanges').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const exchange = await q.executeTakeFirst();
  if (!exchange || !can(auth.actor, 'exchange.read', scope(exchange))) throw notFound('There is no such exchange.');
  return exchange;
}

export async function list(ctx: AppContext, auth: Auth) {
  let q = ctx.db.selectFrom('exchanges').selectAll();
  if (auth.actor.orgKind === 'party') q = q.where((eb) => eb.or([eb('party_a', '=', auth.actor.orgId), eb('party_b', '=', auth.actor.orgId)]));
  const rows = (await q.orderBy('created_at', 'desc').limit(500).execute()).filter((e) => can(auth.actor, 'exchange.read', scope(e)));
  const counts =
    rows.length === 0
      ? []
      : await ctx.db
          .selectFrom('exchange_persons')
          .select(['exchange_id', 'outcome', (eb) => eb.fn.countAll<string>().as('n')])
          .where(
            'exchange_id',
            'in',
            rows.map((r) => r.id),
          )
          .groupBy(['exchange_id', 'outcome'])
          .execute();
  return rows.map((e) => ({
    ...presentHeader(e),
    outcomes: Object.fromEntries(counts.filter((c) => c.exchange_id === e.id).map((c) => [c.outcome, Number(c.n)])),
  }));
}

function presentHeader(e: Awaited<ReturnType<typeof exchangeFor>>) {
  return {
    id: e.id,
    title: e.title,
    mode: e.mode,
    partyA: e.party_a,
    partyB: e.party_b,
    meetingDate: e.meeting_date,
    meetingId: e.meeting_id,
    status: e.status,
    note: e.note,
    proposedOrg: e.proposed_org,
    createdAt: e.created_at,
    updatedAt: e.updated_at,
    version: e.version,
  };
}

/** An exchange with its persons (names included: it concerns the reader), approvals and endorsements. */
export async function detail(ctx: AppContext, auth: Auth, id: string) {
  const e = await exchangeFor(ctx.db, auth, id);
  const [persons, approvals, guarantors] = await Promise.all([
    ctx.db
      .selectFrom('exchange_persons as x')
      .leftJoin('detainee_persons as p', (j) => j.onRef('p.list_id', '=', 'x.list_id').onRef('p.ref', '=', 'x.ref').on('p.to_version', 'is', null))
      .leftJoin('users as u', 'u.id', 'x.outcome_by')
      .select([
        'x.list_id',
        'x.ref',
        'x.releasing_party',
        'x.sought_list_id',
        'x.sought_ref',
        'x.category',
        'x.outcome',
        'x.outcome_note',
        'x.outcome_at',
        'u.name as outcome_by_name',
        'p.record',
      ])
      .where('x.exchange_id', '=', id)
      .orderBy('x.releasing_party')
      .orderBy('x.ref')
      .execute(),
    ctx.db
      .selectFrom('exchange_approvals')
      .innerJoin('users', 'users.id', 'exchange_approvals.user_id')
      .select([
        'exchange_approvals.organisation_id',
        'exchange_approvals.kind',
        'exchange_approvals.at',
        'exchange_approvals.exchange_version',
        'users.name as user_name',
      ])
      .where('exchange_id', '=', id)
      .execute(),
    ctx.db.selectFrom('organisations').select(['id', 'name']).where('kind', '=', 'guarantor').execute(),
  ]);
  for (const listId of new Set(persons.map((p) => p.list_id))) {
    await store.recordView(ctx.db, {
      list_id: listId,
      refs: persons.filter((p) => p.list_id === listId).map((p) => p.ref),
      what: 'exchange',
      viewer_user: auth.actor.userId,
      viewer_org: auth.actor.orgId,
    });
  }
  return {
    ...presentHeader(e),
    persons: persons.map((p) => ({
      listId: p.list_id,
      ref: p.ref,
      releasingParty: p.releasing_party,
      soughtListId: p.sought_list_id,
      soughtRef: p.sought_ref,
      category: p.category,
      outcome: p.outcome,
      outcomeNote: p.outcome_note,
      outcomeAt: p.outcome_at,
      outcomeBy: p.outcome_by_name,
      person: (p.record as PersonRecord | null) ?? null,
    })),
    approvals: approvals.map((a) => ({ organisationId: a.organisation_id, kind: a.kind, at: a.at, by: a.user_name })),
    guarantors: guarantors.map((g) => ({ id: g.id, name: g.name, endorsed: approvals.some((a) => a.kind === 'endorsement' && a.organisation_id === g.id) })),
    can: {
      approve:
        e.status === 'proposed' &&
        can(auth.actor, 'exchange.approve', scope(e)) &&
        !approvals.some((a) => a.kind === 'approval' && a.organisation_id === auth.actor.orgId),
      endorse:
        e.status === 'approved' &&
        can(auth.actor, 'exchange.endorse', scope(e)) &&
        !approvals.some((a) => a.kind === 'endorsement' && a.organisation_id === auth.actor.orgId),
      release: e.status === 'endorsed' && can(auth.actor, 'exchange.release', scope(e)),
      withdraw:
        ['proposed', 'approved', 'endorsed'].includes(e.status) && (can(auth.actor, 'exchange.release', scope(e)) || e.proposed_org === auth.actor.orgId),
      schedule: !['completed', 'withdrawn'].includes(e.status) && can(auth.actor, 'exchange.propose', scope(e)),
    },
  };
}

async function personsOf(tx: Db, id: string) {
  return tx.selectFrom('exchange_persons').selectAll().where('exchange_id', '=', id).execute();
}

/** Both parties approve (in either order); with the second approval the exchange is approved. */
export async function approve(ctx: AppContext, auth: Auth, id: string, version: number) {
  return ctx.db.transaction().execute(async (tx) => {
    const e = await exchangeFor(tx, auth, id, true);
    if (!can(auth.actor, 'exchange.approve', scope(e))) throw forbidden('Each party approves the exchange it is in.');
    if (e.version !== version) throw staleVersion('exchange', e.version);
    if (e.status !== 'proposed') throw conflict(`This exchange is ${e.status}; approvals are given while it is proposed.`, 'wrong_state');
    await tx
      .insertInto('exchange_approvals')
      .values({ exchange_id: id, organisation_id: auth.actor.orgId, kind: 'approval', user_id: auth.actor.userId, exchange_version: e.version, at: new Date() })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const approvals = await tx
      .selectFrom('exchange_approvals')
      .select('organisation_id')
      .where('exchange_id', '=', id)
      .where('kind', '=', 'approval')
      .execute();
    const both = [e.party_a, e.party_b].every((p) => approvals.some((a) => a.organisation_id === p));
    if (both) {
      for (const p of await personsOf(tx, id)) {
        await setStatus(tx, auth, { listId: p.list_id, ref: p.ref, status: 'approved', exchangeId: id });
        if (p.sought_list_id) await setStatus(tx, auth, { listId: p.sought_list_id, ref: p.sought_ref!, status: 'approved', exchangeId: id });
      }
    }
    await bump(tx, id, both ? 'approved' : 'proposed');
    await record(tx, {
      type: 'exchange.approved',
      actor: loggedActor(auth),
      subject: { exchange: id },
      data: { party: auth.actor.orgId, approvedByBoth: both },
    });
    return { id };
  });
}

/** Every guarantor endorses an approved exchange; with the last endorsement it can take place. */
export async function endorse(ctx: AppContext, auth: Auth, id: string, version: number) {
  return ctx.db.transaction().execute(async (tx) => {
    const e = await exchangeFor(tx, auth, id, true);
    if (!can(auth.actor, 'exchange.endorse', scope(e))) throw forbidden('The guarantors endorse exchanges.');
    if (e.version !== version) throw staleVersion('exchange', e.version);
    if (e.status !== 'approved') throw conflict(`This exchange is ${e.status}; the guarantors endorse it once both parties approved it.`, 'wrong_state');
    await tx
      .insertInto('exchange_approvals')
      .values({
        exchange_id: id,
        organisation_id: auth.actor.orgId,
        kind: 'endorsement',
        user_id: auth.actor.userId,
        exchange_version: e.version,
        at: new Date(),
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const [guarantors, endorsements] = await Promise.all([
      tx.selectFrom('organisations').select('id').where('kind', '=', 'guarantor').execute(),
      tx.selectFrom('exchange_approvals').select('organisation_id').where('exchange_id', '=', id).where('kind', '=', 'endorsement').execute(),
    ]);
    const all = guarantors.every((g) => endorsements.some((x) => x.organisation_id === g.id));
    await bump(tx, id, all ? 'endorsed' : 'approved');
    await record(tx, {
      type: 'exchange.endorsed',
      actor: loggedActor(auth),
      subject: { exchange: id },
      data: { guarantor: auth.actor.orgId, endorsedByAll: all },
    });
    return { id };
  });
}

async function bump(tx: Db, id: string, status: 'proposed' | 'approved' | 'endorsed' | 'completed' | 'withdrawn') {
  await tx
    .updateTable('exchanges')
    .set((eb) => ({ status, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/**
 * Sets or moves the meeting at which the exchange takes place: a date, or one of the
 * group's meetings (C7: its day becomes the date, and the releases appear in its record).
 * A new date without a meeting unlinks the meeting it was scheduled at.
 */
export async function schedule(ctx: AppContext, auth: Auth, id: string, input: { meetingDate: string | null; meetingId?: string | null; version: number }) {
  return ctx.db.transaction().execute(async (tx) => {
    const e = await exchangeFor(tx, auth, id, true);
    if (!can(auth.actor, 'exchange.propose', scope(e))) throw forbidden('The facilitator or a party in the exchange sets its date.');
    if (e.version !== input.version) throw staleVersion('exchange', e.version);
    if (e.status === 'completed' || e.status === 'withdrawn') throw conflict(`This exchange is ${e.status}.`, 'wrong_state');
    let meetingDate = input.meetingDate;
    let meetingId = input.meetingId === undefined ? (input.meetingDate === e.meeting_date ? e.meeting_id : null) : input.meetingId;
    if (input.meetingId) {
      const meeting = await tx.selectFrom('meetings').select(['starts_at', 'status']).where('id', '=', input.meetingId).executeTakeFirst();
      if (!meeting || meeting.status === 'cancelled')
        throw badRequest('There is no such meeting, or it was cancelled.', [{ path: '/body/meetingId', message: 'unknown or cancelled meeting' }]);
      meetingDate = new Date(meeting.starts_at).toISOString().slice(0, 10);
      meetingId = input.meetingId;
    }
    await tx
      .updateTable('exchanges')
      .set((eb) => ({ meeting_date: meetingDate, meeting_id: meetingId, updated_at: new Date(), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
    await record(tx, { type: 'exchange.scheduled', actor: loggedActor(auth), subject: { exchange: id }, data: { meetingDate, meetingId } });
    return { id };
  });
}

export interface OutcomeInput {
  listId: string;
  ref: string;
  outcome: ReleaseOutcome;
  note?: string;
  identityChecked?: boolean;
  voluntary?: boolean;
}

/**
 * On the day, the facilitator records what happened to each person: released, then
 * confirmed (identity checked, return voluntary), or why not (declined, not found,
 * deceased, with a reason). When every person has a final outcome the exchange is completed.
 */
export async function recordOutcome(ctx: AppContext, auth: Auth, id: string, input: OutcomeInput) {
  const note = (input.note ?? '').trim();
  if (input.outcome === 'confirmed' && !(input.identityChecked && input.voluntary)) {
    throw badRequest(
      'A release is confirmed only when the identity was checked and the return is voluntary.',
      [
        ...(input.identityChecked ? [] : [{ path: '/body/identityChecked', message: 'must be true to confirm' }]),
        ...(input.voluntary ? [] : [{ path: '/body/voluntary', message: 'must be true to confirm' }]),
      ],
      'not_confirmable',
    );
  }
  if (OUTCOMES_NEEDING_NOTE.includes(input.outcome) && note.length === 0)
    throw badRequest('Say why: a person who did not come home is never left unexplained.', [{ path: '/body/note', message: 'is required for this outcome' }]);
  return ctx.db.transaction().execute(async (tx) => {
    const e = await exchangeFor(tx, auth, id, true);
    if (!can(auth.actor, 'exchange.release', scope(e))) throw forbidden('The facilitator records releases.');
    if (e.status !== 'endorsed')
      throw conflict(`This exchange is ${e.status}; releases are recorded once both parties approved it and the guarantors endorsed it.`, 'wrong_state');
    const person = await tx
      .selectFrom('exchange_persons')
      .selectAll()
      .where('exchange_id', '=', id)
      .where('list_id', '=', input.listId)
      .where('ref', '=', input.ref)
      .forUpdate()
      .executeTakeFirst();
    if (!person) throw notFound('This person is not in this exchange.');
    if (!outcomeAllowed(person.outcome, input.outcome)) throw conflict(`This person's outcome is already "${person.outcome}".`, 'outcome_recorded');
    const now = new Date();
    await tx
      .updateTable('exchange_persons')
      .set({ outcome: input.outcome, outcome_note: note, outcome_by: auth.actor.userId, outcome_at: now })
      .where('exchange_id', '=', id)
      .where('list_id', '=', input.listId)
      .where('ref', '=', input.ref)
      .execute();
    await setStatus(tx, auth, { listId: input.listId, ref: input.ref, status: input.outcome, note, exchangeId: id });
    if (person.sought_list_id)
      await setStatus(tx, auth, { listId: person.sought_list_id, ref: person.sought_ref!, status: input.outcome, note, exchangeId: id });
    const open = await tx
      .selectFrom('exchange_persons')
      .select('ref')
      .where('exchange_id', '=', id)
      .where('outcome', 'not in', FINAL_OUTCOMES as ReleaseOutcome[])
      .limit(1)
      .executeTakeFirst();
    await bump(tx, id, open ? 'endorsed' : 'completed');
    await record(tx, {
      type: 'exchange.outcome',
      actor: loggedActor(auth),
      subject: { exchange: id, list: input.listId },
      data: { outcome: input.outcome, identityChecked: Boolean(input.identityChecked), voluntary: Boolean(input.voluntary), completed: !open },
      sealed: { ref: input.ref, ...(note ? { note } : {}) },
    });
    return { id, completed: !open };
  });
}

/** Withdraws a proposal before it takes place; its persons return to where they were. */
export async function withdraw(ctx: AppContext, auth: Auth, id: string, input: { version: number; reason: string }) {
  return ctx.db.transaction().execute(async (tx) => {
    const e = await exchangeFor(tx, auth, id, true);
    if (!(can(auth.actor, 'exchange.release', scope(e)) || (e.proposed_org === auth.actor.orgId && can(auth.actor, 'exchange.propose', scope(e)))))
      throw forbidden('The facilitator or the proposer withdraws an exchange.');
    if (e.version !== input.version) throw staleVersion('exchange', e.version);
    if (!['proposed', 'approved', 'endorsed'].includes(e.status)) throw conflict(`This exchange is ${e.status}.`, 'wrong_state');
    const persons = await personsOf(tx, id);
    if (persons.some((p) => p.outcome !== 'pending'))
      throw conflict('Releases were already recorded in this exchange; record the remaining outcomes instead.', 'outcomes_recorded');
    for (const p of persons) {
      const back = p.sought_list_id ? 'matched' : 'listed';
      await setStatus(tx, auth, { listId: p.list_id, ref: p.ref, status: back, note: input.reason.trim(), exchangeId: id });
      if (p.sought_list_id)
        await setStatus(tx, auth, { listId: p.sought_list_id, ref: p.sought_ref!, status: 'matched', note: input.reason.trim(), exchangeId: id });
    }
    await bump(tx, id, 'withdrawn');
    await record(tx, { type: 'exchange.withdrawn', actor: loggedActor(auth), subject: { exchange: id }, sealed: { reason: input.reason.trim() } });
    return { id };
  });
}

/** Counts per status and per category over every list: the exchange dashboard. Names nobody. */
export async function stats(ctx: AppContext) {
  const rows = await ctx.db
    .selectFrom('detainee_persons as p')
    .innerJoin('detainee_lists as l', 'l.id', 'p.list_id')
    .leftJoin('detainee_status as s', (j) => j.onRef('s.list_id', '=', 'p.list_id').onRef('s.ref', '=', 'p.ref'))
    .select((eb) => [
      'l.party_id',
      'l.kind',
      eb.fn.coalesce('s.status', eb.val('listed')).as('status'),
      sql<string>`coalesce(p.record->>'category', 'unknown')`.as('category'),
      eb.fn.countAll<string>().as('n'),
    ])
    .where('p.to_version', 'is', null)
    .groupBy(['l.party_id', 'l.kind', 's.status', 'category'])
    .execute();
  const exchanges = await ctx.db
    .selectFrom('exchanges')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('status')
    .execute();
  return {
    persons: rows.map((r) => ({ partyId: r.party_id, list: r.kind, status: r.status as string, category: r.category as string, count: Number(r.n) })),
    exchanges: Object.fromEntries(exchanges.map((e) => [e.status, Number(e.n)])),
  };
}

/** Persons in the order of list id then ref (code points): the order an exchange proposal's commitment uses. */
export function byListAndRef<T extends { list: string; ref: string }>(persons: readonly T[]): T[] {
  return [...persons].sort((a, b) => (a.list + a.ref < b.list + b.ref ? -1 : a.list + a.ref > b.list + b.ref ? 1 : 0));
}
