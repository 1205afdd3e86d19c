import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { badRequest } from '../errors/index.ts';
import type { NotificationList } from './schema.ts';
import { countUnread, isOrganisations, listForOrganisation } from './store.ts';

/**
 * The notifications of the user's organisation, newest first, a page at a time (unread
 * ones only if asked), with how many are unread in all.
 */
export async function listNotifications(
  ctx: AppContext,
  auth: Auth,
  query: { onlyUnread: boolean; limit: number; before?: string },
): Promise<NotificationList> {
  const [rows, unread] = await Promise.all([
    listForOrganisation(ctx.db, auth.actor.orgId, query.onlyUnread, query.limit + 1, query.before),
    countUnread(ctx.db, auth.actor.orgId),
  ]);
  // A cursor that names no notification of this organisation is refused, not taken as the end.
  if (query.before && rows.length === 0 && !(await isOrganisations(ctx.db, query.before, auth.actor.orgId))) {
    const message = 'is not a notification of your organisation';
    throw badRequest(`The request is not valid: /query/before ${message}.`, [{ path: '/query/before', message }], 'validation_failed');
  }
  const page = rows.slice(0, query.limit);
  return {
    notifications: page.map((n) => ({
      id: n.id,
      kind: n.kind,
      subject: n.subject,
      details: n.details,
      logIndex: Number(n.log_index),
      createdAt: new Date(n.created_at).toISOString(),
      readAt: n.read_at ? new Date(n.read_at).toISOString() : null,
    })),
    unread,
    next: rows.length > query.limit ? page[page.length - 1].id : null,
  };
}
