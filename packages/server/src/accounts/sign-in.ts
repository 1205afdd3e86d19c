import type { AppContext } from '../context.ts';
import { Problem } from '../errors/index.ts';
import { restrictionOf, type Restriction } from './authenticate.ts';
import { checkTotp } from './mfa.ts';
import { DUMMY_PASSWORD_HASH, randomToken, sha256Hex, verifyPassword } from './secrets.ts';
import * as store from './store.ts';

const invalid = () => new Problem(401, 'Unauthorized', 'The e-mail address or the password is not right.', { code: 'invalid_credentials' });

/**
 * Signs a user in with e-mail, password and, when they enrolled a second factor, a TOTP
 * code. Returns the session cookie value (only its hash is stored). Throws 401 problems
 * whose `code` tells the client what to ask for next ('totp_required').
 */
export async function signIn(
  ctx: AppContext,
  input: { email: string; password: string; totp?: string },
): Promise<{ cookie: string; userId: string; restriction?: Restriction }> {
  const user = await store.findUserByEmail(ctx.db, input.email.trim());
  const passwordOk = await verifyPassword(input.password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
  if (!user || !passwordOk || !user.active) throw invalid();

  const restriction = await restrictionOf(ctx, user);
  return ctx.db.transaction().execute(async (tx) => {
    if (user.totp_secret) {
      if (input.totp === undefined || input.totp === '') {
        throw new Problem(401, 'Unauthorized', 'Enter the 6-digit code from your authenticator app.', { code: 'totp_required' });
      }
      // Lock the user row so one code cannot open two sessions at once.
      const locked = await store.lockTotpStep(tx, user.id);
      const step = checkTotp(user.totp_secret, input.totp, locked.totp_last_step);
      if (step === null) {
        throw new Problem(401, 'Unauthorized', 'The code is wrong, expired or was already used. Wait for the next code and try again.', {
          code: 'totp_invalid',
        });
      }
      await store.setTotpStep(tx, user.id, step);
    }
    const cookie = randomToken();
    const expires = new Date(Date.now() + ctx.config.sessionHours * 3600_000);
    await store.insertSession(tx, sha256Hex(cookie), user.id, expires);
    return { cookie, userId: user.id, restriction };
  });
}
