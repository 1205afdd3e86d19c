import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';

type Db = Kysely<Database>;

/** The notifications table: this module alone reads and writes it. */

export async function listForOrganisation(db: Db, orgId: string, onlyUnread: boolean, limit: number) {
  let q = db.selectFrom('notifications').selectAll().where('organisation_id', '=', orgId).orderBy('created_at', 'desc').limit(limit);
  if (onlyUnread) q = q.where('read_at', 'is', null);
  return q.execute();
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
