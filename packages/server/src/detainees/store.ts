import { type Insertable, type Kysely, sql } from 'kysely';
import type { PersonRecord } from '@truce/core/detainees/person';
import type { Database } from '../db/index.ts';
import type { ListKind } from '../db/index.ts';

/** All SQL of detainee lists, their versions, uploads and views (STYLE #5). */
type Db = Kysely<Database>;

/** Every party has a held and a sought list from the start (empty, version 0). */
export async function ensureLists(db: Db): Promise<void> {
  await sql`
    insert into detainee_lists (id, party_id, kind, current_version, person_count, created_at, updated_at)
    select gen_random_uuid(), o.id, k.kind, 0, 0, now(), now()
    from organisations o cross join (values ('held'), ('sought')) as k(kind)
    where o.kind = 'party'
    on conflict (party_id, kind) do nothing
  `.execute(db);
}

export function allLists(db: Db) {
  return db
    .selectFrom('detainee_lists')
    .innerJoin('organisations', 'organisations.id', 'detainee_lists.party_id')
    .select([
      'detainee_lists.id',
      'detainee_lists.party_id',
      'detainee_lists.kind',
      'detainee_lists.current_version',
      'detainee_lists.person_count',
      'detainee_lists.updated_at',
      'organisations.name as party_name',
      'organisations.short_name as party_short_name',
    ])
    .orderBy('organisations.name')
    .orderBy('detainee_lists.kind')
    .execute();
}

export function findList(db: Db, id: string) {
  return db.selectFrom('detainee_lists').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockList(db: Db, id: string) {
  return db.selectFrom('detainee_lists').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function listOf(db: Db, partyId: string, kind: ListKind) {
  return db.selectFrom('detainee_lists').selectAll().where('party_id', '=', partyId).where('kind', '=', kind).executeTakeFirst();
}

export function versionsOf(db: Db, listId: string) {
  return db
    .selectFrom('detainee_list_versions')
    .innerJoin('users', 'users.id', 'detainee_list_versions.created_by')
    .select([
      'detainee_list_versions.version',
      'source',
      'file_name',
      'file_sha256',
      'person_count',
      'added',
      'removed',
      'changed',
      'detainee_list_versions.created_at',
      'users.name as created_by_name',
    ])
    .where('list_id', '=', listId)
    .orderBy('detainee_list_versions.version', 'desc')
    .execute();
}

/** The persons of a list at a version (the current one when not given). */
export async function personsAt(db: Db, listId: string, version?: number): Promise<PersonRecord[]> {
  let q = db.selectFrom('detainee_persons').select('record').where('list_id', '=', listId);
  q =
    version === undefined
      ? q.where('to_version', 'is', null)
      : q.where('from_version', '<=', version).where((eb) => eb.or([eb('to_version', 'is', null), eb('to_version', '>', version)]));
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => r.record);
}

export interface PersonPageFilter {
  q?: string;
  status?: string;
  limit: number;
  offset: number;
  /** The persons valid at this version (default: the current ones). */
  version?: number;
}

/** One page of a list's persons (current, or at a version), with each person's current status. */
export async function personPage(db: Db, listId: string, filter: PersonPageFilter) {
  let q = db
    .selectFrom('detainee_persons as p')
    .leftJoin('detainee_status as s', (j) => j.onRef('s.list_id', '=', 'p.list_id').onRef('s.ref', '=', 'p.ref'))
    .where('p.list_id', '=', listId);
  const at = filter.version;
  q =
    at === undefined
      ? q.where('p.to_version', 'is', null)
      : q.where('p.from_version', '<=', at).where((eb) => eb.or([eb('p.to_version', 'is', null), eb('p.to_version', '>', at)]));
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('p.ref', 'ilike', like), eb(sql<string>`p.record::text`, 'ilike', like)]));
  }
  if (filter.status)
    q =
      filter.status === 'listed'
        ? q.where((eb) => eb.or([eb('s.status', 'is', null), eb('s.status', '=', 'listed')]))
        : q.where('s.status', '=', filter.status);
  const [rows, total] = await Promise.all([
    q
      .select(['p.ref', 'p.record', 'p.from_version', 's.status', 's.changed_at as status_at'])
      .orderBy('p.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function currentPerson(db: Db, listId: string, ref: string) {
  return db
    .selectFrom('detainee_persons')
    .select(['record', 'from_version'])
    .where('list_id', '=', listId)
    .where('ref', '=', ref)
    .where('to_version', 'is', null)
    .executeTakeFirst();
}

export function personHistory(db: Db, listId: string, ref: string) {
  return db
    .selectFrom('detainee_persons')
    .select(['record', 'from_version', 'to_version'])
    .where('list_id', '=', listId)
    .where('ref', '=', ref)
    .orderBy('from_version')
    .execute();
}

/**
 * Writes a new version of a list from the differences to the current one: removed and
 * changed rows are closed at the new version, added and changed rows opened. Runs in the
 * caller's transaction, after it locked the list.
 */
export async function writeVersion(tx: Db, listId: string, version: number, diff: { added: PersonRecord[]; removed: string[]; changed: PersonRecord[] }) {
  const closing = [...diff.removed, ...diff.changed.map((p) => p.ref)];
  for (let i = 0; i < closing.length; i += 5000) {
    await tx
      .updateTable('detainee_persons')
      .set({ to_version: version })
      .where('list_id', '=', listId)
      .where('to_version', 'is', null)
      .where('ref', 'in', closing.slice(i, i + 5000))
      .execute();
  }
  const opening = [...diff.added, ...diff.changed];
  // Batches stay under PostgreSQL's 65,535 bind parameters (4 per row).
  for (let i = 0; i < opening.length; i += 2000) {
    await tx
      .insertInto('detainee_persons')
      .values(opening.slice(i, i + 2000).map((p) => ({ list_id: listId, ref: p.ref, record: JSON.stringify(p), from_version: version, to_version: null })))
      .execute();
  }
}

export async function insertUpload(db: Db, row: Insertable<Database['detainee_uploads']>) {
  await db.insertInto('detainee_uploads').values(row).execute();
}

export function findUpload(db: Db, id: string) {
  return db.selectFrom('detainee_uploads').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockUpload(db: Db, id: string) {
  return db.selectFrom('detainee_uploads').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function rememberedMapping(db: Db, organisationId: string, headers: string[]): Promise<Record<string, string | null>> {
  if (headers.length === 0) return {};
  const rows = await db
    .selectFrom('detainee_header_mappings')
    .select(['header', 'target'])
    .where('organisation_id', '=', organisationId)
    .where('header', 'in', headers)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.header, r.target]));
}

export async function rememberMapping(tx: Db, organisationId: string, mapping: Record<string, string | null>) {
  const rows = Object.entries(mapping).map(([header, target]) => ({ organisation_id: organisationId, header, target, updated_at: new Date() }));
  if (rows.length === 0) return;
  await tx
    .insertInto('detainee_header_mappings')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['organisation_id', 'header']).doUpdateSet((eb) => ({ target: eb.ref('excluded.target'), updated_at: eb.ref('excluded.updated_at') })),
    )
    .execute();
}

export function recordView(db: Db, row: { list_id: string; refs: string[]; what: string; viewer_user: string; viewer_org: string }) {
  return db
    .insertInto('detainee_views')
    .values({ ...row, viewed_at: new Date() })
    .execute();
}

export function viewsOf(db: Db, listId: string, ref: string | undefined, limit: number) {
  let q = db
    .selectFrom('detainee_views')
    .innerJoin('users', 'users.id', 'detainee_views.viewer_user')
    .innerJoin('organisations', 'organisations.id', 'detainee_views.viewer_org')
    .select(['detainee_views.what', 'detainee_views.viewed_at', 'detainee_views.refs', 'users.name as user_name', 'organisations.name as organisation_name'])
    .where('detainee_views.list_id', '=', listId);
  if (ref !== undefined) q = q.where(sql<boolean>`${ref} = any(detainee_views.refs)`);
  return q.orderBy('detainee_views.id', 'desc').limit(limit).execute();
}

export function statusCounts(db: Db, listIds: string[]) {
  if (listIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('detainee_status')
    .select(['list_id', 'status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('list_id', 'in', listIds)
    .groupBy(['list_id', 'status'])
    .execute();
}

/** For sought persons confirmed as held by another party: that party, by ref. */
export async function matchedParties(db: Db, soughtListId: string, refs: string[]): Promise<Map<string, string>> {
  if (refs.length === 0) return new Map();
  const rows = await db
    .selectFrom('match_decisions as d')
    .innerJoin('detainee_lists as l', 'l.id', 'd.held_list_id')
    .select(['d.sought_ref', 'l.party_id'])
    .where('d.sought_list_id', '=', soughtListId)
    .whereRef('d.held_list_id', '<>', 'd.sought_list_id')
    .where('d.decision', '=', 'confirmed')
    .where('d.sought_ref', 'in', refs)
    .execute();
  return new Map(rows.map((r) => [r.sought_ref, r.party_id]));
}

export function partyNames(db: Db, partyId: string) {
  return db.selectFrom('organisations').select(['name', 'short_name']).where('id', '=', partyId).executeTakeFirstOrThrow();
}

/** A person's status changes, oldest first, with the name of who made each. */
export function statusEvents(db: Db, listId: string, ref: string) {
  return db
    .selectFrom('detainee_status_events')
    .leftJoin('users', 'users.id', 'detainee_status_events.changed_by')
    .select(['status', 'note', 'exchange_id', 'changed_at', 'users.name as changed_by_name'])
    .where('list_id', '=', listId)
    .where('ref', '=', ref)
    .orderBy('detainee_status_events.id')
    .execute();
}

/** The list's new current version, and that version's row (in the caller's transaction). */
export async function recordListVersion(tx: Db, row: Insertable<Database['detainee_list_versions']>) {
  await tx
    .updateTable('detainee_lists')
    .set({ current_version: row.version, person_count: row.person_count, updated_at: row.created_at })
    .where('id', '=', row.list_id)
    .execute();
  await tx.insertInto('detainee_list_versions').values(row).execute();
}

/** The other parties' lists of a kind that have at least one version. */
export function otherPartiesLists(db: Db, partyId: string, kind: ListKind) {
  return db
    .selectFrom('detainee_lists')
    .select(['id', 'current_version', 'party_id'])
    .where('party_id', '<>', partyId)
    .where('kind', '=', kind)
    .where('current_version', '>', 0)
    .execute();
}

/**
 * Queues matching runs (match_runs is the matching module's table, but matching depends on
 * this module, so a new version's runs are queued here, in its transaction). Runs still
 * waiting for an older version of the same lists would only be overtaken: they go.
 */
export async function queueRuns(tx: Db, rows: Insertable<Database['match_runs']>[]) {
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

export function setUploadMapping(db: Db, id: string, mapping: Record<string, string | null>) {
  return db
    .updateTable('detainee_uploads')
    .set({ mapping: JSON.stringify(mapping) })
    .where('id', '=', id)
    .execute();
}

/** An upload accepted or discarded: its cells are no longer kept. */
export function closeUpload(db: Db, id: string, status: 'accepted' | 'discarded') {
  return db
    .updateTable('detainee_uploads')
    .set({ status, decided_at: new Date(), cells: JSON.stringify([]) })
    .where('id', '=', id)
    .execute();
}
