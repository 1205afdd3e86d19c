import type { TFunction } from 'i18next';
import { isProblem, ProblemError } from '../api/client.ts';

/**
 * A sentence for an error, in the reader's language. Problems the interface knows by
 * their `code` are translated; others show the server's `detail`, which names what is wrong.
 */
export function problemMessage(t: TFunction, err: unknown): string {
  if (!isProblem(err)) return err instanceof Error ? err.message : t('errors.unexpected');
  switch (err.code) {
    case 'network':
      return t('errors.network');
    case 'rate_limited':
      return t('errors.rateLimited');
    case 'stale_version':
      return t('errors.stale');
    case 'unauthenticated':
      return t('errors.signedOut');
    case 'internal':
      return t('errors.internal');
    case 'invalid_credentials':
      return t('signIn.invalidCredentials');
    case 'totp_invalid':
      return t('signIn.totpInvalid');
    case 'totp_required':
      return t('signIn.totpRequired');
    case 'invalid_setup_token':
      return t('setup.invalidToken');
    case 'wrong_password':
      return t('errors.wrongPassword');
    case 'password_change_required':
      return t('errors.passwordChangeRequired');
    case 'mfa_enrolment_required':
      return t('errors.mfaEnrolmentRequired');
  }
  if (err.status === 429) return t('errors.rateLimited');
  if (err.status >= 500) return t('errors.internal');
  return err.detail || err.title || t('errors.unexpected');
}

export function isStale(err: unknown): err is ProblemError {
  return isProblem(err) && err.status === 409 && err.code === 'stale_version';
}
