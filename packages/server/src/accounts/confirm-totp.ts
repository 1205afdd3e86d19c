import type { AppContext } from '../context.ts';
import { badRequest } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { loggedActor, type Auth } from './authenticate.ts';
import { checkTotp } from './mfa.ts';
import type { TotpEnabled } from './schema.ts';
import * as store from './store.ts';

/** Completes enrolment with a code from the app; from then on sign-in asks for a code. */
export async function confirmTotp(ctx: AppContext, auth: Auth, code: string): Promise<TotpEnabled> {
  await ctx.db.transaction().execute(async (tx) => {
    const user = await store.lockTotp(tx, auth.user.id);
    if (!user.totp_pending_secret)
      throw badRequest('Start the enrolment first.', [{ path: '/body/code', message: 'no enrolment in progress' }], 'totp_not_started');
    const step = checkTotp(user.totp_pending_secret, code, null);
    if (step === null)
      throw badRequest(
        'The code does not match. Check the time on your phone and try the next code.',
        [{ path: '/body/code', message: 'wrong code' }],
        'totp_invalid',
      );
    await store.enableTotp(tx, auth.user.id, user.totp_pending_secret, step);
    await record(tx, { type: 'user.second_factor_enabled', actor: loggedActor(auth), subject: { user: auth.user.id } });
  });
  return { enabled: true };
}
