import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.ts';

type Db = Kysely<Database>;

/** The notifications table: this module alone reads and writes it. */

/** Newest first by (created_at, id); `before` is the last id of the previous page. */
export async function listForOrganisation(db: Db, orgId: string, onlyUnread: boolean, limit: number, before?: string) {
  let q = db.selectFrom('notifications').selectAll().where('organisation_id', '=', orgId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit);
  if (onlyUnread) q = q.where('read_at', 'is', null);
  if (before)
    q = q.where(sql<boolean>`(created_at, id) < (select c.created_at, c.id from notifications c where c.id = ${before} and c.organisation_id = ${orgId})`);
  return q.execute();
}

export async function isOrganisations(db: Db, id: string, orgId: string): Promise<boolean> {
  return (await db.selectFrom('notifications').select('id').where('id', '=', id).where('organisation_id', '=', orgId).executeTakeFirst()) !== undefined;
}

export async function countUnread(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('organisation_id', '=', orgId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks every unread notification of the organisation read; how many. */
export async function markAllRead(db: Db, orgId: string, userId: string, at: Date): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: at, read_by: userId })
    .where('organisation_id', '=', orgId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Marks one unread notification of the organisation read; false when there is none. */
export async function markRead(db: Db, id: string, orgId: string, userId: string): Promise<boolean> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: new Date(), read_by: userId })
    .where('id', '=', id)
    .where('organisation_id', '=', orgId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The person's e-mail choices, by kind of notice (kinds never chosen are absent). */
export async function emailPreferencesOf(db: Db, userId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('notification_email_preferences').select(['kind', 'delivery']).where('user_id', '=', userId).execute();
  return new Map(rows.map((r) => [r.kind, r.delivery]));
}

/** Sets the person's e-mail choices for these kinds, replacing earlier ones. */
export async function setEmailPreferences(db: Db, userId: string, choices: { kind: string; delivery: 'off' | 'immediate' | 'digest' }[]): Promise<void> {
  if (choices.length === 0) return;
  await db
    .insertInto('notification_email_preferences')
    .values(choices.map((c) => ({ user_id: userId, kind: c.kind, delivery: c.delivery })))
    .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet((eb) => ({ delivery: eb.ref('excluded.delivery') })))
    .execute();
}
