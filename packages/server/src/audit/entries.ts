import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.ts';

/**
 * Log entries of the types an audit check compares with, decoded, with the salts of
 * their commitments. Only entries with a place in the tree count: the audit compares
 * what is served with the record every party can verify.
 */
export interface LoggedEntry {
  id: number;
  idx: number | null;
  type: string;
  actor: { organisation: string; user: string } | null;
  subject: Record<string, string>;
  data: Record<string, unknown>;
  commitments: Record<string, string>;
  salts: Map<string, Uint8Array>;
}

const PAGE = 5000;
const decoder = new TextDecoder();

/**
 * Every entry of these types. The database picks them out by the type's exact bytes
 * (canonical JSON writes `"type":"…"` so in every entry of that type), so the others
 * are not sent here; each candidate is then parsed and its type checked.
 */
export async function entriesOfTypes(db: Kysely<Database>, types: string[]): Promise<LoggedEntry[]> {
  const needles = types.map((t) => Buffer.from(`"type":${JSON.stringify(t)}`));
  const out: LoggedEntry[] = [];
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('log_entries')
      .select(['id', 'idx', 'body'])
      .where('id', '>', after)
      .where((eb) => eb.or(needles.map((n) => sql<boolean>`position(${n} in ${eb.ref('body')}) > 0`)))
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) break;
    after = Number(rows[rows.length - 1].id);
    const salts = await db
      .selectFrom('log_salts')
      .select(['entry_id', 'field', 'salt'])
      .where(
        'entry_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const byEntry = new Map<number, Map<string, Uint8Array>>();
    for (const s of salts) {
      const m = byEntry.get(Number(s.entry_id)) ?? new Map<string, Uint8Array>();
      m.set(s.field, new Uint8Array(s.salt));
      byEntry.set(Number(s.entry_id), m);
    }
    for (const row of rows) {
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(decoder.decode(row.body)) as Record<string, unknown>;
      } catch {
        continue; // a damaged entry is `truce verify`'s to name; here it records nothing
      }
      if (!types.includes(parsed.type as string)) continue;
      out.push({
        id: Number(row.id),
        idx: row.idx === null ? null : Number(row.idx),
        type: parsed.type as string,
        actor: (parsed.actor as LoggedEntry['actor']) ?? null,
        subject: (parsed.subject as Record<string, string>) ?? {},
        data: (parsed.data as Record<string, unknown>) ?? {},
        commitments: (parsed.commitments as Record<string, string>) ?? {},
        salts: byEntry.get(Number(row.id)) ?? new Map(),
      });
    }
    if (rows.length < PAGE) break;
  }
  return out;
}

/** Entries indexed by a key made from each (the last one wins where two share a key). */
export function indexBy(entries: LoggedEntry[], key: (e: LoggedEntry) => string | undefined): Map<string, LoggedEntry> {
  const map = new Map<string, LoggedEntry>();
  for (const e of entries) {
    const k = key(e);
    if (k !== undefined) map.set(k, e);
  }
  return map;
}
