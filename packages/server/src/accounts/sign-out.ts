import type { AppContext } from '../context.ts';
import * as store from './store.ts';

/** Ends a session (its cookie no longer opens it). */
export async function signOut(ctx: AppContext, sessionId: string): Promise<void> {
  await store.deleteSession(ctx.db, sessionId);
}
