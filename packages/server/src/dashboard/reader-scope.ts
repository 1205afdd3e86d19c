import { can } from '@truce/core/policy/policy';
import { bounds, parsePeriod, type Period } from '@truce/core/dashboard/period';
import type { Actor } from '@truce/core/model/accounts';
import { badRequest } from '../errors/index.ts';
import { readScopeFor } from '../reports/index.ts';
import type { DashboardQueryInput } from './schema.ts';
import type * as store from './store.ts';

/**
 * What every read of the dashboard, the map and the exports shares: the reader's scopes
 * and the period and filters of a query. Every figure is over the reports the reader may
 * see (policy `report.read`, applied in SQL); places sealed for the reader are rounded.
 */

/**
 * The policy's `report.read` as a SQL scope: the reports module's one derivation from the
 * policy table (reports/scope.ts readScopeFor), so the dashboard, the map, the exports and
 * the report list cannot drift apart from RULES or from each other.
 */
export function scopeFor(actor: Actor): store.Scope {
  return readScopeFor(actor);
}

/** The policy's `report.read.sealed` as a SQL scope. Kept in step with RULES (map-cells test checks). */
export function sealedScopeFor(actor: Actor): store.SealedScope {
  return can(actor, 'report.read.sealed') ? { kind: 'all' } : { kind: 'filedBy', orgId: actor.orgId };
}

/** The query's period (relative to the mechanism's `now`) and filters; 400 naming a bad one. */
export function filterOf(query: DashboardQueryInput, now: Date): { period: Period; filter: store.Filter } {
  const parsed = parsePeriod(query, now);
  if (!parsed.ok)
    throw badRequest(`The request is not valid: ${parsed.path} ${parsed.message}.`, [{ path: parsed.path, message: parsed.message }], 'validation_failed');
  const { start, end } = bounds(parsed.period);
  return { period: parsed.period, filter: { start, end, type: query.type, allegedParty: query.allegedParty, finding: query.finding } };
}
