import * as OTPAuth from 'otpauth';
import type { OrgKind, Role } from '@truce/core/model/accounts';
import type { AppContext } from '../context.ts';

/**
 * Second factor: TOTP (RFC 6238, 6 digits, 30 s) through the otpauth library. A code is
 * accepted one step either side of now, and never twice: the last step used is stored.
 */
const PERIOD = 30;

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, email: string, issuer: string): string {
  return totpFor(secret, email, issuer).toString();
}

function totpFor(secret: string, label = 'truce', issuer = 'Truce') {
  return new OTPAuth.TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: OTPAuth.Secret.fromBase32(secret) });
}

/** The time step the code belongs to, or null when the code is wrong or already used. */
export function checkTotp(secret: string, code: string, lastStep: number | null, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secret).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / PERIOD) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

/** The current code, for tests and the demo. */
export function currentTotp(secret: string, now = Date.now()): string {
  return totpFor(secret).generate({ timestamp: now });
}

/** Does the mechanism require a second factor for this kind of organisation and role? */
export async function mfaRequiredFor(ctx: AppContext, kind: OrgKind, role: Role): Promise<boolean> {
  const mechanism = await ctx.db.selectFrom('mechanism').select('mfa_required_roles').executeTakeFirst();
  const required = (mechanism?.mfa_required_roles ?? []) as string[];
  return required.includes(`${kind}:${role}`) || required.includes(`${kind}:*`) || required.includes(`*:${role}`) || required.includes('*:*');
}
