import { timingSafeEqual } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { AppContext } from '../context.ts';
import { badRequest, Problem } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { createMechanism, getMechanism } from '../mechanism/index.ts';
import type { SetupBody } from './schema.ts';
import { hashPassword, passwordProblem, sha256Hex } from './secrets.ts';
import { SETUP_KEY } from './setup.ts';
import * as store from './store.ts';

const wrongToken = () =>
  new Problem(
    403,
    'Forbidden',
    'This set-up link is not valid: it was already used or replaced. Use the link printed by the most recent start of the server.',
    {
      code: 'invalid_setup_token',
    },
  );

/**
 * Completes the one-time set-up with the token printed at the first start: creates the
 * mechanism, the secretariat and its first administrator in one transaction; the token dies.
 */
export async function completeSetup(ctx: AppContext, input: SetupBody): Promise<{ userId: string }> {
  const problem = passwordProblem(input.password, input.email);
  if (problem) throw badRequest(`The password ${problem}.`, [{ path: '/body/password', message: problem }], 'weak_password');
  const passwordHash = await hashPassword(input.password);
  const name = input.name.trim();
  const organisationName = input.organisationName.trim();
  const mechanismName = input.mechanismName.trim();
  for (const [field, value] of Object.entries({ name, organisationName, mechanismName })) {
    if (!value) throw badRequest(`${field} must not be blank.`, [{ path: `/body/${field}`, message: 'must not be blank' }]);
  }

  return ctx.db.transaction().execute(async (tx) => {
    const stored = await store.lockSetting(tx, SETUP_KEY);
    const given = Buffer.from(sha256Hex(input.token));
    if (!stored || typeof stored.value !== 'string' || !timingSafeEqual(Buffer.from(stored.value), given)) throw wrongToken();
    if ((await store.countUsers(tx)) > 0) throw wrongToken();

    const orgId = uuidv7();
    const userId = uuidv7();
    const actor = { organisation: orgId, user: userId };
    if (!(await getMechanism(tx))) await createMechanism(ctx, tx, { name: mechanismName, demo: false }, actor);
    await store.insertOrganisation(tx, { id: orgId, labels: { en: organisationName }, shortLabels: { en: organisationName }, kind: 'secretariat' });
    await record(tx, {
      type: 'organisation.created',
      actor,
      subject: { organisation: orgId },
      data: { name: organisationName, shortName: organisationName, kind: 'secretariat' },
    });
    await store.insertUser(tx, { id: userId, organisationId: orgId, name, email: input.email.trim(), role: 'admin', passwordHash, mustChangePassword: false });
    await record(tx, {
      type: 'user.created',
      actor,
      subject: { user: userId, organisation: orgId },
      data: { role: 'admin' },
      sealed: { name, email: input.email.trim() },
    });
    await store.deleteSetting(tx, SETUP_KEY);
    return { userId };
  });
}
