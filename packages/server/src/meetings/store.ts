import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Database } from '../db/index.ts';

/** All SQL of meetings (STYLE #5): meetings, their parts, and what is pending for the agenda. */
type Db = Kysely<Database>;

export function findMeeting(db: Db, id: string, { lock = false } = {}) {
  let q = db.selectFrom('meetings').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function listMeetings(db: Db, limit = 200) {
  return db.selectFrom('meetings').selectAll().orderBy('starts_at', 'desc').limit(limit).execute();
}

export async function bumpMeeting(db: Db, id: string, at: Date) {
  await db
    .updateTable('meetings')
    .set((eb) => ({ updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export function participants(db: Db, meetingIds: string[]) {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('meeting_participants as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['p.meeting_id', 'p.organisation_id', 'p.delegates', 'p.attendance', 'p.attendees', 'o.name', 'o.short_name', 'o.kind'])
    .where('p.meeting_id', 'in', meetingIds)
    .orderBy('o.kind')
    .orderBy('o.name')
    .execute();
}

export function agendaItems(db: Db, meetingIds: string[]) {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('meeting_agenda_items').selectAll().where('meeting_id', 'in', meetingIds).where('removed_at', 'is', null).orderBy('position').execute();
}

export function findAgendaItem(db: Db, id: string, { lock = false } = {}) {
  let q = db.selectFrom('meeting_agenda_items').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function decisions(db: Db, meetingIds: string[]) {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('meeting_decisions').selectAll().where('meeting_id', 'in', meetingIds).orderBy('number').execute();
}

export function findDecision(db: Db, id: string, { lock = false } = {}) {
  let q = db.selectFrom('meeting_decisions').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Approvals with who gave them and the index of their log entry (null until sequenced). */
export function approvals(db: Db, decisionIds: string[]) {
  if (decisionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('meeting_decision_approvals as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .leftJoin('log_entries as l', 'l.id', 'a.log_entry_id')
    .select(['a.decision_id', 'a.organisation_id', 'a.decision_version', 'a.at', 'u.name as user_name', 'o.name as organisation_name', 'l.idx as log_index'])
    .where('a.decision_id', 'in', decisionIds)
    .orderBy('a.at')
    .execute();
}

export function actionItems(db: Db, filter: { meetingIds?: string[]; owner?: string; status?: 'open' | 'done'; ids?: string[] }) {
  let q = db
    .selectFrom('meeting_action_items as a')
    .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
    .leftJoin('users as u', 'u.id', 'a.done_by')
    .selectAll('a')
    .select(['m.title as meeting_title', 'm.starts_at as meeting_starts_at', 'u.name as done_by_name']);
  if (filter.meetingIds) q = filter.meetingIds.length === 0 ? q.where(sql<boolean>`false`) : q.where('a.meeting_id', 'in', filter.meetingIds);
  if (filter.ids) q = filter.ids.length === 0 ? q.where(sql<boolean>`false`) : q.where('a.id', 'in', filter.ids);
  if (filter.owner) q = q.where('a.owner_org', '=', filter.owner);
  if (filter.status) q = q.where('a.status', '=', filter.status);
  return q.orderBy('a.due_on').orderBy('a.created_at').limit(1000).execute();
}

export function findActionItem(db: Db, id: string, { lock = false } = {}) {
  let q = db.selectFrom('meeting_action_items').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function organisations(db: Db, ids?: string[]) {
  let q = db.selectFrom('organisations').select(['id', 'name', 'short_name', 'kind']);
  if (ids) {
    if (ids.length === 0) return Promise.resolve([]);
    q = q.where('id', 'in', ids);
  }
  return q.execute();
}

export function facilitatorIds(db: Db) {
  return db
    .selectFrom('organisations')
    .select('id')
    .where('kind', '=', 'facilitator')
    .execute()
    .then((rows) => rows.map((r) => r.id));
}

/** Exchanges by id, with how many persons each side releases and what came of them. */
export async function exchanges(db: Db, filter: { ids?: string[]; meetingIds?: string[] }) {
  let q = db.selectFrom('exchanges').select(['id', 'title', 'mode', 'party_a', 'party_b', 'status', 'meeting_date', 'meeting_id', 'updated_at', 'version']);
  if (filter.ids) q = filter.ids.length === 0 ? q.where(sql<boolean>`false`) : q.where('id', 'in', filter.ids);
  if (filter.meetingIds) q = filter.meetingIds.length === 0 ? q.where(sql<boolean>`false`) : q.where('meeting_id', 'in', filter.meetingIds);
  const rows = await q.execute();
  const counts =
    rows.length === 0
      ? []
      : await db
          .selectFrom('exchange_persons')
          .select(['exchange_id', 'releasing_party', 'outcome', (eb) => eb.fn.countAll<string>().as('n')])
          .where(
            'exchange_id',
            'in',
            rows.map((r) => r.id),
          )
          .groupBy(['exchange_id', 'releasing_party', 'outcome'])
          .execute();
  return rows.map((r) => ({
    ...r,
    counts: counts.filter((c) => c.exchange_id === r.id).map((c) => ({ party: c.releasing_party, outcome: c.outcome, n: Number(c.n) })),
  }));
}

/** Releases confirmed in these exchanges, person by person (references only, no names). */
export function confirmedReleases(db: Db, exchangeIds: string[]) {
  if (exchangeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('exchange_persons')
    .select(['exchange_id', 'list_id', 'ref', 'releasing_party', 'outcome_at'])
    .where('exchange_id', 'in', exchangeIds)
    .where('outcome', '=', 'confirmed')
    .orderBy('outcome_at')
    .execute();
}

/** The organisations an incident's current reports come from, accuse or say were hit. */
export function incidentParties(db: Db, incidentIds: string[]) {
  if (incidentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('incident_reports as ir')
    .innerJoin('reports as r', 'r.id', 'ir.report_id')
    .select(['ir.incident_id', 'r.reporter_org', 'r.alleged_party', 'r.affected_party', 'r.occurred_at', 'r.type_code', 'r.adm1_pcode'])
    .where('ir.incident_id', 'in', incidentIds)
    .where('ir.removed_at', 'is', null)
    .orderBy('r.occurred_at')
    .execute();
}

export function incidentsExist(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('incidents').select(['id', 'merged_into', 'created_at', 'reply_deadline', 'round']).where('id', 'in', ids).execute();
}

/** Whether each (list, reference) names a person currently on that list. */
export async function personsOnLists(db: Db, persons: { listId: string; ref: string }[]) {
  if (persons.length === 0) return [];
  return db
    .selectFrom('detainee_persons as p')
    .innerJoin('detainee_lists as l', 'l.id', 'p.list_id')
    .select(['p.list_id', 'p.ref', 'l.party_id'])
    .where('p.to_version', 'is', null)
    .where((eb) => eb.or(persons.map((x) => eb.and([eb('p.list_id', '=', x.listId), eb('p.ref', '=', x.ref)]))))
    .execute();
}

export function listParties(db: Db, listIds: string[]) {
  if (listIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('detainee_lists').select(['id', 'party_id']).where('id', 'in', listIds).execute();
}

// ---------------------------------------------------------------------------------------
// What is pending, for the agenda proposal

/** Live incidents with reports and no finding standing in their current round. */
export function incidentsWithoutFinding(db: Db) {
  return db
    .selectFrom('incidents as i')
    .select(['i.id', 'i.created_at', 'i.reply_deadline', 'i.round'])
    .where('i.merged_into', 'is', null)
    .where(sql<boolean>`exists (select 1 from incident_reports ir where ir.incident_id = i.id and ir.removed_at is null)`)
    .where(sql<boolean>`not exists (select 1 from incident_findings f where f.incident_id = i.id and f.round = i.round and f.reopened_at is null)`)
    .execute();
}

/** The parties that replied to each incident. */
export function repliedParties(db: Db, incidentIds: string[]) {
  if (incidentIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('incident_replies').select(['incident_id', 'party_id']).distinct().where('incident_id', 'in', incidentIds).execute();
}

/** The assessments of incidents that have more than one in their current round (only those can be disputed). */
export function assessmentsOfAssessed(db: Db, incidentIds: string[]) {
  if (incidentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('incident_assessments as a')
    .innerJoin('incidents as i', (j) => j.onRef('i.id', '=', 'a.incident_id').onRef('i.round', '=', 'a.round'))
    .select(['a.incident_id', 'a.guarantor_id', 'a.verification', 'a.attribution', 'a.created_at'])
    .where('a.incident_id', 'in', incidentIds)
    .orderBy('a.created_at')
    .execute();
}

export function openExchanges(db: Db) {
  return db.selectFrom('exchanges').select(['id', 'status', 'updated_at']).where('status', 'in', ['proposed', 'approved', 'endorsed']).execute();
}

export function openActionItemsDueBy(db: Db, day: string) {
  return db.selectFrom('meeting_action_items').select(['id', 'due_on', 'created_at']).where('status', '=', 'open').where('due_on', '<=', day).execute();
}

// ---------------------------------------------------------------------------------------
// Writes of the use cases, each in the caller's transaction

type Row<T extends keyof Database> = Insertable<Database[T]>;

export async function insertMeeting(db: Db, row: Row<'meetings'>) {
  await db.insertInto('meetings').values(row).execute();
}

/** Changes a meeting and bumps its version. */
export async function updateMeeting(db: Db, id: string, set: Updateable<Database['meetings']>, at: Date) {
  await db
    .updateTable('meetings')
    .set((eb) => ({ ...set, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function insertParticipants(db: Db, rows: Row<'meeting_participants'>[]) {
  await db.insertInto('meeting_participants').values(rows).execute();
}

export async function removeParticipants(db: Db, meetingId: string, organisationIds: string[]) {
  await db.deleteFrom('meeting_participants').where('meeting_id', '=', meetingId).where('organisation_id', 'in', organisationIds).execute();
}

/** Adds a participant, or updates one already there with `onConflict`. */
export async function upsertParticipant(db: Db, row: Row<'meeting_participants'>, onConflict: Updateable<Database['meeting_participants']>) {
  await db
    .insertInto('meeting_participants')
    .values(row)
    .onConflict((oc) => oc.columns(['meeting_id', 'organisation_id']).doUpdateSet(onConflict))
    .execute();
}

/** Moves the open exchanges scheduled at a meeting to its new day; returns those moved. */
export function moveExchanges(db: Db, meetingId: string, meetingDate: string, at: Date) {
  return db
    .updateTable('exchanges')
    .set((eb) => ({ meeting_date: meetingDate, updated_at: at, version: eb('version', '+', 1) }))
    .where('meeting_id', '=', meetingId)
    .where('status', 'not in', ['completed', 'withdrawn'])
    .where('meeting_date', 'is distinct from', meetingDate)
    .returning('id')
    .execute();
}

export function findExchange(db: Db, id: string, { lock = false } = {}) {
  let q = db.selectFrom('exchanges').select(['id', 'status']).where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Schedules an exchange at a meeting, on the meeting's day. */
export async function scheduleExchangeAt(db: Db, exchangeId: string, meetingId: string, meetingDate: string, at: Date) {
  await db
    .updateTable('exchanges')
    .set((eb) => ({ meeting_id: meetingId, meeting_date: meetingDate, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', exchangeId)
    .execute();
}

export async function insertAgendaItem(db: Db, row: Row<'meeting_agenda_items'>) {
  await db.insertInto('meeting_agenda_items').values(row).execute();
}

/** Puts a kept agenda item at its place; with changes (title, sharing), bumps its version. */
export async function placeAgendaItem(db: Db, id: string, position: number, changes: { title?: string; shared?: boolean }) {
  await db
    .updateTable('meeting_agenda_items')
    .set((eb) => ({ position, ...changes, ...(Object.keys(changes).length > 0 ? { version: eb('version', '+', 1) } : {}) }))
    .where('id', '=', id)
    .execute();
}

export async function removeAgendaItems(db: Db, ids: string[], at: Date, by: string) {
  await db.updateTable('meeting_agenda_items').set({ removed_at: at, removed_by: by }).where('id', 'in', ids).execute();
}

export async function updateAgendaItem(db: Db, id: string, set: { title: string; minutes: string; shared: boolean; version: number }) {
  await db.updateTable('meeting_agenda_items').set(set).where('id', '=', id).execute();
}

export async function insertMinutesRevision(db: Db, row: Row<'meeting_minutes_revisions'>) {
  await db.insertInto('meeting_minutes_revisions').values(row).execute();
}

/** The highest decision number of a meeting (0 when it has none). */
export async function lastDecisionNumber(db: Db, meetingId: string) {
  const { n } = await db
    .selectFrom('meeting_decisions')
    .select(sql<number>`coalesce(max(number), 0)`.as('n'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function insertDecision(db: Db, row: Row<'meeting_decisions'>) {
  await db.insertInto('meeting_decisions').values(row).execute();
}

/** Changes a decision (or only touches it) and bumps its version. */
export async function bumpDecision(db: Db, id: string, at: Date, set: Updateable<Database['meeting_decisions']> = {}) {
  await db
    .updateTable('meeting_decisions')
    .set((eb) => ({ ...set, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** The organisations that approved a decision. */
export async function approvingOrganisations(db: Db, decisionId: string) {
  const rows = await db.selectFrom('meeting_decision_approvals').select('organisation_id').where('decision_id', '=', decisionId).execute();
  return rows.map((a) => a.organisation_id);
}

export async function hasApproval(db: Db, decisionId: string) {
  return (
    (await db.selectFrom('meeting_decision_approvals').select('organisation_id').where('decision_id', '=', decisionId).limit(1).executeTakeFirst()) !==
    undefined
  );
}

export async function insertApproval(db: Db, row: Row<'meeting_decision_approvals'>) {
  await db.insertInto('meeting_decision_approvals').values(row).execute();
}

export async function insertActionItem(db: Db, row: Row<'meeting_action_items'>) {
  await db.insertInto('meeting_action_items').values(row).execute();
}

export async function markActionItemDone(db: Db, id: string, by: string, note: string, at: Date) {
  await db
    .updateTable('meeting_action_items')
    .set((eb) => ({ status: 'done', done_at: at, done_by: by, done_note: note, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function guarantorIds(db: Db) {
  return (await db.selectFrom('organisations').select('id').where('kind', '=', 'guarantor').execute()).map((g) => g.id);
}

/** The mechanism's decision rule for findings (null before it is set). */
export async function decisionRule(db: Db) {
  return (await db.selectFrom('mechanism').select('decision_rule').executeTakeFirst())?.decision_rule ?? null;
}
