import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../db/index.ts';

type Db = Kysely<Database>;

/** A row of a set-up list (collections.ts describes each list's columns). */
export type CollectionRow = Record<string, unknown> & { id: string; version: number };

/** The mechanism's tables (mechanism, taxonomy, agreements, excluded_groups, zones): this module alone reads and writes them. */

export async function getMechanism(db: Db) {
  return db.selectFrom('mechanism').selectAll().executeTakeFirst();
}
export type MechanismRow = NonNullable<Awaited<ReturnType<typeof getMechanism>>>;

export async function setClockOffset(db: Db, offsetMs: number) {
  await db.updateTable('mechanism').set({ clock_offset_ms: offsetMs }).execute();
}

/** The mechanism's row, locked for a change within the caller's transaction. */
export async function lockMechanism(tx: Db) {
  return tx.selectFrom('mechanism').selectAll().forUpdate().executeTakeFirst();
}

export async function insertMechanism(tx: Db, values: Insertable<Database['mechanism']>) {
  await tx.insertInto('mechanism').values(values).execute();
}

export async function insertViolationType(tx: Db, values: Insertable<Database['taxonomy']>) {
  await tx.insertInto('taxonomy').values(values).execute();
}

/** The violation type with this code, if any. */
export async function violationTypeByCode(db: Db, code: string) {
  return db.selectFrom('taxonomy').select('id').where('code', '=', code).executeTakeFirst();
}

/** The last place in the taxonomy's order (-1 when it is empty). */
export async function lastTaxonomyPlace(db: Db): Promise<number> {
  const last = await db
    .selectFrom('taxonomy')
    .select((eb) => eb.fn.max('sort_order').as('m'))
    .executeTakeFirst();
  return Number(last?.m ?? -1);
}

/** The kinds of the organisations with these ids (an agreement's signatories). */
export async function organisationKinds(db: Db, ids: string[]) {
  return db.selectFrom('organisations').select(['id', 'kind']).where('id', 'in', ids).execute();
}

/** Changes the mechanism's columns and steps its version. */
export async function updateMechanismRow(tx: Db, set: Record<string, unknown>, version: number) {
  await tx
    .updateTable('mechanism')
    .set({ ...set, updated_at: new Date(), version })
    .execute();
}

// The table name varies per set-up list; the columns come from the spec (collections.ts),
// which the migrations define, so the query builder is used untyped here and only here.
const untyped = (db: Db) => db as unknown as Kysely<Record<string, CollectionRow>>;

export async function listRows(db: Db, table: string, order: string): Promise<CollectionRow[]> {
  return (await untyped(db).selectFrom(table).selectAll().orderBy(order).orderBy('id').execute()) as CollectionRow[];
}

export async function rowById(db: Db, table: string, id: string, lock = false): Promise<CollectionRow | undefined> {
  let q = untyped(db).selectFrom(table).selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return (await q.executeTakeFirst()) as CollectionRow | undefined;
}

export async function insertRow(tx: Db, table: string, row: CollectionRow): Promise<void> {
  await untyped(tx).insertInto(table).values(row).execute();
}

export async function updateRow(tx: Db, table: string, id: string, set: Partial<CollectionRow>): Promise<void> {
  await untyped(tx).updateTable(table).set(set).where('id', '=', id).execute();
}
