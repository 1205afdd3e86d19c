import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import { can } from '@truce/core/policy/policy';
import { zoneContains, type ZoneGeometry } from '@truce/core/mechanism/geojson';
import { validateReport } from '@truce/core/reports/validate';
import type { ReportContent, ReportFlags } from '@truce/core/reports/model';
import type { Auth } from '../accounts/authenticate.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { badRequest, Problem, notFound, staleVersion } from '../http/problem.ts';
import { record } from '../log/record.ts';
import { presentReport, scopeOf, type Areas } from './present.ts';
import type { ReportContentInput } from './schema.ts';
import * as store from './store.ts';
import { locateAreas } from './areas.ts';
import { visibleEvidence } from '../evidence/service.ts';

/**
 * Filing, correcting and withdrawing violation reports (C2). Each is one transaction
 * that writes the report rows and its log entry. The log carries the public facts (type,
 * time, governorate, parties, casualty counts, flags) and a salted commitment to the
 * whole content, so the record proves what was reported without publishing sources.
 */
type Db = Kysely<Database>;

const by = (auth: Auth) => ({ organisation: auth.actor.orgId, user: auth.actor.userId });

function normalise(input: ReportContentInput): ReportContent {
  return {
    ...input,
    description: input.description.trim(),
    occurredAt: new Date(input.occurredAt).toISOString(),
    sealLocation: input.sealLocation ?? false,
    sources: (input.sources ?? []).map((s) => ({ kind: s.kind, detail: s.detail.trim() })),
    evidence: input.evidence ?? [],
  };
}

/** Checks the content against the mechanism; returns what the system notices about it. */
async function check(tx: Db, content: ReportContent, known: Set<string>): Promise<ReportFlags> {
  const facts = await store.mechanismFacts(tx);
  const errors = validateReport(content, {
    now: new Date(),
    activeTypeCodes: new Set(facts.types.map((t) => t.code)),
    partyIds: new Set(facts.parties.map((p) => p.id)),
    excludedGroupIds: new Set(facts.groups.map((g) => g.id)),
    knownEvidence: known,
  });
  if (errors.length > 0) {
    throw badRequest(`The report is not valid: ${errors[0].path} ${errors[0].message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}.`, errors, 'invalid_report');
  }
  const day = content.occurredAt.slice(0, 10);
  const outsideDates = !facts.agreements.some((a) => a.effective_from <= day && (a.effective_to === null || day <= a.effective_to));
  const zones = facts.zones.map((z) => z.geometry as ZoneGeometry);
  const outsideZones = zones.length > 0 && !zones.some((z) => zoneContains(z, content.location.lon, content.location.lat));
  return { outsideZones, outsideDates };
}

export function headerColumns(content: ReportContent, flags: ReportFlags, areas: Areas) {
  const p = content.allegedPerpetrator;
  return {
    occurred_at: new Date(content.occurredAt),
    type_code: content.typeCode,
    alleged_party: p.kind === 'party' ? p.organisationId : null,
    alleged_group: p.kind === 'excluded' ? p.groupId : null,
    affected_party: content.affectedSide.kind === 'party' ? content.affectedSide.organisationId : null,
    adm1_pcode: areas.adm1?.pcode ?? null,
    adm2_pcode: areas.adm2?.pcode ?? null,
    outside_zones: flags.outsideZones,
    outside_dates: flags.outsideDates,
  };
}

export function publicFacts(content: ReportContent, flags: ReportFlags, areas: Areas, version: number) {
  return {
    version,
    typeCode: content.typeCode,
    occurredAt: content.occurredAt,
    timePrecision: content.timePrecision,
    adm1: areas.adm1?.pcode ?? null,
    allegedPerpetrator: content.allegedPerpetrator,
    affectedSide: content.affectedSide,
    casualties: content.casualties,
    evidence: content.evidence,
    flags,
  };
}

/** Files a new report. Throws 400 naming the field when the content does not fit the mechanism. */
export async function fileReport(ctx: AppContext, auth: Auth, input: ReportContentInput) {
  const content = normalise(input);
  const areas = await locateAreas(content.location.lon, content.location.lat);
  // Only files the reporter may see can be cited: no one attaches another party's evidence.
  const known = await visibleEvidence(ctx, auth.actor, content.evidence);
  const id = await ctx.db.transaction().execute(async (tx) => {
    const flags = await check(tx, content, known);
    const id = uuidv7();
    const now = new Date();
    await tx
      .insertInto('reports')
      .values({ id, reporter_org: auth.actor.orgId, reporter_user: auth.actor.userId, created_at: now, current_version: 1, ...headerColumns(content, flags, areas) })
      .execute();
    await tx
      .insertInto('report_versions')
      .values({ report_id: id, version: 1, content: JSON.stringify(content), areas: JSON.stringify(areas), change_note: '', created_by: auth.actor.userId, created_at: now })
      .execute();
    // The log append locks the log head until commit: it is the last step of the transaction.
    await record(tx, { type: 'report.filed', actor: by(auth), subject: { report: id }, data: publicFacts(content, flags, areas, 1), sealed: { content } });
    return id;
  });
  return view(ctx.db, auth, id);
}

/** A correction: a new version of the whole content; the earlier versions stay readable. */
export async function correctReport(ctx: AppContext, auth: Auth, id: string, input: { content: ReportContentInput; changeNote: string; version: number }) {
  const content = normalise(input.content);
  const areas = await locateAreas(content.location.lon, content.location.lat);
  const known = await visibleEvidence(ctx, auth.actor, content.evidence);
  await ctx.db.transaction().execute(async (tx) => {
    const current = await writableReport(tx, auth, id, input.version);
    const flags = await check(tx, content, known);
    const version = current.current_version + 1;
    await tx
      .insertInto('report_versions')
      .values({ report_id: id, version, content: JSON.stringify(content), areas: JSON.stringify(areas), change_note: input.changeNote.trim(), created_by: auth.actor.userId, created_at: new Date() })
      .execute();
    await tx.updateTable('reports').set({ current_version: version, ...headerColumns(content, flags, areas) }).where('id', '=', id).execute();
    await record(tx, { type: 'report.corrected', actor: by(auth), subject: { report: id }, data: publicFacts(content, flags, areas, version), sealed: { content, changeNote: input.changeNote.trim() } });
  });
  return view(ctx.db, auth, id);
}

/** Withdraws a report: it stays readable, marked withdrawn with the reason. */
export async function withdrawReport(ctx: AppContext, auth: Auth, id: string, input: { reason: string; version: number }) {
  await ctx.db.transaction().execute(async (tx) => {
    await writableReport(tx, auth, id, input.version);
    await tx
      .updateTable('reports')
      .set({ withdrawn_at: new Date(), withdrawn_by: auth.actor.userId, withdrawn_reason: input.reason.trim() })
      .where('id', '=', id)
      .execute();
    await record(tx, { type: 'report.withdrawn', actor: by(auth), subject: { report: id }, sealed: { reason: input.reason.trim() } });
  });
  return view(ctx.db, auth, id);
}

async function writableReport(tx: Db, auth: Auth, id: string, version: number) {
  const current = await store.lockReport(tx, id);
  if (!current || !can(auth.actor, 'report.read', scopeOf(current))) throw notFound('There is no such report.');
  if (!can(auth.actor, 'report.correct', scopeOf(current))) throw new Problem(403, 'Forbidden', 'Only the organisation that filed a report corrects or withdraws it.', { code: 'forbidden' });
  if (current.withdrawn_at) throw new Problem(409, 'Conflict', 'This report was withdrawn; it can no longer be changed.', { code: 'withdrawn' });
  if (current.current_version !== version) throw staleVersion('report', current.current_version);
  return current;
}

/** One report as this reader may see it; 404 when it does not concern them. */
export async function view(db: Db, auth: Auth, id: string) {
  const row = await store.findReport(db, id);
  if (!row || !can(auth.actor, 'report.read', scopeOf(row))) throw notFound('There is no such report.');
  return presentReport(auth.actor, row, await store.currentVersion(db, id, row.current_version));
}

export async function versions(db: Db, auth: Auth, id: string) {
  const row = await store.findReport(db, id);
  if (!row || !can(auth.actor, 'report.read', scopeOf(row))) throw notFound('There is no such report.');
  const all = await store.versionsOf(db, id);
  return all.map((v) => ({ ...presentReport(auth.actor, { ...row, current_version: v.version }, v), createdBy: v.created_by }));
}

/** Reports this reader may see, newest first. */
export async function list(db: Db, auth: Auth, filter: Omit<store.ListFilter, 'concerning' | 'filedBy'>) {
  const kind = auth.actor.orgKind;
  const scoped: store.ListFilter = { ...filter };
  if (kind === 'party') scoped.concerning = auth.actor.orgId;
  else if (kind === 'monitor' || kind === 'facilitator') scoped.filedBy = auth.actor.orgId;
  const rows = await store.listReports(db, scoped);
  // The SQL scope and the policy must agree; the policy has the last word.
  return rows.filter((r) => can(auth.actor, 'report.read', scopeOf(r))).map((r) => presentReport(auth.actor, r, { content: r.content, areas: r.areas, created_at: r.version_created_at, change_note: r.change_note }));
}
