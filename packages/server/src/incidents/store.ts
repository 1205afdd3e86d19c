import { sql, type Insertable, type Kysely, type RawBuilder } from 'kysely';
import type { Verification } from '@truce/core/incidents/findings';
import type { Database } from '../db/index.ts';

/** All SQL of incidents (STYLE #5). */
type Db = Kysely<Database>;

export function findIncident(db: Db, id: string) {
  return db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockIncident(db: Db, id: string) {
  return db.selectFrom('incidents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The reports currently in an incident, with what the policy and the timeline need. */
export function memberReports(db: Db, incidentIds: string[]) {
  if (incidentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('incident_reports')
    .innerJoin('reports', 'reports.id', 'incident_reports.report_id')
    .select([
      'incident_reports.incident_id',
      'incident_reports.added_at',
      'reports.id',
      'reports.reporter_org',
      'reports.alleged_party',
      'reports.affected_party',
      'reports.occurred_at',
      'reports.type_code',
      'reports.adm1_pcode',
      'reports.created_at',
      'reports.withdrawn_at',
    ])
    .where('incident_reports.incident_id', 'in', incidentIds)
    .where('incident_reports.removed_at', 'is', null)
    .orderBy('reports.occurred_at')
    .execute();
}

export function currentIncidentOf(db: Db, reportId: string) {
  return db.selectFrom('incident_reports').select('incident_id').where('report_id', '=', reportId).where('removed_at', 'is', null).executeTakeFirst();
}

export function replies(db: Db, incidentId: string) {
  return db.selectFrom('incident_replies').selectAll().where('incident_id', '=', incidentId).orderBy('created_at').execute();
}

export function assessments(db: Db, incidentId: string) {
  return db.selectFrom('incident_assessments').selectAll().where('incident_id', '=', incidentId).orderBy('created_at').execute();
}

export function findings(db: Db, incidentIds: string[]) {
  if (incidentIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('incident_findings').selectAll().where('incident_id', 'in', incidentIds).orderBy('round').execute();
}

export function guarantorIds(db: Db) {
  return db
    .selectFrom('organisations')
    .select('id')
    .where('kind', '=', 'guarantor')
    .orderBy('id')
    .execute()
    .then((r) => r.map((o) => o.id));
}

/** The mechanism's grouping window and distance (the secretariat sets them). */
export function groupingSettings(db: Db) {
  return db.selectFrom('mechanism').select(['grouping_window_hours', 'grouping_distance_km']).executeTakeFirstOrThrow();
}

/** Open incidents whose reports are near a time, for grouping proposals. */
export function incidentsAround(db: Db, at: Date, spanHours: number) {
  return db
    .selectFrom('incident_reports')
    .innerJoin('reports', 'reports.id', 'incident_reports.report_id')
    .innerJoin('report_versions', (j) =>
      j.onRef('report_versions.report_id', '=', 'reports.id').onRef('report_versions.version', '=', 'reports.current_version'),
    )
    .innerJoin('incidents', 'incidents.id', 'incident_reports.incident_id')
    .innerJoin('taxonomy', 'taxonomy.code', 'reports.type_code')
    .select(['incident_reports.incident_id', 'reports.id', 'report_versions.content', 'taxonomy.acled_event_type'])
    .where('incident_reports.removed_at', 'is', null)
    .where('incidents.merged_into', 'is', null)
    .where('reports.occurred_at', '>=', new Date(at.getTime() - spanHours * 3_600_000))
    .where('reports.occurred_at', '<=', new Date(at.getTime() + spanHours * 3_600_000))
    .execute();
}

/** Reports near a time that are in no incident and not withdrawn: the triage queue's likely companions. */
export function ungroupedAround(db: Db, at: Date, spanHours: number) {
  return db
    .selectFrom('reports')
    .innerJoin('report_versions', (j) =>
      j.onRef('report_versions.report_id', '=', 'reports.id').onRef('report_versions.version', '=', 'reports.current_version'),
    )
    .innerJoin('taxonomy', 'taxonomy.code', 'reports.type_code')
    .select(['reports.id', 'reports.reporter_org', 'reports.alleged_party', 'reports.affected_party', 'report_versions.content', 'taxonomy.acled_event_type'])
    .where('reports.withdrawn_at', 'is', null)
    .where('reports.occurred_at', '>=', new Date(at.getTime() - spanHours * 3_600_000))
    .where('reports.occurred_at', '<=', new Date(at.getTime() + spanHours * 3_600_000))
    .where(
      sql<boolean>`not exists (select 1 from incident_reports ir join incidents i on i.id = ir.incident_id where ir.report_id = reports.id and ir.removed_at is null and i.merged_into is null)`,
    )
    .limit(500)
    .execute();
}

/**
 * Whom a reader's list of incidents is about, in SQL terms (the policy's `incident.read`;
 * derived from RULES by scope.ts listScopeFor): every incident, those with a current
 * report the organisation filed, or those one concerns (filed, accuses or hit it) plus
 * every incident whose finding stands.
 */
export type ListScope = { kind: 'all' } | { kind: 'filedBy'; orgId: string } | { kind: 'concerning'; orgId: string } | { kind: 'none' };

export interface ListFilter {
  scope: ListScope;
  /** The verification of the finding that stands (current round, not reopened), or "none". */
  finding?: Verification | 'none';
  /** A current report of the incident accuses this party. */
  allegedParty?: string;
  /** A current report of the incident is of this type. */
  type?: string;
  /**
   * The right of reply: `open` while no finding stands, the deadline is ahead of `now` and
   * the secretariat did not end it; `closed` otherwise.
   */
  reply?: { state: 'open' | 'closed'; now: Date };
  /** Only incidents listed after this one (newest first: older, or as old with a smaller id). */
  before?: string;
  limit: number;
}

/** A current report of the incident (`i`) meets the condition (on `r`). */
const hasReport = (cond: RawBuilder<unknown>) =>
  sql<boolean>`exists (select 1 from incident_reports ir join reports r on r.id = ir.report_id where ir.incident_id = i.id and ir.removed_at is null and ${cond})`;
/** The incident's finding that stands, when it meets the condition (on `f`). */
const hasFinding = (cond: RawBuilder<unknown> = sql`true`) =>
  sql<boolean>`exists (select 1 from incident_findings f where f.incident_id = i.id and f.round = i.round and f.reopened_at is null and ${cond})`;

/**
 * Live incidents (not merged into another) in the reader's scope that meet the filters,
 * newest first by (created_at, id), at most `limit`: one page, walked with `before`.
 */
export function listIncidents(db: Db, f: ListFilter) {
  let q = matching(db, f).select(['i.id', 'i.created_at', 'i.round', 'i.reply_deadline']);
  // The cursor's own timestamp is read in SQL: a Date in JavaScript would lose its microseconds.
  if (f.before) q = q.where(sql<boolean>`(i.created_at, i.id) < (select c.created_at, c.id from incidents c where c.id = ${f.before})`);
  return q.orderBy('i.created_at', 'desc').orderBy('i.id', 'desc').limit(f.limit).execute();
}

/** How many incidents meet the filters in the reader's scope: the whole list, every page. */
export async function countIncidents(db: Db, f: Omit<ListFilter, 'before' | 'limit'>): Promise<number> {
  const row = await matching(db, f)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Live incidents (not merged into another) in the reader's scope that meet the filters. */
function matching(db: Db, f: Omit<ListFilter, 'before' | 'limit'>) {
  let q = db.selectFrom('incidents as i').where('i.merged_into', 'is', null);
  const s = f.scope;
  if (s.kind === 'none') q = q.where(sql<boolean>`false`);
  else if (s.kind === 'filedBy') q = q.where(hasReport(sql`r.reporter_org = ${s.orgId}`));
  else if (s.kind === 'concerning')
    q = q.where(
      sql<boolean>`(${hasFinding()} or ${hasReport(sql`(r.reporter_org = ${s.orgId} or r.alleged_party = ${s.orgId} or r.affected_party = ${s.orgId})`)})`,
    );
  if (f.allegedParty) q = q.where(hasReport(sql`r.alleged_party = ${f.allegedParty}`));
  if (f.type) q = q.where(hasReport(sql`r.type_code = ${f.type}`));
  if (f.finding === 'none') q = q.where(sql<boolean>`not ${hasFinding()}`);
  else if (f.finding) q = q.where(hasFinding(sql`f.finding->>'verification' = ${f.finding}`));
  if (f.reply) {
    const open = sql<boolean>`(i.reply_deadline > ${f.reply.now} and i.reply_period_ended_at is null and not ${hasFinding()})`;
    q = q.where(f.reply.state === 'open' ? open : sql<boolean>`not ${open}`);
  }
  return q;
}

/** Incidents whose finding waits for a reply deadline that has passed (the partial index of migration 0028). */
export function waitingForDeadline(db: Db, now: Date) {
  return db
    .selectFrom('incidents')
    .select('id')
    .where('adoption_waits', '=', true)
    .where('reply_deadline', '<=', now)
    .orderBy('reply_deadline')
    .limit(500)
    .execute()
    .then((r) => r.map((x) => x.id));
}

/** The secretariat's organisations: they run the process and are told when the guarantors differ. */
export function secretariatIds(db: Db) {
  return db
    .selectFrom('organisations')
    .select('id')
    .where('kind', '=', 'secretariat')
    .execute()
    .then((r) => r.map((o) => o.id));
}

/* ---- Changes (commands): one statement each ---- */

export async function insertIncident(db: Db, row: Insertable<Database['incidents']>): Promise<void> {
  await db.insertInto('incidents').values(row).execute();
}

export async function setVersion(db: Db, id: string, version: number): Promise<void> {
  await db.updateTable('incidents').set({ version }).where('id', '=', id).execute();
}

export async function addMember(db: Db, row: Insertable<Database['incident_reports']>): Promise<void> {
  await db.insertInto('incident_reports').values(row).execute();
}

/** Closes a report's membership of the incident; false when it was not a member. */
export async function removeMember(db: Db, incidentId: string, reportId: string, at: Date, userId: string): Promise<boolean> {
  const result = await db
    .updateTable('incident_reports')
    .set({ removed_at: at, removed_by: userId })
    .where('incident_id', '=', incidentId)
    .where('report_id', '=', reportId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function removeAllMembers(db: Db, incidentId: string, at: Date, userId: string): Promise<void> {
  await db
    .updateTable('incident_reports')
    .set({ removed_at: at, removed_by: userId })
    .where('incident_id', '=', incidentId)
    .where('removed_at', 'is', null)
    .execute();
}

export async function markMerged(db: Db, id: string, into: string): Promise<void> {
  await db.updateTable('incidents').set({ merged_into: into }).where('id', '=', id).execute();
}

export async function insertReply(db: Db, row: Insertable<Database['incident_replies']>): Promise<void> {
  await db.insertInto('incident_replies').values(row).execute();
}

export async function insertAssessment(db: Db, row: Insertable<Database['incident_assessments']>): Promise<void> {
  await db.insertInto('incident_assessments').values(row).execute();
}

/** Reopens the round's adopted finding; false when none stands. */
export async function reopenFinding(db: Db, incidentId: string, round: number, at: Date, userId: string, reason: string): Promise<boolean> {
  const result = await db
    .updateTable('incident_findings')
    .set({ reopened_at: at, reopened_by: userId, reopen_reason: reason })
    .where('incident_id', '=', incidentId)
    .where('round', '=', round)
    .where('reopened_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function startRound(db: Db, id: string, round: number, version: number): Promise<void> {
  await db.updateTable('incidents').set({ round, version }).where('id', '=', id).execute();
}

/** The mechanism's decision rule and who reads an adopted incident's reasoning and reply (C1). */
export function decisionSettings(db: Db) {
  return db.selectFrom('mechanism').select(['decision_rule', 'adopted_incident_disclosure']).executeTakeFirstOrThrow();
}

/** Ends the reply period early, with the reason; the incident's version moves on. */
export async function endReplyPeriod(db: Db, id: string, at: Date, userId: string, reason: string, version: number): Promise<void> {
  await db
    .updateTable('incidents')
    .set({ reply_period_ended_at: at, reply_period_ended_by: userId, reply_period_end_reason: reason, version })
    .where('id', '=', id)
    .execute();
}

/** How long the accused party has to reply (the mechanism's setting). */
export function replyDeadlineHours(db: Db) {
  return db.selectFrom('mechanism').select('reply_deadline_hours').executeTakeFirstOrThrow();
}

/** An organisation's kind (a party, a guarantor...), to check an attribution names a party. */
export function organisationKind(db: Db, id: string) {
  return db.selectFrom('organisations').select('kind').where('id', '=', id).executeTakeFirst();
}
