import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { markAllRead } from './store.ts';

/** Marks every unread notification of the user's organisation read; how many were. */
export async function markAllNotificationsRead(ctx: AppContext, auth: Auth): Promise<{ marked: number }> {
  return { marked: await markAllRead(ctx.db, auth.actor.orgId, auth.actor.userId, ctx.clock.now()) };
}
