import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { notFound } from '../errors/index.ts';
import { markRead } from './store.ts';

/** Marks a notification of the user's organisation read, once. */
export async function markNotificationRead(ctx: AppContext, auth: Auth, id: string): Promise<void> {
  if (!(await markRead(ctx.db, id, auth.actor.orgId, auth.actor.userId))) throw notFound('No such unread notification for your organisation.');
}
