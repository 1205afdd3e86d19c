import fs from 'node:fs';
import path from 'node:path';
import { parsePlacesTsv } from '@truce/core/geo/index';
import type { Role } from '@truce/core/model/accounts';
import type { ReportContent } from '@truce/core/reports/model';
import { generateIncidents, type OrgKey, type ReportDraft, type Step } from '@truce/synthetic/incidents/generate';
import type { AppContext } from '../context.ts';
import { GEO_DIR } from '../geo/index.ts';
import { assessIncident, createIncident, reopenFinding, replyToIncident } from '../incidents/index.ts';
import { correctReport, fileReport, locateAreas, withdrawReport, type ReportContentInput } from '../reports/index.ts';
import { demoAuth, demoAuthOfUser, type DemoParticipants } from './participants.ts';
import type { ScriptedClock } from './scripted-clock.ts';

/**
 * Loads the demo's fictional violation reports and incidents (C2, C3), made up by
 * @truce/synthetic/incidents/generate from a fixed seed (same story on every load), by
 * the same use cases a user's request calls, each at its time of the story: filed,
 * corrected and withdrawn reports, incidents grouped by the secretariat or a guarantor,
 * the accused parties' replies before their deadline, the guarantors' assessments, the
 * findings the decision rule adopts, and those reopened. So the record holds exactly the
 * entries those users' actions would have written.
 */
export interface DemoIncidentsSummary {
  reports: number;
  incidents: number;
  /** Findings the decision rule adopted, and how many the story expected. */
  adopted: number;
  expectedAdopted: number;
  entries: number;
}

/** Log entries left for the sequencer at most, before the seed waits for it. */
const SEQUENCE_EVERY = 400;

export async function loadDemoIncidents(
  ctx: AppContext,
  clock: ScriptedClock,
  participants: DemoParticipants,
  count: number,
  progress: (done: number, of: number) => void = () => {},
): Promise<DemoIncidentsSummary> {
  const none = { reports: 0, incidents: 0, adopted: 0, expectedAdopted: 0, entries: 0 };
  if (count <= 0) return none;
  const org = (key: OrgKey) => participants.orgIds.get(key)!;
  const user = (key: OrgKey, role: Role = 'officer') => demoAuth(participants, key, role).actor.userId;

  const [groups, mechanism] = await Promise.all([
    ctx.db.selectFrom('excluded_groups').select(['id', 'name']).execute(),
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
    now: clock.today.getTime(),
  });

  const reportIds = new Map<ReportDraft, string>();
  const reportVersions = new Map<string, number>();
  const incidentIds: string[] = [];
  const incidentVersions = new Map<string, number>();
  let adopted = 0;
  const before = await ctx.db.selectFrom('log_head').select('size').executeTakeFirstOrThrow();
  for (const [i, step] of scenario.steps.entries()) {
    await clock.moveTo(step.at);
    await perform(step);
    if (i % SEQUENCE_EVERY === SEQUENCE_EVERY - 1) await ctx.sequencer.flush();
    if (i % 1000 === 999) progress(i + 1, scenario.steps.length);
  }
  await ctx.sequencer.flush();
  const after = await ctx.db.selectFrom('log_head').select('size').executeTakeFirstOrThrow();
  return {
    reports: scenario.reports.length,
    incidents: scenario.incidents.length,
    adopted,
    expectedAdopted: scenario.steps.filter((s) => s.kind === 'incident.assessed' && s.adopt).length,
    entries: after.size - before.size,
  };

  async function perform(step: Step) {
    switch (step.kind) {
      case 'report.filed': {
        const d = step.report;
        const { report } = await fileReport(ctx, demoAuthOfUser(participants, d.userId), await inside(d, d.content));
        reportIds.set(d, report.id);
        reportVersions.set(report.id, report.version);
        return;
      }
      case 'report.corrected': {
        const d = step.report;
        const c = d.correction!;
        const id = reportIds.get(d)!;
        const report = await correctReport(ctx, demoAuthOfUser(participants, c.userId), id, {
          content: await inside(d, c.content),
          changeNote: c.note,
          version: reportVersions.get(id)!,
        });
        reportVersions.set(id, report.version);
        return;
      }
      case 'report.withdrawn': {
        const w = step.report.withdrawal!;
        const id = reportIds.get(step.report)!;
        await withdrawReport(ctx, demoAuthOfUser(participants, w.userId), id, { reason: w.reason, version: reportVersions.get(id)! });
        return;
      }
      case 'incident.created': {
        const members = step.incident.reports.map((r) => reportIds.get(r)!);
        const incident = await createIncident(ctx, demoAuthOfUser(participants, step.incident.groupedBy), members);
        incidentIds[step.incident.key] = incident.id;
        incidentVersions.set(incident.id, incident.version);
        return;
      }
      case 'incident.replied':
        await replyToIncident(ctx, demoAuthOfUser(participants, step.userId), incidentIds[step.incident.key], { text: step.text, evidence: [] });
        return;
      case 'incident.assessed': {
        const id = incidentIds[step.incident.key];
        const incident = await assessIncident(ctx, demoAuthOfUser(participants, step.userId), id, {
          verification: step.verification,
          attribution: step.attribution,
          reasoning: step.reasoning,
        });
        if (step.adopt && incident.finding?.round === step.round) adopted++;
        incidentVersions.set(id, incident.version);
        return;
      }
      case 'finding.reopened': {
        const id = incidentIds[step.incident.key];
        const incident = await reopenFinding(ctx, demoAuthOfUser(participants, step.userId), id, {
          reason: step.reason,
          version: incidentVersions.get(id)!,
        });
        incidentVersions.set(id, incident.version);
        return;
      }
    }
  }

  /**
   * The report as its reporter sends it. A point jittered around its place that fell
   * across the border is sent at the place's own point, so the report keeps its governorate.
   */
  async function inside(d: ReportDraft, content: ReportContent): Promise<ReportContentInput> {
    const { lat, lon } = content.location;
    if ((await locateAreas(lon, lat)).adm1) return content as ReportContentInput;
    return { ...content, location: { ...content.location, lat: d.placePoint.lat, lon: d.placePoint.lon } } as ReportContentInput;
  }
}
