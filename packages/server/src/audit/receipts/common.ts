import { bytesEqual, commitment, encodeEntry, fromBase64 } from '@truce/core/log/index';
import type { Api } from './api.ts';

export interface LoggedEntry {
  type: string;
  actor?: { organisation: string; user: string } | null;
  subject?: Record<string, string>;
  data?: Record<string, unknown>;
  commitments?: Record<string, string>;
}

/** One receipt's entry, the salts this party was given, and where to put what it finds. */
export interface Check {
  api: Api;
  index: number;
  entry: LoggedEntry;
  salts: Map<string, Uint8Array>;
  /** A divergence: the item as served differs from what the entry recorded. */
  diverges: (item: string, field: string, message: string) => void;
  /** Something that could not be compared, and why (not a divergence). */
  note: (message: string) => void;
}

export type Checker = (c: Check) => Promise<void>;

export const same = (a: unknown, b: unknown) => bytesEqual(encodeEntry(a ?? null), encodeEntry(b ?? null));

/** A value for a message: short, and only public fields are ever shown (sealed ones are said to differ, not shown). */
const show = (v: unknown) => {
  const s = JSON.stringify(v ?? null);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
};

/** A public field the entry recorded against the value served now: named with both when they differ. */
export function compare(c: Check, item: string, field: string, recorded: unknown, served: unknown): void {
  if (!same(recorded, served)) c.diverges(item, field, `recorded ${show(recorded)}, served ${show(served)}`);
}

/** A sealed field against its commitment; nothing when the salt was withheld (the openings said why, apart). */
export function sealed(c: Check, item: string, field: string, value: unknown): void {
  const committed = c.entry.commitments?.[field];
  const salt = c.salts.get(field);
  if (committed === undefined) {
    if (!(value === undefined || value === null || value === '')) c.diverges(item, field, 'the server serves a value the entry did not commit to');
    return;
  }
  if (!salt) return;
  if (value === undefined || value === null) c.diverges(item, field, 'the entry committed to a value the server no longer serves');
  else if (commitment(salt, value) !== committed) c.diverges(item, field, "what the server serves does not match the entry's commitment");
}

/** Whether a sealed field of an entry opens with this value (false when no salt was given). */
export function opens(entry: LoggedEntry, salts: Map<string, Uint8Array>, field: string, value: unknown): boolean {
  const salt = salts.get(field);
  const committed = entry.commitments?.[field];
  return salt !== undefined && committed !== undefined && commitment(salt, value) === committed;
}

export interface LaterEntry {
  index: number;
  entry: LoggedEntry;
  salts: Map<string, Uint8Array>;
}

/**
 * Entries after this one that name the same item (GET /api/log/subjects), of these
 * types, with the salts this party may have: a later step may rightly have changed what
 * is served (a correction, a later outcome), and the audit says so instead of diverging.
 */
export async function laterEntries(c: Check, name: string, value: string, types: string[]): Promise<LaterEntry[]> {
  const { entries } = (await c.api.json(`/api/log/subjects/${encodeURIComponent(name)}/${encodeURIComponent(value)}`)) as {
    entries: { index: number; type: string }[];
  };
  const out: LaterEntry[] = [];
  for (const e of entries.filter((x) => x.index > c.index && types.includes(x.type))) {
    const { entry } = (await c.api.json(`/api/log/entries/${e.index}`)) as { entry: LoggedEntry };
    let salts = new Map<string, Uint8Array>();
    if (Object.keys(entry.commitments ?? {}).length > 0) {
      const openings = (await c.api.json(`/api/log/entries/${e.index}/openings`).catch(() => ({ salts: {} }))) as { salts: Record<string, string> };
      salts = new Map(Object.entries(openings.salts).map(([f, s]) => [f, fromBase64(s)]));
    }
    out.push({ index: e.index, entry, salts });
  }
  return out;
}

export const enc = encodeURIComponent;
