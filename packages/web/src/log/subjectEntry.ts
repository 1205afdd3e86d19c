import type { SubjectEntries, SubjectEntry } from '@truce/server/schemas/log';
import { get } from '../api/client.ts';

/**
 * Which log entry recorded an item, for its "Download receipt": the server lists the
 * entries whose subject names the item (GET /api/log/subjects/NAME/VALUE, oldest first)
 * and the page picks the one that recorded what it shows, by type and then by position
 * or by time.
 */

export type { SubjectEntry } from '@truce/server/schemas/log';

export interface EntryPick {
  /** The entry types that record the item (any, when absent). */
  types?: string[];
  /** Other subject fields the entry must have, e.g. { heldList: ID }. */
  subject?: Record<string, string>;
  /**
   * Which of the matching entries: the first, the last, the nth (0-based, e.g. a list's
   * version v is its (v-1)th version entry), or the one whose time is nearest an instant
   * (the item's own time, when the subject does not tell its entries apart).
   */
  which?: 'first' | 'last' | { nth: number } | { nearest: string };
}

/** The index of the entry `pick` chooses, or null when there is none. Pure. */
export function pickEntry(entries: SubjectEntry[], pick: EntryPick = {}): number | null {
  const found = entries.filter((e) => (!pick.types || pick.types.includes(e.type)) && Object.entries(pick.subject ?? {}).every(([k, v]) => e.subject[k] === v));
  if (found.length === 0) return null;
  const which = pick.which ?? 'last';
  if (which === 'first') return found[0].index;
  if (which === 'last') return found[found.length - 1].index;
  if ('nth' in which) return found[which.nth]?.index ?? null;
  const at = Date.parse(which.nearest);
  if (Number.isNaN(at)) return null;
  let best: SubjectEntry | null = null;
  let distance = Infinity;
  for (const e of found) {
    const d = Math.abs(Date.parse(e.time) - at);
    if (d < distance) [best, distance] = [e, d];
  }
  return best?.index ?? null;
}

/** Asks the server for the item's entries and picks one. */
export async function subjectEntry(name: string, value: string, pick: EntryPick = {}): Promise<number | null> {
  // The server filters by type too, so an item with many other entries (a list read often) still finds its own.
  const types = pick.types?.length ? `?type=${pick.types.map(encodeURIComponent).join(',')}` : '';
  const { entries } = await get<SubjectEntries>(`/api/log/subjects/${encodeURIComponent(name)}/${encodeURIComponent(value)}${types}`);
  return pickEntry(entries, pick);
}

/** For ReceiptButton's `entry`: finds the entry only when the reader asks for the receipt. */
export const receiptEntry =
  (name: string, value: string, pick: EntryPick = {}) =>
  () =>
    subjectEntry(name, value, pick);
