import { timingSafeEqual } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { AppContext } from '../context.ts';
import { badRequest, Problem } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { createMechanism, getMechanism } from '../mechanism/index.ts';
import { hashPassword, passwordProblem, randomToken, sha256Hex } from './secrets.ts';
import type { SetupBody, SetupStatus } from './schema.ts';
import { mechanismBrief } from './session.ts';
import * as store from './store.ts';

/**
 * The one-time set-up. On a start with no users, a random token is issued and printed as
 * a link; its hash is kept. Opening the link creates the mechanism, the secretariat and
 * its first administrator in one transaction, and the token dies. No default password.
 */
const SETUP_KEY = 'setup_token_sha256';

export async function setupNeeded(ctx: AppContext): Promise<boolean> {
  return (await store.countUsers(ctx.db)) === 0;
}

/**
 * Whether the set-up is still to be done, with the mechanism's name and whether it is a
 * demo: shown before sign-in, so that nobody types real data into a demonstration.
 */
export async function setupStatus(ctx: AppContext): Promise<SetupStatus> {
  return { needed: await setupNeeded(ctx), mechanism: await mechanismBrief(ctx) };
}

/** Issues a fresh set-up token when none has been used yet; returns it, or null when set up. */
export async function issueSetupToken(ctx: AppContext): Promise<string | null> {
  if (!(await setupNeeded(ctx))) return null;
  const token = randomToken();
  await store.putSetting(ctx.db, SETUP_KEY, sha256Hex(token));
  return token;
}

const wrongToken = () =>
  new Problem(
    403,
    'Forbidden',
    'This set-up link is not valid: it was already used or replaced. Use the link printed by the most recent start of the server.',
    {
      code: 'invalid_setup_token',
    },
  );

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
    const stored = await tx.selectFrom('settings').select('value').where('key', '=', SETUP_KEY).forUpdate().executeTakeFirst();
    const given = Buffer.from(sha256Hex(input.token));
    if (!stored || typeof stored.value !== 'string' || !timingSafeEqual(Buffer.from(stored.value), given)) throw wrongToken();
    if ((await store.countUsers(tx)) > 0) throw wrongToken();

    const orgId = uuidv7();
    const userId = uuidv7();
    const actor = { organisation: orgId, user: userId };
    if (!(await getMechanism(tx))) await createMechanism(ctx, tx, { name: mechanismName, demo: false }, actor);
    const now = new Date();
    await tx
      .insertInto('organisations')
      .values({ id: orgId, name: organisationName, short_name: organisationName, kind: 'secretariat', created_at: now, updated_at: now, version: 1 })
      .execute();
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
