import { commitment, encodeEntry } from '@truce/core/log/index';
import type { LoggedEntry } from './entries.ts';
import type { Mismatch } from './mismatch.ts';

/** What a stored record says its log entry recorded: public fields, and sealed ones (committed). */
export interface Expected {
  data?: Record<string, unknown>;
  sealed?: Record<string, unknown>;
  /** The organisation the entry's actor must belong to, where the row names it. */
  organisation?: string;
}

const same = (a: unknown, b: unknown) => Buffer.from(encodeEntry(a ?? null)).equals(Buffer.from(encodeEntry(b ?? null)));

/**
 * Compares a stored record with the entry that recorded it: each public field by its
 * canonical JSON, each sealed field by recomputing its salted commitment with the salt
 * kept beside the log. Names every field that differs; a record without an entry is one
 * mismatch of its own.
 */
export function compareWithEntry(kind: string, id: string, entry: LoggedEntry | undefined, expected: Expected): Mismatch[] {
  if (!entry) return [{ kind, id, field: '*', logIndex: null, message: `no log entry records this ${kind}` }];
  const out: Mismatch[] = [];
  const at = entry.idx;
  for (const [field, value] of Object.entries(expected.data ?? {})) {
    if (!same(value, entry.data[field])) out.push({ kind, id, field, logIndex: at, message: `${field} differs from what log entry ${at} recorded` });
  }
  for (const [field, value] of Object.entries(expected.sealed ?? {})) {
    if (value === undefined || value === null) {
      if (entry.commitments[field] !== undefined)
        out.push({ kind, id, field, logIndex: at, message: `${field} is missing, but log entry ${at} committed to a value` });
      continue;
    }
    const salt = entry.salts.get(field);
    const committed = entry.commitments[field];
    if (!salt || committed === undefined) {
      out.push({ kind, id, field, logIndex: at, message: `log entry ${at} holds no commitment to ${field} that can be opened` });
    } else if (commitment(salt, value) !== committed) {
      out.push({ kind, id, field, logIndex: at, message: `${field} does not match the commitment in log entry ${at}` });
    }
  }
  if (expected.organisation !== undefined && entry.actor?.organisation !== expected.organisation) {
    out.push({ kind, id, field: 'organisation', logIndex: at, message: `the organisation differs from the one log entry ${at} names` });
  }
  return out;
}

/** A field whose stored value differs from the value derived from what the log recorded. */
export function differs(kind: string, id: string, field: string, stored: unknown, derived: unknown, logIndex: number | null): Mismatch[] {
  const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? Number(v) : v);
  return same(norm(stored), norm(derived)) ? [] : [{ kind, id, field, logIndex, message: `${field} differs from what log entry ${logIndex} recorded` }];
}
