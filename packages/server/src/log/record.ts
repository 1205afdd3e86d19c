import type { Kysely } from 'kysely';
import { randomPooled } from './random-pool.ts';
import { noteRecorded } from './recorded.ts';
import { commitment, encodeEntry } from '@truce/core/log/index';
import type { Database } from '../db/index.ts';

/**
 * What a state change writes to the record (C9). `data` holds public fields only;
 * anything personal or confidential goes in `sealed`, which enters the entry as a salted
 * SHA-256 commitment per field (the salt stays in log_salts, outside the public log).
 */
export interface LogEvent {
  type: string;
  actor: { organisation: string; user: string } | null;
  subject: Record<string, string>;
  data?: Record<string, unknown>;
  sealed?: Record<string, unknown>;
}

/** An entry bundle stores each entry behind a u16 length, so an entry is at most 65535 bytes. */
export const MAX_ENTRY_BYTES = 65_535;

/**
 * Appends one entry to the log inside the caller's transaction (STYLE #7): the entry
 * and the domain rows commit or roll back together, so an acknowledged change is in the
 * record. The entry gets its place in the tree (its index) from the sequencer
 * (sequencer.ts) once committed; appending takes no lock, so concurrent commands do not
 * wait on each other. Returns the entry's id (not its index).
 */
export async function record(tx: Kysely<Database>, event: LogEvent): Promise<number> {
  const { body, salts } = prepareEntry(event);
  const { id } = await tx.insertInto('log_entries').values({ body, created_at: new Date() }).returning('id').executeTakeFirstOrThrow();
  if (salts.length > 0) {
    await tx
      .insertInto('log_salts')
      .values(salts.map((s) => ({ entry_id: id, field: s.field, salt: s.salt })))
      .execute();
  }
  noteRecorded(id);
  return id;
}

/** An entry's bytes and the salts of its commitments, for a caller that writes them itself. */
export interface PreparedEntry {
  body: Uint8Array;
  salts: { field: string; salt: Uint8Array }[];
}

/**
 * Encodes an event as entry bytes (canonical JSON, sealed fields as salted commitments).
 * record() writes the result; a hot path may write it in a statement of its own (see
 * reports/store.ts), with the same rows.
 */
export function prepareEntry(event: LogEvent): PreparedEntry {
  const salts: { field: string; salt: Uint8Array }[] = [];
  const commitments: Record<string, string> = {};
  for (const [field, value] of Object.entries(event.sealed ?? {})) {
    if (value === undefined) continue;
    const salt = randomPooled(32);
    salts.push({ field, salt });
    commitments[field] = commitment(salt, value);
  }
  const body = encodeEntry({
    type: event.type,
    time: new Date().toISOString(),
    actor: event.actor,
    subject: event.subject,
    data: event.data ?? {},
    commitments,
  });
  if (body.length > MAX_ENTRY_BYTES) {
    throw new Error(`log entry of type ${event.type} is ${body.length} bytes, more than ${MAX_ENTRY_BYTES}`);
  }
  return { body, salts };
}
