import type { AppContext } from '../context.ts';
import type { Auth } from './authenticate.ts';
import type { Language } from './schema.ts';
import * as store from './store.ts';

/**
 * The user's interface language, so that e-mails reach them in it. A preference, not a
 * change to the mechanism: it is not recorded in the log and does not move the
 * account's version (an administrator's edit in progress is not made stale by it).
 */
export async function setLanguage(ctx: AppContext, auth: Auth, language: Language): Promise<void> {
  await store.setLanguage(ctx.db, auth.user.id, language);
}
