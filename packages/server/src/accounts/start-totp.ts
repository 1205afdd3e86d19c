import type { AppContext } from '../context.ts';
import { Problem } from '../errors/index.ts';
import type { Auth } from './authenticate.ts';
import { mechanismBrief } from './describe-session.ts';
import { newTotpSecret, totpUri } from './mfa.ts';
import type { TotpEnrolment } from './schema.ts';
import * as store from './store.ts';

/** Starts second-factor enrolment: a new secret to put in an authenticator app. */
export async function startTotp(ctx: AppContext, auth: Auth): Promise<TotpEnrolment> {
  if (auth.user.totp_secret)
    throw new Problem(409, 'Conflict', 'A second factor is already set up. Remove it first to enrol a new one.', { code: 'totp_enabled' });
  const secret = newTotpSecret();
  await store.setPendingTotp(ctx.db, auth.user.id, secret);
  const mechanism = await mechanismBrief(ctx);
  return { secret, uri: totpUri(secret, auth.user.email, mechanism ? `Truce · ${mechanism.name}` : 'Truce') };
}
