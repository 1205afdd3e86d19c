import { v7 as uuidv7 } from 'uuid';
import { sql, type Kysely } from 'kysely';
import { adoption, approvalRefusal } from '@truce/core/meetings/decisions';
import { can } from '@truce/core/policy/policy';
import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/index.ts';
import { badRequest, conflict, forbidden, notFound, Problem, staleVersion } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { lockedMeeting } from './locked-meeting.ts';
import type { DecisionChange, NewDecision, Withdraw } from './schema.ts';
import * as store from './store.ts';

/**
 * Decisions of a meeting (C7). The secretariat records a decision (or a guarantor puts
 * one forward): its text, who proposed it, the incidents, exchanges, persons and parties
 * it concerns. Each guarantor present approves it in the app, each approval a log entry
 * by that guarantor's officer; with the last approval the core rule adopts it (every
 * guarantor present, the absent not waited for), again on the record.
 */
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
async function checkLinks(tx: Db, auth: Auth, links: Links) {
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

/** Records a proposed decision, numbered in its meeting. */
export async function recordDecision(ctx: AppContext, auth: Auth, meetingId: string, input: NewDecision) {
  return ctx.db.transaction().execute(async (tx) => {
    await lockedMeeting(tx, meetingId);
    const proposedBy = input.proposedBy ?? auth.actor.orgId;
    if (auth.actor.orgKind !== 'secretariat' && proposedBy !== auth.actor.orgId)
      throw forbidden('A guarantor puts forward its own proposals; the secretariat records those of others.');
    const proposer = (await store.organisations(tx, [proposedBy]))[0];
    if (!proposer) throw badRequest('There is no such organisation.', [{ path: '/body/proposedBy', message: 'unknown organisation' }]);
    if (input.agendaItemId) {
      const item = await store.findAgendaItem(tx, input.agendaItemId);
      if (!item || item.meeting_id !== meetingId || item.removed_at)
        throw badRequest('This item is not on the agenda of this meeting.', [{ path: '/body/agendaItemId', message: 'not on this agenda' }]);
    }
    await checkLinks(tx, auth, input);
    const { n } = await tx
      .selectFrom('meeting_decisions')
      .select(sql<number>`coalesce(max(number), 0)`.as('n'))
      .where('meeting_id', '=', meetingId)
      .executeTakeFirstOrThrow();
    const id = uuidv7();
    const now = new Date();
    const number = Number(n) + 1;
    await tx
      .insertInto('meeting_decisions')
      .values({
        id,
        meeting_id: meetingId,
        number,
        agenda_item_id: input.agendaItemId ?? null,
        text: input.text.trim(),
        proposed_by: proposedBy,
        recorded_by: auth.actor.userId,
        incident_ids: JSON.stringify(input.incidentIds ?? []),
        exchange_ids: JSON.stringify(input.exchangeIds ?? []),
        persons: JSON.stringify(input.persons ?? []),
        party_ids: JSON.stringify(input.partyIds ?? []),
        shared: input.shared ?? false,
        status: 'proposed',
        adopted_at: null,
        withdrawn_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await store.bumpMeeting(tx, meetingId);
    await record(tx, {
      type: 'meeting.decision_recorded',
      actor: loggedActor(auth),
      subject: { meeting: meetingId, decision: id },
      data: {
        number,
        proposedBy,
        incidents: input.incidentIds ?? [],
        exchanges: input.exchangeIds ?? [],
        parties: input.partyIds ?? [],
        shared: input.shared ?? false,
      },
      sealed: { text: input.text.trim(), ...(input.persons?.length ? { persons: input.persons } : {}) },
    });
    return { id, meetingId };
  });
}

/** The decision, locked after its meeting (always meeting first, then its parts: no deadlock with attendance). */
async function lockedDecision(tx: Db, id: string, version: number) {
  const found = await store.findDecision(tx, id);
  if (!found) throw notFound('There is no such decision.');
  await lockedMeeting(tx, found.meeting_id);
  const decision = (await store.findDecision(tx, id, { lock: true }))!;
  if (decision.version !== version) throw staleVersion('decision', decision.version);
  return decision;
}

async function bumpDecision(
  tx: Db,
  id: string,
  set: { status?: 'adopted' | 'withdrawn'; adopted_at?: Date; withdrawn_at?: Date; withdraw_reason?: string } = {},
) {
  await tx
    .updateTable('meeting_decisions')
    .set((eb) => ({ ...set, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

async function presentGuarantors(tx: Db, meetingId: string) {
  return (await store.participants(tx, [meetingId])).filter((p) => p.kind === 'guarantor' && p.attendance === 'present').map((p) => p.organisation_id);
}

async function adoptIfReady(tx: Db, auth: Auth, decision: { id: string; meeting_id: string; number: number }, present: string[]) {
  const approvals = (await tx.selectFrom('meeting_decision_approvals').select('organisation_id').where('decision_id', '=', decision.id).execute()).map(
    (a) => a.organisation_id,
  );
  const state = adoption({ presentGuarantors: present, approvals });
  if (state.status !== 'adopted') return false;
  await bumpDecision(tx, decision.id, { status: 'adopted', adopted_at: new Date() });
  await record(tx, {
    type: 'meeting.decision_adopted',
    actor: loggedActor(auth),
    subject: { meeting: decision.meeting_id, decision: decision.id },
    data: { number: decision.number, approvedBy: state.approvedBy, present },
  });
  return true;
}

/** After attendance changes: adopts the proposed decisions every guarantor now present has approved. */
export async function adoptWhereReady(tx: Db, auth: Auth, meetingId: string) {
  const present = await presentGuarantors(tx, meetingId);
  const proposed = (await store.decisions(tx, [meetingId])).filter((d) => d.status === 'proposed');
  for (const d of proposed) {
    const approvals = await tx.selectFrom('meeting_decision_approvals').select('organisation_id').where('decision_id', '=', d.id).execute();
    if (approvals.length > 0) await adoptIfReady(tx, auth, d, present);
  }
}

const REFUSALS = {
  'not-guarantor': () => forbidden('Only the guarantors approve decisions.'),
  'not-present': () =>
    forbidden('Your organisation is not recorded present at this meeting: only the guarantors present approve its decisions.', 'not_present'),
  'already-approved': () => conflict('Your organisation has already approved this decision.', 'already_approved'),
  'not-open': () => conflict('This decision is no longer open to approval.', 'wrong_state'),
} as const;

/**
 * A guarantor's approval, written to the log under the approving officer's name; adopts
 * the decision when it completes the approvals of the guarantors present.
 */
export async function approveDecision(ctx: AppContext, auth: Auth, id: string, version: number) {
  return ctx.db.transaction().execute(async (tx) => {
    const decision = await lockedDecision(tx, id, version);
    const present = await presentGuarantors(tx, decision.meeting_id);
    const approvals = (await tx.selectFrom('meeting_decision_approvals').select('organisation_id').where('decision_id', '=', id).execute()).map(
      (a) => a.organisation_id,
    );
    const refusal = approvalRefusal({
      organisationId: auth.actor.orgId,
      organisationKind: auth.actor.orgKind,
      decisionStatus: decision.status,
      presentGuarantors: present,
      approvals,
    });
    if (refusal) throw REFUSALS[refusal]();
    const entryId = await record(tx, {
      type: 'meeting.decision_approved',
      actor: loggedActor(auth),
      subject: { meeting: decision.meeting_id, decision: id },
      data: { number: decision.number, guarantor: auth.actor.orgId, decisionVersion: decision.version },
    });
    await tx
      .insertInto('meeting_decision_approvals')
      .values({
        decision_id: id,
        organisation_id: auth.actor.orgId,
        user_id: auth.actor.userId,
        decision_version: decision.version,
        log_entry_id: entryId,
        at: new Date(),
      })
      .execute();
    const adopted = await adoptIfReady(tx, auth, decision, present);
    if (!adopted) await bumpDecision(tx, id);
    return { id, meetingId: decision.meeting_id, adopted };
  });
}

/** Changes a decision: its text and links only before any approval; whether it is shared, at any time. */
export async function changeDecision(ctx: AppContext, auth: Auth, id: string, input: DecisionChange) {
  return ctx.db.transaction().execute(async (tx) => {
    const decision = await lockedDecision(tx, id, input.version);
    if (decision.status === 'withdrawn') throw conflict('This decision was withdrawn.', 'wrong_state');
    const substance =
      input.text !== undefined ||
      input.incidentIds !== undefined ||
      input.exchangeIds !== undefined ||
      input.persons !== undefined ||
      input.partyIds !== undefined;
    if (substance) {
      const approved = await tx.selectFrom('meeting_decision_approvals').select('organisation_id').where('decision_id', '=', id).limit(1).executeTakeFirst();
      if (approved || decision.status !== 'proposed')
        throw new Problem(409, 'Conflict', 'Guarantors have approved this decision: its text and links no longer change. Withdraw it and record a new one.', {
          code: 'approved_already',
        });
      await checkLinks(tx, auth, input);
    }
    await tx
      .updateTable('meeting_decisions')
      .set({
        ...(input.text !== undefined ? { text: input.text.trim() } : {}),
        ...(input.incidentIds !== undefined ? { incident_ids: JSON.stringify(input.incidentIds) } : {}),
        ...(input.exchangeIds !== undefined ? { exchange_ids: JSON.stringify(input.exchangeIds) } : {}),
        ...(input.persons !== undefined ? { persons: JSON.stringify(input.persons) } : {}),
        ...(input.partyIds !== undefined ? { party_ids: JSON.stringify(input.partyIds) } : {}),
        ...(input.shared !== undefined ? { shared: input.shared } : {}),
      })
      .where('id', '=', id)
      .execute();
    await bumpDecision(tx, id);
    await record(tx, {
      type: 'meeting.decision_changed',
      actor: loggedActor(auth),
      subject: { meeting: decision.meeting_id, decision: id },
      data: {
        number: decision.number,
        ...(input.incidentIds ? { incidents: input.incidentIds } : {}),
        ...(input.exchangeIds ? { exchanges: input.exchangeIds } : {}),
        ...(input.partyIds ? { parties: input.partyIds } : {}),
        ...(input.shared !== undefined ? { shared: input.shared } : {}),
      },
      sealed: { ...(input.text !== undefined ? { text: input.text.trim() } : {}), ...(input.persons ? { persons: input.persons } : {}) },
    });
    return { id, meetingId: decision.meeting_id };
  });
}

/** Withdraws a decision not yet adopted, with a reason; it stays on the record as withdrawn. */
export async function withdrawDecision(ctx: AppContext, auth: Auth, id: string, input: Withdraw) {
  return ctx.db.transaction().execute(async (tx) => {
    const decision = await lockedDecision(tx, id, input.version);
    if (decision.status !== 'proposed') throw conflict(`This decision is ${decision.status}; only a proposed decision is withdrawn.`, 'wrong_state');
    await bumpDecision(tx, id, { status: 'withdrawn', withdrawn_at: new Date(), withdraw_reason: input.reason.trim() });
    await record(tx, {
      type: 'meeting.decision_withdrawn',
      actor: loggedActor(auth),
      subject: { meeting: decision.meeting_id, decision: id },
      data: { number: decision.number },
      sealed: { reason: input.reason.trim() },
    });
    return { id, meetingId: decision.meeting_id };
  });
}
