import type { AppContext } from '../context.ts';
import { notFound } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { loggedActor, type Auth } from './authenticate.ts';
import * as store from './store.ts';
import { whileRevoking } from './token-cache.ts';

/** Revokes one of the caller's API tokens, at once (the token cache is kept out of use meanwhile). */
export async function revokeToken(ctx: AppContext, auth: Auth, id: string): Promise<void> {
  await whileRevoking(ctx, () =>
    ctx.db.transaction().execute(async (tx) => {
      if (!(await store.revokeToken(tx, auth.user.id, id))) throw notFound('You have no such token.');
      await record(tx, { type: 'user.token_revoked', actor: loggedActor(auth), subject: { user: auth.user.id, token: id } });
    }),
  );
}
