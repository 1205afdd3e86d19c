import fs from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import type { Role } from '@truce/core/model/accounts';
import { parsePlacesTsv } from '@truce/core/geo/index';
import { zoneContains, type ZoneGeometry } from '@truce/core/mechanism/geojson';
import type { ReportContent, ReportFlags } from '@truce/core/reports/model';
import { generateIncidents, type OrgKey, type ReportDraft, type Step } from '@truce/synthetic/incidents/generate';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/index.ts';
import { record } from '../log/index.ts';
import { GEO_DIR } from '../geo/index.ts';
import { locateAreas } from '../reports/index.ts';
import { headerColumns, publicFacts } from '../reports/index.ts';
import type { Areas } from '../reports/index.ts';

/**
 * Loads the demo's fictional violation reports and incidents (C2, C3), made up by
 * @truce/synthetic/incidents/generate from a fixed seed (same data on every load): every
 * state change is written with its log entry, exactly as the services write it, in time
 * order; the rows carry 2017 times, the log entries the time of loading. The services
 * themselves are not called: they take the time of the call (new Date()) for every row
 * and check deadlines against it, so they cannot write a change of 2017.
 */
type Db = Kysely<Database>;

export interface DemoParticipants {
  /** Organisation ids by demo key (seed.ts ORGANISATIONS). */
  orgIds: Map<string, string>;
  users: { id: string; orgId: string; role: Role }[];
}

export interface DemoIncidentsSummary {
  reports: number;
  incidents: number;
  entries: number;
}

interface Filed {
  id: string;
  areas: Areas;
  flags: ReportFlags;
  content: ReportContent;
  correction?: ReportContent;
}

export async function loadDemoIncidents(ctx: AppContext, participants: DemoParticipants, count: number): Promise<DemoIncidentsSummary> {
  if (count <= 0) return { reports: 0, incidents: 0, entries: 0 };
  const org = (key: OrgKey) => participants.orgIds.get(key)!;
  const user = (key: OrgKey, role: Role = 'officer') => participants.users.find((u) => u.orgId === org(key) && u.role === role)!.id;
  const orgOfUser = (userId: string) => participants.users.find((u) => u.id === userId)!.orgId;

  const [groups, zones, agreements, mechanism] = await Promise.all([
    ctx.db.selectFrom('excluded_groups').select(['id', 'name']).execute(),
    ctx.db.selectFrom('zones').select('geometry').execute(),
    ctx.db.selectFrom('agreements').select(['effective_from', 'effective_to']).execute(),
    ctx.db.selectFrom('mechanism').select(['reply_deadline_hours', 'decision_rule']).executeTakeFirstOrThrow(),
  ]);
  const scenario = generateIncidents({
    count,
    places: parsePlacesTsv(fs.readFileSync(path.join(GEO_DIR, 'syr_populated_places.tsv'), 'utf8')),
    org,
    user,
    excluded: { isil: groups.find((g) => g.name.startsWith('Islamic State'))!.id, jfs: groups.find((g) => g.name.startsWith('Jabhat'))!.id },
    replyDeadlineHours: mechanism.reply_deadline_hours,
    decisionRule: mechanism.decision_rule as 'consensus' | 'majority',
    now: Date.now(),
  });

  // Areas and flags as the reports service finds them (a point jittered across the border keeps the place's own point).
  const zoneGeometries = zones.map((z) => z.geometry as ZoneGeometry);
  const filed = new Map<ReportDraft, Filed>();
  for (const d of scenario.reports) {
    let { content } = d;
    let correction = d.correction?.content;
    let areas = await locateAreas(content.location.lon, content.location.lat);
    if (!areas.adm1) {
      const { lat, lon } = d.placePoint;
      content = { ...content, location: { ...content.location, lat, lon } };
      if (correction) correction = { ...correction, location: { ...correction.location, lat, lon } };
      areas = await locateAreas(lon, lat);
    }
    const { lat, lon } = content.location;
    const day = content.occurredAt.slice(0, 10);
    const flags: ReportFlags = {
      outsideZones: zoneGeometries.length > 0 && !zoneGeometries.some((z) => zoneContains(z, lon, lat)),
      outsideDates: !agreements.some((a) => a.effective_from <= day && (a.effective_to === null || day <= a.effective_to)),
    };
    filed.set(d, { id: uuidv7(), areas, flags, content, correction });
  }
  const incidentIds = scenario.incidents.map(() => uuidv7());

  // --- write, in time order, in transactions of a few hundred changes
  const before = await ctx.db.selectFrom('log_head').select('size').executeTakeFirstOrThrow();
  const CHUNK = 400;
  for (let i = 0; i < scenario.steps.length; i += CHUNK) {
    await ctx.db.transaction().execute(async (tx) => {
      for (const step of scenario.steps.slice(i, i + CHUNK)) await write(tx, step);
    });
    await ctx.sequencer.flush();
  }
  const after = await ctx.db.selectFrom('log_head').select('size').executeTakeFirstOrThrow();
  return { reports: scenario.reports.length, incidents: scenario.incidents.length, entries: after.size - before.size };

  // --- writers: the same rows and log entries as the services

  async function write(tx: Db, step: Step) {
    switch (step.kind) {
      case 'report.filed':
        return writeReport(tx, step.report);
      case 'report.corrected':
        return writeCorrection(tx, step.report);
      case 'report.withdrawn':
        return writeWithdrawal(tx, step.report);
      case 'incident.created':
        return writeIncident(
          tx,
          incidentIds[step.incident.key],
          step.incident.reports.map((r) => filed.get(r)!.id),
          step.at,
          step.incident.deadline,
          step.incident.groupedBy,
        );
      case 'incident.replied':
        return writeReply(tx, incidentIds[step.incident.key], step.party, step.text, step.userId, step.at);
      case 'incident.assessed':
        return writeAssessment(tx, incidentIds[step.incident.key], step);
      case 'finding.reopened':
        return writeReopen(tx, incidentIds[step.incident.key], step.reason, step.userId, step.at);
    }
  }

  async function writeReport(tx: Db, d: ReportDraft) {
    const { id, content, flags, areas } = filed.get(d)!;
    await tx
      .insertInto('reports')
      .values({
        id,
        reporter_org: d.reporterOrg,
        reporter_user: d.userId,
        created_at: d.createdAt,
        current_version: 1,
        ...headerColumns(content, flags, areas),
      })
      .execute();
    await tx
      .insertInto('report_versions')
      .values({
        report_id: id,
        version: 1,
        content: JSON.stringify(content),
        areas: JSON.stringify(areas),
        change_note: '',
        created_by: d.userId,
        created_at: d.createdAt,
      })
      .execute();
    await record(tx, {
      type: 'report.filed',
      actor: { organisation: d.reporterOrg, user: d.userId },
      subject: { report: id },
      data: publicFacts(content, flags, areas, 1),
      sealed: { content },
    });
  }

  async function writeCorrection(tx: Db, d: ReportDraft) {
    const c = d.correction!;
    const { id, correction: content, flags, areas } = filed.get(d)!;
    await tx
      .insertInto('report_versions')
      .values({
        report_id: id,
        version: 2,
        content: JSON.stringify(content),
        areas: JSON.stringify(areas),
        change_note: c.note,
        created_by: c.userId,
        created_at: c.at,
      })
      .execute();
    await tx
      .updateTable('reports')
      .set({ current_version: 2, ...headerColumns(content!, flags, areas) })
      .where('id', '=', id)
      .execute();
    await record(tx, {
      type: 'report.corrected',
      actor: { organisation: d.reporterOrg, user: c.userId },
      subject: { report: id },
      data: publicFacts(content!, flags, areas, 2),
      sealed: { content, changeNote: c.note },
    });
  }

  async function writeWithdrawal(tx: Db, d: ReportDraft) {
    const w = d.withdrawal!;
    const { id } = filed.get(d)!;
    await tx.updateTable('reports').set({ withdrawn_at: w.at, withdrawn_by: w.userId, withdrawn_reason: w.reason }).where('id', '=', id).execute();
    await record(tx, {
      type: 'report.withdrawn',
      actor: { organisation: d.reporterOrg, user: w.userId },
      subject: { report: id },
      sealed: { reason: w.reason },
    });
  }

  async function writeIncident(tx: Db, id: string, reportIds: string[], at: Date, deadline: Date, userId: string) {
    await tx
      .insertInto('incidents')
      .values({ id, created_at: at, created_by: userId, reply_deadline: deadline, round: 1, merged_into: null, version: 1 })
      .execute();
    await tx
      .insertInto('incident_reports')
      .values(reportIds.map((reportId) => ({ incident_id: id, report_id: reportId, added_at: at, added_by: userId })))
      .execute();
    await record(tx, {
      type: 'incident.created',
      actor: { organisation: orgOfUser(userId), user: userId },
      subject: { incident: id },
      data: { reports: reportIds, replyDeadlineHours: mechanism.reply_deadline_hours },
    });
  }

  async function writeReply(tx: Db, incidentId: string, party: string, text: string, userId: string, at: Date) {
    const replyId = uuidv7();
    await tx
      .insertInto('incident_replies')
      .values({ id: replyId, incident_id: incidentId, party_id: party, text, evidence: JSON.stringify([]), created_by: userId, created_at: at })
      .execute();
    await record(tx, {
      type: 'incident.replied',
      actor: { organisation: party, user: userId },
      subject: { incident: incidentId, reply: replyId },
      data: { evidence: [] },
      sealed: { text },
    });
  }

  async function writeAssessment(tx: Db, incidentId: string, a: Extract<Step, { kind: 'incident.assessed' }>) {
    const assessmentId = uuidv7();
    const { round, verification, attribution, reasoning, adopt, at } = a;
    const actor = { organisation: a.guarantorId, user: a.userId };
    await tx
      .insertInto('incident_assessments')
      .values({
        id: assessmentId,
        incident_id: incidentId,
        round,
        guarantor_id: a.guarantorId,
        verification,
        attribution: JSON.stringify(attribution),
        reasoning,
        created_by: a.userId,
        created_at: at,
      })
      .execute();
    await record(tx, {
      type: 'incident.assessed',
      actor,
      subject: { incident: incidentId, assessment: assessmentId },
      data: { round, verification, attribution },
      sealed: { reasoning },
    });
    if (adopt) {
      await tx
        .insertInto('incident_findings')
        .values({ incident_id: incidentId, round, finding: JSON.stringify(adopt.finding), basis: JSON.stringify(adopt.basis), adopted_at: at })
        .execute();
      await record(tx, {
        type: 'finding.adopted',
        actor,
        subject: { incident: incidentId },
        data: { round, rule: mechanism.decision_rule, finding: adopt.finding, basis: adopt.basis },
      });
    }
  }

  async function writeReopen(tx: Db, incidentId: string, reason: string, userId: string, at: Date) {
    await tx
      .updateTable('incident_findings')
      .set({ reopened_at: at, reopened_by: userId, reopen_reason: reason })
      .where('incident_id', '=', incidentId)
      .where('round', '=', 1)
      .execute();
    await tx.updateTable('incidents').set({ round: 2, version: 2 }).where('id', '=', incidentId).execute();
    await record(tx, {
      type: 'finding.reopened',
      actor: { organisation: orgOfUser(userId), user: userId },
      subject: { incident: incidentId },
      data: { round: 1, reason },
    });
  }
}
