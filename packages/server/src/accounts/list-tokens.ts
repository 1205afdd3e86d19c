import type { AppContext } from '../context.ts';
import type { Auth } from './authenticate.ts';
import type { ApiToken } from './schema.ts';
import * as store from './store.ts';

/** The caller's API tokens not revoked, newest first (expired ones too, marked). */
export async function listTokens(ctx: AppContext, auth: Auth): Promise<ApiToken[]> {
  return (await store.listTokens(ctx.db, auth.user.id)).map((t) => ({
    id: t.id,
    name: t.name,
    scope: t.scope,
    createdAt: new Date(t.created_at).toISOString(),
    expiresAt: new Date(t.expires_at).toISOString(),
    expired: new Date(t.expires_at).getTime() <= Date.now(),
    lastUsedAt: t.last_used_at ? new Date(t.last_used_at).toISOString() : null,
  }));
}
