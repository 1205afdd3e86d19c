import { can, type ReportScoped } from '@truce/core/policy/policy';
import type { Actor } from '@truce/core/model/accounts';

/**
 * Which reports a reader sees, in SQL terms: the policy's `report.read` as a scope that
 * the report list (store.listReports) and the dashboard, map and exports
 * (dashboard/store.ts scopeWhere) turn into a WHERE clause.
 */
export type ReadScope = { kind: 'all' } | { kind: 'concerning'; orgId: string } | { kind: 'filedBy'; orgId: string } | { kind: 'none' };

/**
 * The reader's `report.read` scope, derived from the policy table rather than kept in step
 * with it by hand (issue 15): the one place that turns RULES into the scope every SQL
 * reader of reports uses. `can` is asked about a report nobody of the actor's organisation
 * is named in, and about reports it filed, is accused in and was hit in; the answers pick
 * the scope. A rule with another shape (say, reports accusing the reader but not those it
 * filed) has no SQL here and fails loudly instead of showing too much or too little; the
 * property test (scopes.int.test.ts) checks the SQL against `can` row by row.
 */
export function readScopeFor(actor: Actor): ReadScope {
  const other = `not ${actor.orgId}`;
  const reads = (r: Partial<ReportScoped>) => can(actor, 'report.read', { reporterOrgId: other, allegedPartyId: other, affectedPartyId: other, ...r });
  if (reads({})) return { kind: 'all' };
  const filed = reads({ reporterOrgId: actor.orgId });
  const accused = reads({ allegedPartyId: actor.orgId });
  const hit = reads({ affectedPartyId: actor.orgId });
  if (filed && accused && hit) return { kind: 'concerning', orgId: actor.orgId };
  if (filed && !accused && !hit) return { kind: 'filedBy', orgId: actor.orgId };
  if (!filed && !accused && !hit) return { kind: 'none' };
  throw new Error(`The policy's report.read for ${actor.orgKind} ${actor.role} has no SQL scope (reports/scope.ts).`);
}
