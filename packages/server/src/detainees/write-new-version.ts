import type { Kysely } from 'kysely';
import { diffLists } from '@truce/core/detainees/diff';
import type { PersonRecord } from '@truce/core/detainees/person';
import { type Auth, loggedActor } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { badRequest, staleVersion } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { listFor } from './access.ts';
import * as store from './store.ts';

/**
 * Detainee lists (C4) change only by whole new versions (an upload or a form), each written
 * in one transaction with its log entry; personal data enters the log only as salted
 * commitments.
 */
type Db = Kysely<Database>;

export interface NewVersion {
  listId: string;
  baseVersion: number;
  next: (current: PersonRecord[]) => PersonRecord[];
  source: 'upload' | 'form';
  fileName?: string | null;
  fileSha256?: string | null;
  note?: string;
  /** When the version was made (the caller's clock). */
  at: Date;
}

/**
 * Writes a new version of a list (upload or form) in one transaction with its log entry.
 * Refused when the list moved on since `baseVersion` (someone else saved first), or when
 * nothing changed.
 */
export async function writeNewVersion(tx: Db, auth: Auth, input: NewVersion) {
  const list = await listFor(tx, auth.actor, input.listId, 'detainees.write', { lock: true });
  if (list.current_version !== input.baseVersion) throw staleVersion('list', list.current_version);
  const current = await store.personsAt(tx, list.id);
  const next = input.next(current);
  const diff = diffLists(current, next);
  if (diff.added.length + diff.removed.length + diff.changed.length === 0)
    throw badRequest(
      'Nothing changed: this is the list as it already stands.',
      [{ path: '/body', message: 'is identical to the current version' }],
      'no_change',
    );
  const version = list.current_version + 1;
  await store.writeVersion(tx, list.id, version, { added: diff.added, removed: diff.removed.map((p) => p.ref), changed: diff.changed.map((c) => c.after) });
  await store.recordListVersion(tx, {
    list_id: list.id,
    version,
    source: input.source,
    file_name: input.fileName ?? null,
    file_sha256: input.fileSha256 ?? null,
    person_count: next.length,
    added: diff.added.length,
    removed: diff.removed.length,
    changed: diff.changed.length,
    created_by: auth.actor.userId,
    created_at: input.at,
  });
  await record(tx, {
    type: 'detainees.list.version',
    actor: loggedActor(auth),
    subject: { list: list.id },
    data: {
      party: list.party_id,
      kind: list.kind,
      version,
      persons: next.length,
      added: diff.added.length,
      removed: diff.removed.length,
      changed: diff.changed.length,
      ...(input.fileSha256 ? { fileSha256: input.fileSha256 } : {}),
      personsOrder: 'ref',
    },
    // The persons themselves only as a commitment: the record proves what the list held
    // at this version without publishing a single name. In ref order (a file's own order
    // is not stored), so an audit can recompute the commitment from the stored persons.
    sealed: { persons: byRef(next), ...(input.note ? { note: input.note } : {}) },
  });
  await queueMatchRuns(tx, list, version);
  return { list: { ...list, current_version: version, person_count: next.length }, version, diff };
}

/**
 * A new version of a list is matched again: a sought list against every other party's
 * held list, a held list against every other party's sought list, and the list against
 * itself for duplicates. The runs are queued here (same transaction) and run off the
 * request thread by the matching loop.
 */
async function queueMatchRuns(tx: Db, list: { id: string; party_id: string; kind: 'held' | 'sought' }, version: number) {
  const others = await store.otherPartiesLists(tx, list.party_id, list.kind === 'held' ? 'sought' : 'held');
  const now = new Date();
  const { v7 } = await import('uuid');
  const runs = others.map((o) =>
    list.kind === 'sought'
      ? { sought_list_id: list.id, sought_version: version, held_list_id: o.id, held_version: o.current_version }
      : { sought_list_id: o.id, sought_version: o.current_version, held_list_id: list.id, held_version: version },
  );
  const rows = [
    ...runs.map((r) => ({ id: v7(), kind: 'match' as const, ...r })),
    { id: v7(), kind: 'dedupe' as const, sought_list_id: list.id, sought_version: version, held_list_id: list.id, held_version: version },
  ].map((r) => ({ ...r, status: 'queued' as const, requested_by: null, requested_at: now }));
  await store.queueRuns(tx, rows);
}

/** Persons in the order of their refs (code points): the order a list version's commitment uses. */
export function byRef<T extends { ref: string }>(persons: readonly T[]): T[] {
  return [...persons].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}
