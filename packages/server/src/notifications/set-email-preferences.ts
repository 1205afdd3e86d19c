import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { badRequest } from '../errors/index.ts';
import { kindsFor, type Delivery, type EmailKind } from './email-preferences.ts';
import { getEmailPreferences } from './get-email-preferences.ts';
import type { EmailPreferences } from './schema.ts';
import { setEmailPreferences as store } from './store.ts';

/**
 * Sets how the person receives some kinds of notice by e-mail. Only kinds that reach their
 * organisation can be set: choosing one that never comes would only mislead.
 */
export async function setEmailPreferences(ctx: AppContext, auth: Auth, choices: Partial<Record<EmailKind, Delivery>>): Promise<EmailPreferences> {
  const offered = new Set<string>(kindsFor(auth.actor.orgKind));
  const entries = Object.entries(choices) as [EmailKind, Delivery][];
  for (const [kind] of entries) {
    if (!offered.has(kind)) {
      const message = 'does not reach your organisation';
      throw badRequest(
        `The request is not valid: /body/preferences/${kind} ${message}.`,
        [{ path: `/body/preferences/${kind}`, message }],
        'validation_failed',
      );
    }
  }
  await store(
    ctx.db,
    auth.actor.userId,
    entries.map(([kind, delivery]) => ({ kind, delivery })),
  );
  return getEmailPreferences(ctx, auth);
}
