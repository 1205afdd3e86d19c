import type { Kysely } from 'kysely';
import type { PersonStatus } from '@truce/core/detainees/status';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';

/**
 * A person's status on a list (C6) and its history: every change says who, when, why
 * and in which exchange. Runs inside the caller's transaction, beside the change that
 * causes it; the caller's log entry covers it.
 */
export async function setStatus(
  tx: Kysely<Database>,
  auth: Auth,
  change: { listId: string; ref: string; status: PersonStatus; at: Date; note?: string; exchangeId?: string | null; onlyFrom?: readonly PersonStatus[] },
): Promise<boolean> {
  const current = await tx
    .selectFrom('detainee_status')
    .select('status')
    .where('list_id', '=', change.listId)
    .where('ref', '=', change.ref)
    .forUpdate()
    .executeTakeFirst();
  const from = (current?.status ?? 'listed') as PersonStatus;
  if (from === change.status) return false;
  if (change.onlyFrom && !change.onlyFrom.includes(from)) return false;
  const row = { status: change.status, exchange_id: change.exchangeId ?? null, note: change.note ?? '', changed_by: auth.actor.userId, changed_at: change.at };
  await tx
    .insertInto('detainee_status')
    .values({ list_id: change.listId, ref: change.ref, ...row })
    .onConflict((oc) => oc.columns(['list_id', 'ref']).doUpdateSet(row))
    .execute();
  await tx
    .insertInto('detainee_status_events')
    .values({ list_id: change.listId, ref: change.ref, ...row, changed_org: auth.actor.orgId })
    .execute();
  return true;
}

export async function statusOf(db: Kysely<Database>, listId: string, refs: string[]): Promise<Map<string, PersonStatus>> {
  if (refs.length === 0) return new Map();
  const rows = await db.selectFrom('detainee_status').select(['ref', 'status']).where('list_id', '=', listId).where('ref', 'in', refs).execute();
  return new Map(rows.map((r) => [r.ref, r.status as PersonStatus]));
}
