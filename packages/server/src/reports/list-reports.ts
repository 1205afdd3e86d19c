import type { Kysely } from 'kysely';
import { can } from '@truce/core/policy/policy';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { badRequest } from '../errors/index.ts';
import { presentReport, scopeOf } from './present.ts';
import type { ReportList } from './schema.ts';
import { readScopeFor } from './scope.ts';
import * as store from './store.ts';

export type ListQuery = Omit<store.ListFilter, 'scope' | 'after'> & { cursor?: string };

/**
 * Reports this reader may see that meet the filters, newest first (by when they occurred),
 * one page of at most `limit`, with how many there are in all. `next` is the cursor of the
 * next page: the last report's time and id, so reports of the same minute (a day given
 * without a time) are neither skipped nor repeated between pages.
 */
export async function listReports(db: Kysely<Database>, auth: Auth, query: ListQuery): Promise<ReportList> {
  const { cursor, limit, before: _before, ...filters } = query;
  const scope = readScopeFor(auth.actor);
  const after = cursor === undefined ? undefined : decodeCursor(cursor);
  // One more than the page: whether there is a next page is known without asking again.
  const [rows, total] = await Promise.all([store.listReports(db, { ...query, after, limit: limit + 1, scope }), store.countReports(db, { ...filters, scope })]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  // The SQL scope and the policy must agree; the policy has the last word.
  const reports = page
    .filter((r) => can(auth.actor, 'report.read', scopeOf(r)))
    .map((r) => presentReport(auth.actor, r, { content: r.content, areas: r.areas, created_at: r.version_created_at, change_note: r.change_note }));
  return { reports, total, next: rows.length > limit && last ? encodeCursor(last.occurred_at, last.id) : null };
}

function encodeCursor(occurredAt: Date | string, id: string): string {
  return Buffer.from(`${new Date(occurredAt).toISOString()}|${id}`).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The cursor as `next` gave it; anything else (edited, cut short) is refused by name. */
function decodeCursor(cursor: string): { occurredAt: string; id: string } {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !id || !UUID.test(id) || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(at) || Number.isNaN(Date.parse(at))) {
    const message = 'is not a cursor this list gave: use the `next` of the previous page';
    throw badRequest(`The request is not valid: /query/cursor ${message}.`, [{ path: '/query/cursor', message }], 'validation_failed');
  }
  return { occurredAt: at, id };
}
