import type { Kysely } from 'kysely';
import { can } from '@truce/core/policy/policy';
import { zoneContains, type ZoneGeometry } from '@truce/core/mechanism/geojson';
import { validateReport } from '@truce/core/reports/validate';
import type { ReportContent, ReportFlags } from '@truce/core/reports/model';
import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/index.ts';
import { badRequest, notFound, Problem, staleVersion } from '../errors/index.ts';
import { visibleEvidence } from '../evidence/index.ts';
import { locateAreas } from './areas.ts';
import { cellColumns } from './cells.ts';
import { mechanismFacts } from './facts.ts';
import { scopeOf, type Areas } from './present.ts';
import type { ReportContentInput } from './schema.ts';
import * as store from './store.ts';

/**
 * What filing, correcting and withdrawing violation reports (C2) share: the content as
 * sent made canonical and checked against the mechanism, the columns and public facts
 * derived from it, and the report read or locked for a reader. The log carries the
 * public facts (type, time, governorate, parties, casualty counts, flags) and a salted
 * commitment to the whole content, so the record proves what was reported without
 * publishing sources.
 */
type Db = Kysely<Database>;

export function normalise(input: ReportContentInput): ReportContent {
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
function check(facts: store.MechanismFacts, content: ReportContent, known: Set<string>, now: Date): ReportFlags {
  const errors = validateReport(content, {
    now,
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
export async function prepare(ctx: AppContext, auth: Auth, content: ReportContent) {
  // Only files the reporter may see can be cited: no one attaches another party's evidence.
  const [areas, known, facts] = await Promise.all([
    locateAreas(content.location.lon, content.location.lat),
    visibleEvidence(ctx, auth.actor, content.evidence),
    mechanismFacts(ctx),
  ]);
  try {
    return { areas, flags: check(facts, content, known, ctx.clock.now()) };
  } catch {
    // Refused on remembered facts: ask the database before saying no (a party or type
    // may have been added a moment ago by another server process).
    return { areas, flags: check(await mechanismFacts(ctx, { fresh: true }), content, known, ctx.clock.now()) };
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

/** A report this reader may see, and its row; 404 when it does not concern them. */
export async function readableReport(db: Db, auth: Auth, id: string) {
  const row = await store.findReport(db, id);
  if (!row || !can(auth.actor, 'report.read', scopeOf(row))) throw notFound('There is no such report.');
  return row;
}

/** The report, locked, that this reader may change: 403 for another organisation's, 409 when withdrawn or `version` is stale. */
export async function writableReport(tx: Db, auth: Auth, id: string, version: number) {
  const current = await store.lockReport(tx, id);
  if (!current || !can(auth.actor, 'report.read', scopeOf(current))) throw notFound('There is no such report.');
  if (!can(auth.actor, 'report.correct', scopeOf(current)))
    throw new Problem(403, 'Forbidden', 'Only the organisation that filed a report corrects or withdraws it.', { code: 'forbidden' });
  if (current.withdrawn_at) throw new Problem(409, 'Conflict', 'This report was withdrawn; it can no longer be changed.', { code: 'withdrawn' });
  if (current.current_version !== version) throw staleVersion('report', current.current_version);
  return current;
}
