import type { Kysely } from 'kysely';
import { can } from '@truce/core/policy/policy';
import type { PersonRecord } from '@truce/core/detainees/person';
import type { PersonStatus } from '@truce/core/detainees/status';
import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/index.ts';
import { badRequest, notFound, staleVersion } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { listFor } from './access.ts';
import * as store from './store.ts';
import { diffLists } from '@truce/core/detainees/diff';
import type { ListDetail, ListSummary, PersonChangeResult, PersonDetail, PersonsPage } from './schema.ts';
import { personChanges } from './versions.ts';

/**
 * Detainee lists (C4): which lists a reader sees, their persons page by page, one person
 * with its history, and changes by form (add, change, remove one person). Every change
 * is a new version written in one transaction with its log entry; personal data enters
 * the log only as salted commitments. Every read of persons is recorded (who, when, whom).
 */
type Db = Kysely<Database>;

/** A moment as the answers give it (what JSON makes of a Date). */
const iso = (at: Date | string) => new Date(at).toISOString();

/** The lists this reader may see, with counts per status. */
export async function visibleLists(ctx: AppContext, auth: Auth): Promise<ListSummary[]> {
  await store.ensureLists(ctx.db);
  const lists = (await store.allLists(ctx.db)).filter((l) => can(auth.actor, 'detainees.read', { listPartyId: l.party_id }));
  const counts = await store.statusCounts(
    ctx.db,
    lists.map((l) => l.id),
  );
  return lists.map((l) => {
    const statuses: ListSummary['statuses'] = {};
    for (const c of counts) if (c.list_id === l.id) statuses[c.status as PersonStatus] = Number(c.n);
    statuses.listed = l.person_count - Object.values(statuses).reduce((a, b) => a + b, 0) + (statuses.listed ?? 0);
    return {
      id: l.id,
      partyId: l.party_id,
      partyName: l.party_name,
      partyShortName: l.party_short_name,
      kind: l.kind,
      version: l.current_version,
      personCount: l.person_count,
      updatedAt: iso(l.updated_at),
      statuses,
      canWrite: can(auth.actor, 'detainees.write', { listPartyId: l.party_id }),
    };
  });
}

export async function listDetail(ctx: AppContext, auth: Auth, id: string): Promise<ListDetail> {
  const list = await listFor(ctx.db, auth.actor, id, 'detainees.read');
  const versions = await store.versionsOf(ctx.db, id);
  const party = await ctx.db.selectFrom('organisations').select(['name', 'short_name']).where('id', '=', list.party_id).executeTakeFirstOrThrow();
  return {
    id: list.id,
    partyId: list.party_id,
    partyName: party.name,
    partyShortName: party.short_name,
    kind: list.kind,
    version: list.current_version,
    personCount: list.person_count,
    updatedAt: iso(list.updated_at),
    canWrite: can(auth.actor, 'detainees.write', { listPartyId: list.party_id }),
    versions: versions.map((v) => ({
      version: v.version,
      source: v.source,
      fileName: v.file_name,
      fileSha256: v.file_sha256,
      personCount: v.person_count,
      added: v.added,
      removed: v.removed,
      changed: v.changed,
      createdAt: iso(v.created_at),
      createdBy: v.created_by_name,
    })),
  };
}

/** One page of persons; the page's refs are recorded as viewed by this reader. */
export async function personsPage(ctx: AppContext, auth: Auth, id: string, filter: store.PersonPageFilter): Promise<PersonsPage> {
  const list = await listFor(ctx.db, auth.actor, id, 'detainees.read');
  const page = await store.personPage(ctx.db, list.id, filter);
  const refs = page.rows.map((r) => r.ref);
  if (refs.length > 0) await store.recordView(ctx.db, { list_id: list.id, refs, what: 'list', viewer_user: auth.actor.userId, viewer_org: auth.actor.orgId });
  // A sought person confirmed as held by another party: which party (to name in an exchange).
  const matchedParty = list.kind === 'sought' ? await store.matchedParties(ctx.db, list.id, refs) : new Map<string, string>();
  return {
    total: page.total,
    persons: page.rows.map((r) => ({
      ...r.record,
      status: (r.status ?? 'listed') as PersonStatus,
      statusAt: r.status_at ? iso(r.status_at) : null,
      sinceVersion: r.from_version,
      matchedParty: matchedParty.get(r.ref) ?? null,
    })),
  };
}

/** One person with every version of its record, its status history and who looked at it. */
export async function personDetail(ctx: AppContext, auth: Auth, id: string, ref: string): Promise<PersonDetail> {
  const list = await listFor(ctx.db, auth.actor, id, 'detainees.read');
  const history = await store.personHistory(ctx.db, list.id, ref);
  if (history.length === 0) throw notFound('There is no person with this reference on the list.');
  await ctx.db.transaction().execute(async (tx) => {
    await store.recordView(tx, { list_id: list.id, refs: [ref], what: 'person', viewer_user: auth.actor.userId, viewer_org: auth.actor.orgId });
    // A view of one person's record is itself on the record, as a commitment to whom.
    await record(tx, { type: 'detainees.person.viewed', actor: loggedActor(auth), subject: { list: list.id }, sealed: { ref } });
  });
  const [statusEvents, views] = await Promise.all([
    ctx.db
      .selectFrom('detainee_status_events')
      .leftJoin('users', 'users.id', 'detainee_status_events.changed_by')
      .select(['status', 'note', 'exchange_id', 'changed_at', 'users.name as changed_by_name'])
      .where('list_id', '=', list.id)
      .where('ref', '=', ref)
      .orderBy('detainee_status_events.id')
      .execute(),
    store.viewsOf(ctx.db, list.id, ref, 50),
  ]);
  const current = history.find((h) => h.to_version === null) ?? null;
  return {
    listId: list.id,
    ref,
    current: current?.record ?? null,
    removedInVersion: current ? null : history[history.length - 1].to_version,
    versions: history.map((h) => ({ fromVersion: h.from_version, toVersion: h.to_version, record: h.record })),
    statusHistory: statusEvents.map((e) => ({
      status: e.status as PersonStatus,
      note: e.note,
      exchangeId: e.exchange_id,
      at: iso(e.changed_at),
      by: e.changed_by_name,
    })),
    views: views.map((v) => ({ what: v.what, at: iso(v.viewed_at), user: v.user_name, organisation: v.organisation_name })),
  };
}

export interface NewVersion {
  listId: string;
  baseVersion: number;
  next: (current: PersonRecord[]) => PersonRecord[];
  source: 'upload' | 'form';
  fileName?: string | null;
  fileSha256?: string | null;
  note?: string;
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
  const now = new Date();
  await tx.updateTable('detainee_lists').set({ current_version: version, person_count: next.length, updated_at: now }).where('id', '=', list.id).execute();
  await tx
    .insertInto('detainee_list_versions')
    .values({
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
      created_at: now,
    })
    .execute();
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
  const others = await tx
    .selectFrom('detainee_lists')
    .select(['id', 'current_version', 'party_id'])
    .where('party_id', '<>', list.party_id)
    .where('kind', '=', list.kind === 'held' ? 'sought' : 'held')
    .where('current_version', '>', 0)
    .execute();
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
  // Runs still waiting for an older version of the same lists would only be overtaken.
  for (const r of rows) {
    await tx
      .deleteFrom('match_runs')
      .where('status', '=', 'queued')
      .where('kind', '=', r.kind)
      .where('sought_list_id', '=', r.sought_list_id)
      .where('held_list_id', '=', r.held_list_id)
      .execute();
  }
  await tx.insertInto('match_runs').values(rows).execute();
}

/** Adds, changes or removes one person by form: a new version with that one difference. */
export async function changePerson(
  ctx: AppContext,
  auth: Auth,
  listId: string,
  input: { version: number; ref: string; person: PersonRecord | null; note?: string },
  mode: 'add' | 'change' | 'remove',
): Promise<PersonChangeResult> {
  return ctx.db.transaction().execute(async (tx) => {
    const result = await writeNewVersion(tx, auth, {
      listId,
      baseVersion: input.version,
      source: 'form',
      note: input.note,
      next: (current) => {
        const exists = current.some((p) => p.ref === input.ref);
        if (mode === 'add' && exists)
          throw badRequest(
            `The list already has a person with reference "${input.ref}".`,
            [{ path: '/body/person/ref', message: 'is already on the list' }],
            'duplicate_ref',
          );
        if (mode !== 'add' && !exists) throw notFound('There is no person with this reference on the list.');
        if (mode === 'add') return [...current, input.person!];
        if (mode === 'remove') return current.filter((p) => p.ref !== input.ref);
        return current.map((p) => (p.ref === input.ref ? input.person! : p));
      },
    });
    return { version: result.version, personCount: result.list.person_count, changes: personChanges(result.diff) };
  });
}

/** Persons in the order of their refs (code points): the order a list version's commitment uses. */
export function byRef<T extends { ref: string }>(persons: readonly T[]): T[] {
  return [...persons].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}
