import { leafHash, toBase64 } from '@truce/core/log/index';
import type { AppContext } from '../context.ts';
import { badRequest, notFound } from '../errors/index.ts';
import { isEntryType } from '@truce/core/log/entry-types';
import type { EntriesQuery, LogEntries, LogEntryDetail, LogEntrySummary, LoggedEntry } from './schema.ts';
import { currentCheckpoint } from './checkpoints.ts';
import { readEntries } from './entries.ts';
import { inclusionProof } from './proofs.ts';
import * as store from './store.ts';

/** How many entries a filtered page reads at most, so that a rare filter costs each request a bounded time. */
export const SCAN_LIMIT = 5000;
/** Entries read from the database at a time while filling a page. */
const CHUNK = 1000;

/**
 * Entries of the record. With `from`: `limit` (at most 500) entries from that index,
 * oldest first, as before. Otherwise newest first, a page of at most `limit` that match
 * the filters (types, the writer's organisation, UTC days), and `next`, the cursor of the
 * older page: following it reaches every matching entry once, since entries are only ever
 * appended above the cursor. Entries hold no index of their type, organisation or day, so
 * a filtered page reads at most SCAN_LIMIT entries below its cursor and may come back
 * short (even empty) with a `next`; `scannedTo` says how far back it looked.
 */
export async function listEntries(ctx: AppContext, query: EntriesQuery): Promise<LogEntries> {
  const size = await store.logSize(ctx.db);
  const limit = Math.min(Number(query.limit ?? 50), 500);
  if (limit < 1) throw invalid('limit', 'must be from 1 to 500');
  const filter = entryFilter(query);
  if (query.from !== undefined) {
    if (filter || query.cursor !== undefined) throw invalid('from', 'lists entries oldest first and takes no filter or cursor: leave it out to filter');
    const rows = await readEntries(ctx, Number(query.from), limit);
    return { size, entries: rows.map(summary), next: null, scannedTo: null };
  }
  const before = query.cursor === undefined ? size : decodeCursor(query.cursor, size);
  const floor = filter ? Math.max(0, before - SCAN_LIMIT) : 0;
  const needles = filter ? narrowing(query) : [];
  const entries: LogEntrySummary[] = [];
  let position = before;
  fill: while (position > floor && entries.length < limit) {
    const count = filter ? CHUNK : limit - entries.length;
    const rows = await store.entriesBelow(ctx.db, { floor, before: position, count, needles });
    for (const row of rows) {
      const entry = parseEntry(row.body);
      if (filter && !filter(entry)) continue;
      // Hashed only once listed: a filtered page may read many it does not list.
      entries.push({ index: row.index, entry, leafHash: toBase64(leafHash(row.body)) });
      if (entries.length === limit) {
        position = row.index;
        break fill;
      }
    }
    position = rows.length < count ? floor : rows[rows.length - 1].index;
  }
  return { size, entries, next: position > 0 ? encodeCursor(position) : null, scannedTo: position };
}

function summary(row: { index: number; body: Uint8Array }): LogEntrySummary {
  return { index: row.index, entry: parseEntry(row.body), leafHash: toBase64(leafHash(row.body)) };
}

const invalid = (parameter: string, message: string) =>
  badRequest(`The request is not valid: /query/${parameter} ${message}.`, [{ path: `/query/${parameter}`, message }], 'validation_failed');

type Filter = (entry: LoggedEntry) => boolean;

/** The filters asked for as one test of an entry, or null when none is; an unknown type or a backwards period is refused by name. */
function entryFilter(query: EntriesQuery): Filter | null {
  const types = query.type?.split(',');
  const unknown = types?.filter((t) => !isEntryType(t)) ?? [];
  if (unknown.length > 0) throw invalid('type', `names no type of entry: ${unknown.join(', ')}`);
  if (query.since && query.until && query.until < query.since) throw invalid('until', 'is a day before `since`');
  if (!types && !query.organisation && !query.since && !query.until) return null;
  const wanted = types ? new Set(types) : null;
  return (logged) => {
    const entry = logged as { type?: unknown; actor?: { organisation?: unknown } | null; time?: unknown };
    // A damaged or altered entry has no type, writer or time to match: it shows only unfiltered.
    if (wanted && !(typeof entry.type === 'string' && wanted.has(entry.type))) return false;
    if (query.organisation) {
      if (entry.actor?.organisation !== query.organisation) return false;
    }
    if (query.since || query.until) {
      const day = typeof entry.time === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(entry.time) ? entry.time.slice(0, 10) : null;
      if (!day || (query.since && day < query.since) || (query.until && day > query.until)) return false;
    }
    return true;
  };
}

const bytes = (text: string) => new TextEncoder().encode(text);

/**
 * Byte strings that the entries a filter lists must contain (one of each group), so that
 * the database skips most others without sending them: the type and the organisation as
 * canonical JSON writes them, and the days of a period of at most two months.
 */
function narrowing(query: EntriesQuery): Uint8Array[][] {
  const groups: Uint8Array[][] = [];
  if (query.type) groups.push(query.type.split(',').map((t) => bytes(`"type":"${t}"`)));
  if (query.organisation) groups.push([bytes(`"organisation":"${query.organisation}"`)]);
  if (query.since) {
    const last = query.until ?? new Date(Date.now() + DAY).toISOString().slice(0, 10);
    const days: Uint8Array[] = [];
    for (let t = Date.parse(query.since); t <= Date.parse(last) && days.length <= 62; t += DAY) {
      days.push(bytes(`"time":"${new Date(t).toISOString().slice(0, 10)}`));
    }
    if (days.length <= 62) groups.push(days);
  }
  return groups;
}

const DAY = 86_400_000;

/** A cursor names the index below which the next page starts; its text is opaque to the reader. */
function encodeCursor(before: number): string {
  return Buffer.from(`before:${before}`).toString('base64url');
}

/** The cursor as `next` gave it; anything else (edited, cut short, beyond the record) is refused by name. */
function decodeCursor(cursor: string, size: number): number {
  const match = /^before:([1-9][0-9]{0,14})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const before = match ? Number(match[1]) : NaN;
  if (!(before <= size)) throw invalid('cursor', 'is not a cursor this list gave: use the `next` of the previous page');
  return before;
}

/** One entry, its bytes and its inclusion proof against the latest checkpoint. */
export async function getEntry(ctx: AppContext, index: number): Promise<LogEntryDetail> {
  const checkpoint = await currentCheckpoint(ctx);
  if (index >= checkpoint.size) throw notFound(`There is no entry ${index}: the record has ${checkpoint.size} entries.`);
  const [row] = await readEntries(ctx, index, 1);
  return {
    index,
    entry: parseEntry(row.body),
    entryBase64: toBase64(row.body),
    leafHash: toBase64(leafHash(row.body)),
    checkpoint: checkpoint.note,
    treeSize: checkpoint.size,
    proof: await inclusionProof(ctx, index, checkpoint.size),
  };
}

/** Entries are our own canonical JSON; one that no longer parses is shown as damaged, not hidden. */
function parseEntry(body: Uint8Array): LoggedEntry {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return { damaged: true };
  }
}
