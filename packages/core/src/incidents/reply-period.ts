/**
 * The right of reply (C3) as a period: it is open while an accused party has not replied,
 * the deadline has not passed and the secretariat has not ended it (with a recorded
 * reason). No finding is adopted while it is open, so that no party can say it was
 * judged before it was heard.
 */
export interface ReplyPeriodFacts {
  allegedPartyIds: readonly string[];
  repliedPartyIds: readonly string[];
  deadline: Date | string;
  /** When the secretariat ended the period early, if it did. */
  endedAt: Date | string | null;
}

export interface ReplyPeriod {
  open: boolean;
  /** Accused parties that have not replied (whether or not the period is still open). */
  awaitedPartyIds: string[];
  /** Why the period is over: every accused party replied, the deadline passed, or the secretariat ended it. */
  closedBy: 'replies' | 'deadline' | 'ended-early' | null;
}

export function replyPeriod(facts: ReplyPeriodFacts, now: number): ReplyPeriod {
  const awaitedPartyIds = facts.allegedPartyIds.filter((p) => !facts.repliedPartyIds.includes(p));
  if (awaitedPartyIds.length === 0) return { open: false, awaitedPartyIds, closedBy: 'replies' };
  if (facts.endedAt !== null) return { open: false, awaitedPartyIds, closedBy: 'ended-early' };
  if (new Date(facts.deadline).getTime() <= now) return { open: false, awaitedPartyIds, closedBy: 'deadline' };
  return { open: true, awaitedPartyIds, closedBy: null };
}
