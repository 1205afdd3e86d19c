import type { AppContext } from '../context.ts';
import type { SubjectEntry } from './schema.ts';
import * as store from './store.ts';

/** The log's entries as stored: a range by index, and those naming one item. */

export async function readEntries(ctx: AppContext, from: number, count: number) {
  const rows = await store.entryRange(ctx.db, from, count);
  return rows.map((r) => ({ index: r.idx, body: new Uint8Array(r.body) }));
}

/** How many entries naming one item are listed: an item's history is short; a list's can be long. */
const NAMING_LIMIT = 500;

/** The entries whose subject has `name: value` (of these types, if any), oldest first, with their type, time and whole subject. */
export async function entriesNaming(ctx: AppContext, name: string, value: string, types: string[] = []): Promise<SubjectEntry[]> {
  const rows = await store.entriesNaming(ctx.db, name, value, types, NAMING_LIMIT);
  return rows.map((r) => {
    let entry: { type?: unknown; time?: unknown; subject?: unknown } = {};
    try {
      entry = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(r.body));
    } catch {
      /* a damaged entry is still listed: the audit names it */
    }
    const subject = entry.subject && typeof entry.subject === 'object' ? (entry.subject as Record<string, unknown>) : {};
    return {
      index: r.idx,
      type: typeof entry.type === 'string' ? entry.type : '',
      time: typeof entry.time === 'string' ? entry.time : '',
      subject: Object.fromEntries(Object.entries(subject).filter((p): p is [string, string] => typeof p[1] === 'string')),
    };
  });
}
