import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import type { NotificationList } from './schema.ts';
import { listForOrganisation } from './store.ts';

/** The newest notifications of the user's organisation (at most 200), unread ones only if asked. */
export async function listNotifications(ctx: AppContext, auth: Auth, onlyUnread: boolean): Promise<NotificationList> {
  const rows = await listForOrganisation(ctx.db, auth.actor.orgId, onlyUnread, 200);
  return {
    notifications: rows.map((n) => ({
      id: n.id,
      kind: n.kind,
      subject: n.subject,
      details: n.details,
      logIndex: Number(n.log_index),
      createdAt: new Date(n.created_at).toISOString(),
      readAt: n.read_at ? new Date(n.read_at).toISOString() : null,
    })),
  };
}
