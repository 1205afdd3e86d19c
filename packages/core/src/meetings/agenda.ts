/**
 * The agenda a meeting is proposed (C7): what is pending in the mechanism, ranked. The
 * group meets to unblock work, so what only the guarantors in the room can settle comes
 * first — findings they disagree on, exchanges waiting for them or due at this meeting —
 * then what is late: action items past their date, replies past their deadline, and last
 * incidents still waiting for a finding, oldest first. Each thing appears once, under the
 * most urgent of its reasons; the others stay listed beside it.
 */

/** Why something is proposed, most urgent first. */
export const AGENDA_REASONS = [
  'finding-disputed',
  'exchange-execution',
  'exchange-endorsement',
  'exchange-approval',
  'action-overdue',
  'action-due',
  'reply-overdue',
  'finding-awaited',
] as const;
export type AgendaReason = (typeof AGENDA_REASONS)[number];

/** What an agenda item is about. */
export type AgendaLink = { kind: 'incident'; incidentId: string } | { kind: 'exchange'; exchangeId: string } | { kind: 'action-item'; actionItemId: string };

/** One pending thing, as the store finds it. */
export interface PendingItem {
  link: AgendaLink;
  reason: AgendaReason;
  /** Since when it has been pending (ISO time): the incident's creation, the exchange's last step, the item's due date. */
  since: string;
  /** A deadline, when it has one (reply deadline, due date). */
  due?: string | null;
}

export interface ProposedItem {
  link: AgendaLink;
  /** The most urgent reason. */
  reason: AgendaReason;
  /** Every reason it is pending for, most urgent first. */
  reasons: AgendaReason[];
  since: string;
  due: string | null;
  /** Whole days it has been pending (or overdue) at the meeting. */
  days: number;
}

const DAY = 86_400_000;

export function linkKey(link: AgendaLink): string {
  return link.kind === 'incident'
    ? `incident:${link.incidentId}`
    : link.kind === 'exchange'
      ? `exchange:${link.exchangeId}`
      : `action-item:${link.actionItemId}`;
}

const rankOf = (reason: AgendaReason) => AGENDA_REASONS.indexOf(reason);

/**
 * Ranks the pending items for a meeting at `meetingAt`: one entry per linked thing,
 * by its most urgent reason, then the longest waiting (for overdue items, the most overdue)
 * first; ties by link for a stable order. `exclude` holds the link keys already on the
 * agenda; at most `limit` items are returned.
 */
export function proposeAgenda(pending: readonly PendingItem[], options: { meetingAt: Date; limit?: number; exclude?: ReadonlySet<string> }): ProposedItem[] {
  const at = options.meetingAt.getTime();
  const byLink = new Map<string, PendingItem[]>();
  for (const item of pending) {
    const key = linkKey(item.link);
    if (options.exclude?.has(key)) continue;
    const list = byLink.get(key) ?? [];
    list.push(item);
    byLink.set(key, list);
  }
  const out: (ProposedItem & { key: string })[] = [];
  for (const [key, items] of byLink) {
    items.sort((a, b) => rankOf(a.reason) - rankOf(b.reason));
    const top = items[0];
    const from = top.due && (top.reason === 'action-overdue' || top.reason === 'reply-overdue') ? top.due : top.since;
    const days = Math.max(0, Math.floor((at - new Date(from).getTime()) / DAY));
    const reasons = [...new Set(items.map((i) => i.reason))];
    out.push({ key, link: top.link, reason: top.reason, reasons, since: top.since, due: top.due ?? null, days });
  }
  out.sort((a, b) => rankOf(a.reason) - rankOf(b.reason) || b.days - a.days || a.key.localeCompare(b.key));
  return out.slice(0, options.limit ?? out.length).map(({ key: _key, ...item }) => item);
}

/** Is an action item due by the meeting, or already overdue (due before the meeting's day)? */
export function actionItemReason(dueOn: string, meetingAt: Date): AgendaReason | null {
  const meetingDay = meetingAt.toISOString().slice(0, 10);
  if (dueOn < meetingDay) return 'action-overdue';
  if (dueOn === meetingDay) return 'action-due';
  return null;
}

/** The reason an exchange waits on the mechanism, from its state; null when it does not. */
export function exchangeReason(status: string): AgendaReason | null {
  switch (status) {
    case 'proposed':
      return 'exchange-approval';
    case 'approved':
      return 'exchange-endorsement';
    case 'endorsed':
      return 'exchange-execution';
    default:
      return null;
  }
}
