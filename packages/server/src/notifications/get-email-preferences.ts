import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { DEFAULT_DELIVERY, DIGEST_HOUR_UTC, deliveryOf, kindsFor } from './email-preferences.ts';
import type { EmailPreferences } from './schema.ts';
import { emailPreferencesOf } from './store.ts';

/**
 * How each kind of notice that reaches the person's organisation also comes to them by
 * e-mail, and whether e-mail goes out at all here (an SMTP server is configured, and the
 * person acts for the organisation: viewers only read, and are not mailed).
 */
export async function getEmailPreferences(ctx: AppContext, auth: Auth): Promise<EmailPreferences> {
  const chosen = await emailPreferencesOf(ctx.db, auth.actor.userId);
  return {
    mailed: ctx.config.smtp !== undefined && auth.actor.role !== 'viewer',
    digestHourUtc: DIGEST_HOUR_UTC,
    preferences: kindsFor(auth.actor.orgKind).map((kind) => ({
      kind,
      delivery: deliveryOf(kind, chosen.get(kind)),
      default: DEFAULT_DELIVERY[kind],
    })),
  };
}
