import { can } from '@truce/core/policy/policy';
import type { Auth } from '../accounts/index.ts';
import { forbidden } from '../errors/index.ts';

/** The facilitator and the guarantors run the matcher and read its runs. */
export function mayMatch(auth: Auth): void {
  if (!can(auth.actor, 'detainees.match')) throw forbidden('Only the facilitator and the guarantors run the matcher.');
}
