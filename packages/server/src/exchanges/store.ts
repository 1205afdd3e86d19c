import { sql, type Kysely } from 'kysely';
import { FINAL_OUTCOMES, type ReleaseOutcome } from '@truce/core/detainees/status';
import type { Database } from '../db/index.ts';
import type { ExchangeMode } from '../db/index.ts';

/** The exchange tables' SQL (C6): exchanges, their persons, approvals and endorsements. */
type Db = Kysely<Database>;

export type ExchangeStatus = 'proposed' | 'approved' | 'endorsed' | 'completed' | 'withdrawn';

export interface NewExchange {
  id: string;
  title: string;
  mode: ExchangeMode;
  party_a: string;
  party_b: string;
  meeting_date: string | null;
  note: string;
  proposed_by: string;
  proposed_org: string;
}

export interface NewExchangePerson {
  list_id: string;
  ref: string;
  releasing_party: string;
  sought_list_id: string | null;
  sought_ref: string | null;
  category: string | null;
}

/** The kind of each of these organisations (to check that an exchange is between parties). */
export async function organisationKinds(db: Db, ids: string[]) {
  return db.selectFrom('organisations').select(['id', 'kind']).where('id', 'in', ids).execute();
}

export async function guarantors(db: Db) {
  return db.selectFrom('organisations').select(['id', 'name']).where('kind', '=', 'guarantor').execute();
}

/** The held person confirmed as matching this sought person, on that held list. */
export async function confirmedHeldRef(db: Db, soughtListId: string, soughtRef: string, heldListId: string) {
  const match = await db
    .selectFrom('match_decisions')
    .select('held_ref')
    .where('sought_list_id', '=', soughtListId)
    .where('sought_ref', '=', soughtRef)
    .where('held_list_id', '=', heldListId)
    .where('decision', '=', 'confirmed')
    .executeTakeFirst();
  return match?.held_ref;
}

/** The sought person of another list confirmed as matching this held person, if any. */
export async function confirmedSoughtOf(db: Db, heldListId: string, heldRef: string) {
  return db
    .selectFrom('match_decisions')
    .select(['sought_list_id', 'sought_ref'])
    .where('held_list_id', '=', heldListId)
    .where('held_ref', '=', heldRef)
    .where('decision', '=', 'confirmed')
    .whereRef('sought_list_id', '<>', 'held_list_id')
    .executeTakeFirst();
}

export async function insertExchange(tx: Db, exchange: NewExchange, persons: NewExchangePerson[], now: Date) {
  await tx
    .insertInto('exchanges')
    .values({ ...exchange, status: 'proposed', created_at: now, updated_at: now })
    .execute();
  for (let i = 0; i < persons.length; i += 2000) {
    await tx
      .insertInto('exchange_persons')
      .values(persons.slice(i, i + 2000).map((p) => ({ exchange_id: exchange.id, ...p })))
      .execute();
  }
}

/** One exchange (locked for update when `lock`), or undefined. */
export async function findExchange(db: Db, id: string, lock = false) {
  let q = db.selectFrom('exchanges').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type ExchangeRow = NonNullable<Awaited<ReturnType<typeof findExchange>>>;

/** The latest exchanges, newest first; for a party only those it is in. */
export async function latestExchanges(db: Db, partyId: string | null, limit: number) {
  let q = db.selectFrom('exchanges').selectAll();
  if (partyId) q = q.where((eb) => eb.or([eb('party_a', '=', partyId), eb('party_b', '=', partyId)]));
  return q.orderBy('created_at', 'desc').limit(limit).execute();
}

/** Persons per outcome in each of these exchanges. */
export async function outcomeCounts(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('exchange_persons')
    .select(['exchange_id', 'outcome', (eb) => eb.fn.countAll<string>().as('n')])
    .where('exchange_id', 'in', ids)
    .groupBy(['exchange_id', 'outcome'])
    .execute();
}

/** An exchange's persons with their current record (names included) and who recorded their outcome. */
export async function personsWithRecords(db: Db, id: string) {
  return db
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
    .execute();
}

/** An exchange's approvals and endorsements, with the names of those who gave them. */
export async function approvalsOf(db: Db, id: string) {
  return db
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
    .execute();
}

export async function personsOf(tx: Db, id: string) {
  return tx.selectFrom('exchange_persons').selectAll().where('exchange_id', '=', id).execute();
}

/** Records an organisation's approval or endorsement (once: a second one is ignored). */
export async function addApproval(
  tx: Db,
  a: { exchangeId: string; organisationId: string; kind: 'approval' | 'endorsement'; userId: string; exchangeVersion: number; at: Date },
) {
  await tx
    .insertInto('exchange_approvals')
    .values({
      exchange_id: a.exchangeId,
      organisation_id: a.organisationId,
      kind: a.kind,
      user_id: a.userId,
      exchange_version: a.exchangeVersion,
      at: a.at,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The organisations that gave an approval (or an endorsement) of this exchange. */
export async function approvingOrgs(tx: Db, id: string, kind: 'approval' | 'endorsement') {
  return tx.selectFrom('exchange_approvals').select('organisation_id').where('exchange_id', '=', id).where('kind', '=', kind).execute();
}

/** Moves an exchange to a status and a new version. */
export async function bump(tx: Db, id: string, status: ExchangeStatus, at: Date) {
  await tx
    .updateTable('exchanges')
    .set((eb) => ({ status, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function meetingOf(tx: Db, meetingId: string) {
  return tx.selectFrom('meetings').select(['starts_at', 'status']).where('id', '=', meetingId).executeTakeFirst();
}

export async function setMeeting(tx: Db, id: string, meetingDate: string | null, meetingId: string | null, at: Date) {
  await tx
    .updateTable('exchanges')
    .set((eb) => ({ meeting_date: meetingDate, meeting_id: meetingId, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** One person of an exchange, locked for update. */
export async function lockPerson(tx: Db, id: string, listId: string, ref: string) {
  return tx
    .selectFrom('exchange_persons')
    .selectAll()
    .where('exchange_id', '=', id)
    .where('list_id', '=', listId)
    .where('ref', '=', ref)
    .forUpdate()
    .executeTakeFirst();
}

export async function setOutcome(tx: Db, id: string, p: { listId: string; ref: string; outcome: ReleaseOutcome; note: string; userId: string; at: Date }) {
  await tx
    .updateTable('exchange_persons')
    .set({ outcome: p.outcome, outcome_note: p.note, outcome_by: p.userId, outcome_at: p.at })
    .where('exchange_id', '=', id)
    .where('list_id', '=', p.listId)
    .where('ref', '=', p.ref)
    .execute();
}

/** Whether any person of the exchange is still without a final outcome. */
export async function hasOpenPerson(tx: Db, id: string): Promise<boolean> {
  const open = await tx
    .selectFrom('exchange_persons')
    .select('ref')
    .where('exchange_id', '=', id)
    .where('outcome', 'not in', FINAL_OUTCOMES as ReleaseOutcome[])
    .limit(1)
    .executeTakeFirst();
  return Boolean(open);
}

/** Persons per party, list kind, status and category over every list's current version. */
export async function personCounts(db: Db) {
  return db
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
}

/** Exchanges per status. */
export async function exchangeCounts(db: Db) {
  return db
    .selectFrom('exchanges')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('status')
    .execute();
}
