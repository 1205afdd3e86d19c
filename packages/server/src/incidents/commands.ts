import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import { can } from '@truce/core/policy/policy';
import type { Assessment, Verification } from '@truce/core/incidents/findings';
import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/index.ts';
import { badRequest, conflict, forbidden, notFound, Problem, staleVersion } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { incidentScope } from './scope.ts';
import * as store from './store.ts';
import type { Incident } from './schema.ts';
import { viewIncident } from './view.ts';
import { visibleEvidence } from '../evidence/index.ts';
import { adoptIfDue } from './adopt-finding.ts';
import { noteStalemate } from './stalemate.ts';

/**
 * What people do with incidents (C3), each in one transaction with its log entry:
 * group reports (create, add, split off, merge), reply as the accused party, assess as
 * a guarantor — which adopts the finding when the decision rule is met — and reopen.
 */
type Db = Kysely<Database>;

async function lockedIncident(tx: Db, id: string, version?: number) {
  const incident = await store.lockIncident(tx, id);
  if (!incident) throw notFound('There is no such incident.');
  if (incident.merged_into) throw new Problem(409, 'Conflict', `This incident was merged into ${incident.merged_into}; work on that one.`, { code: 'merged' });
  if (version !== undefined && incident.version !== version) throw staleVersion('incident', incident.version);
  return incident;
}

async function bump(tx: Db, id: string, version: number) {
  await tx
    .updateTable('incidents')
    .set({ version: version + 1 })
    .where('id', '=', id)
    .execute();
}

async function attach(tx: Db, auth: Auth, incidentId: string, reportIds: string[]) {
  for (const [i, reportId] of reportIds.entries()) {
    const report = await tx.selectFrom('reports').select(['id', 'withdrawn_at']).where('id', '=', reportId).executeTakeFirst();
    if (!report) throw badRequest('There is no such report.', [{ path: `/body/reportIds/${i}`, message: 'unknown report' }]);
    const current = await store.currentIncidentOf(tx, reportId);
    if (current) throw conflict(`Report ${reportId} already belongs to incident ${current.incident_id}; split it off there first.`, 'already_grouped');
    await tx
      .insertInto('incident_reports')
      .values({ incident_id: incidentId, report_id: reportId, added_at: new Date(), added_by: auth.actor.userId })
      .execute();
  }
}

/** Confirms a grouping: a new incident of these reports; the reply deadline starts now. */
export async function createIncident(ctx: AppContext, auth: Auth, reportIds: string[]): Promise<Incident> {
  return ctx.db.transaction().execute(async (tx) => {
    const mechanism = await tx.selectFrom('mechanism').select('reply_deadline_hours').executeTakeFirstOrThrow();
    const id = uuidv7();
    const now = new Date();
    await tx
      .insertInto('incidents')
      .values({
        id,
        created_at: now,
        created_by: auth.actor.userId,
        reply_deadline: new Date(now.getTime() + mechanism.reply_deadline_hours * 3_600_000),
        round: 1,
        merged_into: null,
        version: 1,
      })
      .execute();
    await attach(tx, auth, id, reportIds);
    await record(tx, {
      type: 'incident.created',
      actor: loggedActor(auth),
      subject: { incident: id },
      data: { reports: reportIds, replyDeadlineHours: mechanism.reply_deadline_hours },
    });
    return viewIncident(tx, auth, id);
  });
}

export async function addReport(ctx: AppContext, auth: Auth, id: string, reportId: string, version: number): Promise<Incident> {
  return ctx.db.transaction().execute(async (tx) => {
    const incident = await lockedIncident(tx, id, version);
    await attach(tx, auth, id, [reportId]);
    await bump(tx, id, incident.version);
    await record(tx, { type: 'incident.report_added', actor: loggedActor(auth), subject: { incident: id, report: reportId } });
    return viewIncident(tx, auth, id);
  });
}

/** Splits a report off an incident; the membership is closed, not deleted. */
export async function removeReport(ctx: AppContext, auth: Auth, id: string, reportId: string, version: number): Promise<Incident> {
  return ctx.db.transaction().execute(async (tx) => {
    const incident = await lockedIncident(tx, id, version);
    const result = await tx
      .updateTable('incident_reports')
      .set({ removed_at: new Date(), removed_by: auth.actor.userId })
      .where('incident_id', '=', id)
      .where('report_id', '=', reportId)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound('That report is not in this incident.');
    await bump(tx, id, incident.version);
    await record(tx, { type: 'incident.report_removed', actor: loggedActor(auth), subject: { incident: id, report: reportId } });
    return viewIncident(tx, auth, id);
  });
}

/** Merges another incident into this one: its reports move here, it points here. */
export async function mergeIncident(ctx: AppContext, auth: Auth, id: string, otherId: string, version: number): Promise<Incident> {
  if (id === otherId) throw badRequest('An incident cannot be merged into itself.', [{ path: '/body/incidentId', message: 'same incident' }]);
  return ctx.db.transaction().execute(async (tx) => {
    const incident = await lockedIncident(tx, id, version);
    await lockedIncident(tx, otherId);
    const moving = await store.memberReports(tx, [otherId]);
    const now = new Date();
    await tx
      .updateTable('incident_reports')
      .set({ removed_at: now, removed_by: auth.actor.userId })
      .where('incident_id', '=', otherId)
      .where('removed_at', 'is', null)
      .execute();
    for (const r of moving)
      await tx.insertInto('incident_reports').values({ incident_id: id, report_id: r.id, added_at: now, added_by: auth.actor.userId }).execute();
    await tx.updateTable('incidents').set({ merged_into: id }).where('id', '=', otherId).execute();
    await bump(tx, id, incident.version);
    await record(tx, {
      type: 'incident.merged',
      actor: loggedActor(auth),
      subject: { incident: id, merged: otherId },
      data: { reports: moving.map((r) => r.id) },
    });
    return viewIncident(tx, auth, id);
  });
}

/** The accused party's reply, until the deadline. */
export async function reply(ctx: AppContext, auth: Auth, id: string, input: { text: string; evidence: string[] }): Promise<Incident> {
  const known = await visibleEvidence(ctx, auth.actor, input.evidence);
  return ctx.db.transaction().execute(async (tx) => {
    const incident = await lockedIncident(tx, id);
    const scope = incidentScope(await store.memberReports(tx, [id]), false);
    if (!can(auth.actor, 'incident.read', scope)) throw notFound('There is no such incident.');
    if (!can(auth.actor, 'incident.reply', scope)) throw forbidden('Only a party this incident accuses may reply to it.');
    if (incident.reply_period_ended_at) {
      throw new Problem(409, 'Conflict', `The secretariat ended the reply period on ${new Date(incident.reply_period_ended_at).toISOString()}.`, {
        code: 'reply_period_ended',
      });
    }
    if (new Date(incident.reply_deadline).getTime() < Date.now()) {
      throw new Problem(409, 'Conflict', `The deadline for replies passed on ${new Date(incident.reply_deadline).toISOString()}.`, { code: 'deadline_passed' });
    }
    input.evidence.forEach((h, i) => {
      if (!known.has(h)) throw badRequest('No such evidence file: upload it first.', [{ path: `/body/evidence/${i}`, message: 'unknown evidence' }]);
    });
    const replyId = uuidv7();
    await tx
      .insertInto('incident_replies')
      .values({
        id: replyId,
        incident_id: id,
        party_id: auth.actor.orgId,
        text: input.text.trim(),
        evidence: JSON.stringify(input.evidence),
        created_by: auth.actor.userId,
        created_at: new Date(),
      })
      .execute();
    await record(tx, {
      type: 'incident.replied',
      actor: loggedActor(auth),
      subject: { incident: id, reply: replyId },
      data: { evidence: input.evidence },
      sealed: { text: input.text.trim() },
    });
    // A finding that waited for this reply is adopted now (the rule adopts it, not the party).
    await adoptIfDue(tx, incident, null, 'reply');
    return viewIncident(tx, auth, id);
  });
}

/**
 * A guarantor's assessment. When, with it, the decision rule is met and no finding stands
 * for this round, the finding is adopted in the same transaction — unless the accused
 * party's reply period is still open: then the assessment is recorded and adoption waits
 * (adopt-finding.ts). When it brings the guarantors to a stalemate, that is logged
 * (`finding.disputed`): the secretariat is notified and the incident goes to the meeting.
 */
export async function assess(
  ctx: AppContext,
  auth: Auth,
  id: string,
  input: { verification: Verification; attribution: Assessment['attribution']; reasoning: string },
): Promise<Incident> {
  return ctx.db.transaction().execute(async (tx) => {
    const incident = await lockedIncident(tx, id);
    const reports = await store.memberReports(tx, [id]);
    if (reports.length === 0) throw new Problem(409, 'Conflict', 'This incident has no reports left to assess.', { code: 'empty_incident' });
    if (input.attribution.kind === 'other-party') {
      const party = await tx.selectFrom('organisations').select('kind').where('id', '=', input.attribution.organisationId).executeTakeFirst();
      if (party?.kind !== 'party')
        throw badRequest('Responsibility can only be attributed to a party.', [{ path: '/body/attribution/organisationId', message: 'not a party' }]);
    }
    const assessmentId = uuidv7();
    await tx
      .insertInto('incident_assessments')
      .values({
        id: assessmentId,
        incident_id: id,
        round: incident.round,
        guarantor_id: auth.actor.orgId,
        verification: input.verification,
        attribution: JSON.stringify(input.attribution),
        reasoning: input.reasoning.trim(),
        created_by: auth.actor.userId,
        created_at: new Date(),
      })
      .execute();
    await record(tx, {
      type: 'incident.assessed',
      actor: loggedActor(auth),
      subject: { incident: id, assessment: assessmentId },
      data: { round: incident.round, verification: input.verification, attribution: input.attribution },
      sealed: { reasoning: input.reasoning.trim() },
    });

    await adoptIfDue(tx, incident, loggedActor(auth), 'assessment');
    await noteStalemate(tx, auth, incident, assessmentId);
    return viewIncident(tx, auth, id);
  });
}

/** Reopens a finding with a reason: a new round of assessments begins. */
export async function reopen(ctx: AppContext, auth: Auth, id: string, input: { reason: string; version: number }): Promise<Incident> {
  return ctx.db.transaction().execute(async (tx) => {
    const incident = await lockedIncident(tx, id, input.version);
    const result = await tx
      .updateTable('incident_findings')
      .set({ reopened_at: new Date(), reopened_by: auth.actor.userId, reopen_reason: input.reason.trim() })
      .where('incident_id', '=', id)
      .where('round', '=', incident.round)
      .where('reopened_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new Problem(409, 'Conflict', 'There is no adopted finding to reopen.', { code: 'no_finding' });
    await tx
      .updateTable('incidents')
      .set({ round: incident.round + 1, version: incident.version + 1 })
      .where('id', '=', id)
      .execute();
    await record(tx, {
      type: 'finding.reopened',
      actor: loggedActor(auth),
      subject: { incident: id },
      data: { round: incident.round, reason: input.reason.trim() },
    });
    return viewIncident(tx, auth, id);
  });
}
