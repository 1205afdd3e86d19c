import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import { can } from '@truce/core/policy/policy';
import { zoneContains, type ZoneGeometry } from '@truce/core/mechanism/geojson';
import { validateReport } from '@truce/core/reports/validate';
import { canonicalJson } from '@truce/core/log/index';
import type { ReportContent, ReportFlags } from '@truce/core/reports/model';
import { loggedActor, type Auth } from '../accounts/index.ts';
import { sha256Hex } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/index.ts';
import { badRequest, Problem, notFound, staleVersion } from '../errors/index.ts';
import { prepareEntry, record } from '../log/index.ts';
import { noteRecorded } from '../log/index.ts';
import { randomPooled } from '../log/index.ts';
import { presentReport, scopeOf, type Areas } from './present.ts';
import { readScopeFor } from './scope.ts';
import type { Report, ReportContentInput, ReportLogEntries, ReportVersion } from './schema.ts';
import * as store from './store.ts';
import { locateAreas } from './areas.ts';
import { cellColumns } from './cells.ts';
import { visibleEvidence } from '../evidence/index.ts';
import { mechanismFacts } from './facts.ts';
import { filingBatcher } from './filing-batch.ts';

/**
 * Filing, correcting and withdrawing violation reports (C2). Each is one transaction
 * that writes the report rows and its log entry. The log carries the public facts (type,
 * time, governorate, parties, casualty counts, flags) and a salted commitment to the
 * whole content, so the record proves what was reported without publishing sources.
 */
type Db = Kysely<Database>;

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
function check(facts: store.MechanismFacts, content: ReportContent, known: Set<string>): ReportFlags {
  const errors = validateReport(content, {
    now: new Date(),
    activeTypeCodes: new Set(facts.typeCodes),
    partyIds: new Set(facts.partyIds),
    excludedGroupIds: new Set(facts.groupIds),
    knownEvidence: known,
  });
  if (errors.length > 0) {
    throw badRequest(
      `The report is not valid: ${errors[0].path} ${errors[0].message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}.`,
      errors,
      'invalid_report',
    );
  }
  const day = content.occurredAt.slice(0, 10);
  const outsideDates = !facts.agreements.some((a) => a.from <= day && (a.to === null || day <= a.to));
  const zones = facts.zones as ZoneGeometry[];
  const outsideZones = zones.length > 0 && !zones.some((z) => zoneContains(z, content.location.lon, content.location.lat));
  return { outsideZones, outsideDates };
}

/** Everything a filing or correction is checked against, read before its transaction. */
async function prepare(ctx: AppContext, auth: Auth, content: ReportContent) {
  // Only files the reporter may see can be cited: no one attaches another party's evidence.
  const [areas, known, facts] = await Promise.all([
    locateAreas(content.location.lon, content.location.lat),
    visibleEvidence(ctx, auth.actor, content.evidence),
    mechanismFacts(ctx),
  ]);
  try {
    return { areas, flags: check(facts, content, known) };
  } catch {
    // Refused on remembered facts: ask the database before saying no (a party or type
    // may have been added a moment ago by another server process).
    return { areas, flags: check(await mechanismFacts(ctx, { fresh: true }), content, known) };
  }
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
    ...cellColumns(content),
    killed_civilian: content.casualties.killedCivilian,
    killed_combatant: content.casualties.killedCombatant,
    injured_civilian: content.casualties.injuredCivilian,
    injured_combatant: content.casualties.injuredCombatant,
    lat: content.location.lat,
    lon: content.location.lon,
    location_sealed: content.sealLocation === true,
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

/**
 * Files a new report. Throws 400 naming the field when the content does not fit the
 * mechanism. With an idempotency key, sending the same report again (a retry after a
 * lost answer) returns the report already filed, marked `replayed`, and files nothing;
 * another report under a key already used is refused (422).
 */
export async function fileReport(
  ctx: AppContext,
  auth: Auth,
  input: ReportContentInput,
  idempotencyKey?: string,
): Promise<{ report: Report; replayed: boolean }> {
  const content = normalise(input);
  const requestHash = idempotencyKey === undefined ? null : sha256Hex(canonicalJson(content));
  const { areas, flags } = await prepare(ctx, auth, content);
  const id = uuidv7({ random: randomPooled(16) });
  const now = new Date();
  const report = {
    id,
    reporter_org: auth.actor.orgId,
    reporter_user: auth.actor.userId,
    created_at: now,
    current_version: 1,
    idempotency_key: idempotencyKey ?? null,
    request_hash: requestHash,
    ...headerColumns(content, flags, areas),
  };
  const version = { report_id: id, version: 1, content, areas, change_note: '', created_by: auth.actor.userId, created_at: now };
  const entry = prepareEntry({
    type: 'report.filed',
    actor: loggedActor(auth),
    subject: { report: id },
    data: publicFacts(content, flags, areas, 1),
    sealed: { content },
  });
  // No lock: filings do not wait on each other (the log's sequencer numbers the entry
  // after commit), and concurrent ones are written together (filing-batch.ts). The answer
  // is built from the rows as written.
  try {
    noteRecorded(await filingBatcher(ctx).file({ report, version, entry }));
  } catch (err) {
    // A retry (or two copies of one racing): the key is taken, so the report was filed;
    // it is looked for only now, which costs the usual filing nothing.
    if (idempotencyKey !== undefined && isUniqueViolation(err)) {
      const earlier = await replay(ctx, auth, idempotencyKey, requestHash!);
      if (earlier) return earlier;
    }
    throw err;
  }
  return { report: presentReport(auth.actor, { ...report, withdrawn_at: null, withdrawn_reason: null }, version), replayed: false };
}

async function replay(ctx: AppContext, auth: Auth, key: string, requestHash: string): Promise<{ report: Report; replayed: boolean } | null> {
  const earlier = await store.findByIdempotencyKey(ctx.db, auth.actor.userId, key);
  if (!earlier) return null;
  if (earlier.request_hash !== requestHash) {
    throw new Problem(422, 'Idempotency key reused', 'This Idempotency-Key was already used for a different report. Use a new key for a new report.', {
      code: 'idempotency_key_reused',
      errors: [{ path: '/headers/idempotency-key', message: 'was already used for a different report' }],
    });
  }
  return { report: await view(ctx.db, auth, earlier.id), replayed: true };
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

/** A correction: a new version of the whole content; the earlier versions stay readable. */
export async function correctReport(
  ctx: AppContext,
  auth: Auth,
  id: string,
  input: { content: ReportContentInput; changeNote: string; version: number },
): Promise<Report> {
  const content = normalise(input.content);
  const { areas, flags } = await prepare(ctx, auth, content);
  await ctx.db.transaction().execute(async (tx) => {
    const current = await writableReport(tx, auth, id, input.version);
    const version = current.current_version + 1;
    await tx
      .insertInto('report_versions')
      .values({
        report_id: id,
        version,
        content: JSON.stringify(content),
        areas: JSON.stringify(areas),
        change_note: input.changeNote.trim(),
        created_by: auth.actor.userId,
        created_at: new Date(),
      })
      .execute();
    await tx
      .updateTable('reports')
      .set({ current_version: version, ...headerColumns(content, flags, areas) })
      .where('id', '=', id)
      .execute();
    await record(tx, {
      type: 'report.corrected',
      actor: loggedActor(auth),
      subject: { report: id },
      data: publicFacts(content, flags, areas, version),
      sealed: { content, changeNote: input.changeNote.trim() },
    });
  });
  return view(ctx.db, auth, id);
}

/** Withdraws a report: it stays readable, marked withdrawn with the reason. */
export async function withdrawReport(ctx: AppContext, auth: Auth, id: string, input: { reason: string; version: number }): Promise<Report> {
  await ctx.db.transaction().execute(async (tx) => {
    await writableReport(tx, auth, id, input.version);
    await tx
      .updateTable('reports')
      .set({ withdrawn_at: new Date(), withdrawn_by: auth.actor.userId, withdrawn_reason: input.reason.trim() })
      .where('id', '=', id)
      .execute();
    await record(tx, { type: 'report.withdrawn', actor: loggedActor(auth), subject: { report: id }, sealed: { reason: input.reason.trim() } });
  });
  return view(ctx.db, auth, id);
}

async function writableReport(tx: Db, auth: Auth, id: string, version: number) {
  const current = await store.lockReport(tx, id);
  if (!current || !can(auth.actor, 'report.read', scopeOf(current))) throw notFound('There is no such report.');
  if (!can(auth.actor, 'report.correct', scopeOf(current)))
    throw new Problem(403, 'Forbidden', 'Only the organisation that filed a report corrects or withdraws it.', { code: 'forbidden' });
  if (current.withdrawn_at) throw new Problem(409, 'Conflict', 'This report was withdrawn; it can no longer be changed.', { code: 'withdrawn' });
  if (current.current_version !== version) throw staleVersion('report', current.current_version);
  return current;
}

/** One report as this reader may see it; 404 when it does not concern them. */
export async function view(db: Db, auth: Auth, id: string): Promise<Report> {
  const row = await store.findReport(db, id);
  if (!row || !can(auth.actor, 'report.read', scopeOf(row))) throw notFound('There is no such report.');
  return presentReport(auth.actor, row, await store.currentVersion(db, id, row.current_version));
}

export async function versions(db: Db, auth: Auth, id: string): Promise<ReportVersion[]> {
  const row = await store.findReport(db, id);
  if (!row || !can(auth.actor, 'report.read', scopeOf(row))) throw notFound('There is no such report.');
  const all = await store.versionsOf(db, id);
  return all.map((v) => ({ ...presentReport(auth.actor, { ...row, current_version: v.version }, v), createdBy: v.created_by }));
}

/** Reports this reader may see, newest first. */
export async function list(db: Db, auth: Auth, filter: Omit<store.ListFilter, 'scope'>): Promise<Report[]> {
  const rows = await store.listReports(db, { ...filter, scope: readScopeFor(auth.actor) });
  // The SQL scope and the policy must agree; the policy has the last word.
  return rows
    .filter((r) => can(auth.actor, 'report.read', scopeOf(r)))
    .map((r) => presentReport(auth.actor, r, { content: r.content, areas: r.areas, created_at: r.version_created_at, change_note: r.change_note }));
}

/**
 * Where the record holds this report: the log index of each version's entry (filing or
 * correction) and of its withdrawal, so a reader can ask for their receipts.
 */
export async function logIndexes(db: Db, auth: Auth, id: string): Promise<ReportLogEntries> {
  const row = await store.findReport(db, id);
  if (!row || !can(auth.actor, 'report.read', scopeOf(row))) throw notFound('There is no such report.');
  const all = await store.versionsOf(db, id);
  const times = [...all.map((v) => new Date(v.created_at)), ...(row.withdrawn_at ? [new Date(row.withdrawn_at)] : [])];
  let found = await store.logEntriesNaming(db, id, times);
  // Rows dated apart from their entries (the demo's back-dated reports): look through the whole record.
  if (found.length < times.length) found = await store.logEntriesNaming(db, id, 'any time');
  const versions: { version: number; logIndex: number }[] = [];
  let withdrawal: number | null = null;
  for (const e of found) {
    let entry: { type?: string; subject?: { report?: string }; data?: { version?: number } };
    try {
      entry = JSON.parse(new TextDecoder().decode(e.body));
    } catch {
      continue;
    }
    if (entry.subject?.report !== id) continue;
    if ((entry.type === 'report.filed' || entry.type === 'report.corrected') && typeof entry.data?.version === 'number')
      versions.push({ version: entry.data.version, logIndex: Number(e.idx) });
    if (entry.type === 'report.withdrawn') withdrawal = Number(e.idx);
  }
  return { versions, withdrawal };
}
