/**
 * The kinds of notice a person may also receive by e-mail, and how each comes when they
 * have not chosen (issue 16). Notices that ask someone to act, or that they must know at
 * once, come at once; those that only inform (a reply received, a new report to sort,
 * which can be hundreds a day) stay in the app unless the person asks for them.
 */
export const DELIVERIES = ['off', 'immediate', 'digest'] as const;
export type Delivery = (typeof DELIVERIES)[number];

export const EMAIL_KINDS = [
  'reply.requested',
  'reply.period_ended',
  'finding.adopted',
  'finding.disputed',
  'reply.received',
  'report.to_sort',
  'audit.mismatch',
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export const DEFAULT_DELIVERY: Record<EmailKind, Delivery> = {
  'reply.requested': 'immediate',
  'reply.period_ended': 'immediate',
  'finding.adopted': 'immediate',
  'finding.disputed': 'immediate',
  'reply.received': 'off',
  'report.to_sort': 'off',
  'audit.mismatch': 'immediate',
};

/**
 * Which kinds reach an organisation of this kind (processor.ts decides who is notified),
 * so that a person is offered only the choices that concern them.
 */
const AUDIENCE: Record<EmailKind, readonly string[]> = {
  'reply.requested': ['party'],
  'reply.period_ended': ['party'],
  'finding.adopted': ['party', 'secretariat', 'guarantor', 'facilitator', 'observer', 'monitor'],
  'finding.disputed': ['secretariat'],
  'reply.received': ['secretariat', 'guarantor'],
  'report.to_sort': ['secretariat'],
  'audit.mismatch': ['secretariat', 'guarantor'],
};

export function kindsFor(organisationKind: string): EmailKind[] {
  return EMAIL_KINDS.filter((k) => AUDIENCE[k].includes(organisationKind));
}

export function isEmailKind(kind: string): kind is EmailKind {
  return (EMAIL_KINDS as readonly string[]).includes(kind);
}

/** How a notice of this kind reaches a person who chose `chosen` (or nothing). */
export function deliveryOf(kind: string, chosen: string | null | undefined): Delivery {
  if (chosen === 'off' || chosen === 'immediate' || chosen === 'digest') return chosen;
  return isEmailKind(kind) ? DEFAULT_DELIVERY[kind] : 'immediate';
}

/** The hour (UTC) at which the daily digest is sent: early in the working day from Geneva to Tehran. */
export const DIGEST_HOUR_UTC = 5;

/** The next digest time strictly after `now`. */
export function nextDigestAt(now: Date): Date {
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), DIGEST_HOUR_UTC));
  return at.getTime() > now.getTime() ? at : new Date(at.getTime() + 86_400_000);
}
