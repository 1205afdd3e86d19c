import type { Kysely } from 'kysely';
import { can } from '@truce/core/policy/policy';
import { type Period } from '@truce/core/dashboard/period';
import type { ExportFormat } from '@truce/core/exports/format';
import { withheldOf, type ExportScope } from '@truce/core/exports/scope';
import type { Actor } from '@truce/core/model/accounts';
import type { Database } from '../db/index.ts';
import { badRequest } from '../errors/index.ts';

/** What every export shares: its header (who it is for, what it withholds, when, how many), the row limit and the errors. */
type Db = Kysely<Database>;

export interface ExportHeader {
  scope: ExportScope;
  statement: string;
  generatedAt: string;
  /** Records that meet the filters, before the row limit; null when only "more than the limit" is known. */
  matched: number | null;
  limit: number;
  truncated: boolean;
}

export function invalid(path: string, message: string): never {
  throw badRequest(`The request is not valid: ${path} ${message}.`, [{ path, message }], 'validation_failed');
}

/** The row limit of one request: the installation's (TRUCE_EXPORT_MAX_ROWS), or fewer when `limit` asks. */
export function rowLimit(query: { limit?: string }, max: number): number {
  if (query.limit === undefined) return max;
  const n = Number(query.limit);
  if (!Number.isInteger(n) || n < 1) invalid('/query/limit', 'must be a whole number from 1');
  if (n > max) invalid('/query/limit', `may be at most ${max} (TRUCE_EXPORT_MAX_ROWS)`);
  return n;
}

export async function exportScope(db: Db, actor: Actor): Promise<ExportScope> {
  const org = await db.selectFrom('organisations').select(['id', 'name', 'kind']).where('id', '=', actor.orgId).executeTakeFirstOrThrow();
  return { organisation: { id: org.id, name: org.name, kind: actor.orgKind }, sealed: can(actor, 'report.read.sealed') ? 'all' : 'own' };
}

/** What the metadata member of a JSON or GeoJSON export says. */
export function metadataOf(
  dataset: 'reports' | 'incidents',
  format: ExportFormat,
  h: ExportHeader & { filter: Record<string, string>; period?: Period | null },
) {
  return {
    dataset,
    format,
    generatedAt: h.generatedAt,
    organisation: h.scope.organisation,
    scope: h.statement,
    withheld: withheldOf(h.scope),
    filter: h.filter,
    ...(h.period !== undefined ? { period: h.period } : {}),
    matched: h.matched,
    limit: h.limit,
    truncated: h.truncated,
  };
}
