import { replyPeriod } from '@truce/core/incidents/reply-period';

/**
 * The reply period of an incident as its stored rows describe it: the parties its member
 * reports accuse, the parties that replied, the deadline and an early end. One place for
 * adoption, the early end and the incident's view to read it the same way.
 */
export function replyPeriodOf(
  incident: { reply_deadline: Date | string; reply_period_ended_at: Date | string | null },
  reports: readonly { alleged_party: string | null }[],
  replies: readonly { party_id: string }[],
  now = Date.now(),
) {
  return replyPeriod(
    {
      allegedPartyIds: [...new Set(reports.map((r) => r.alleged_party).filter((p): p is string => p !== null))],
      repliedPartyIds: replies.map((r) => r.party_id),
      deadline: incident.reply_deadline,
      endedAt: incident.reply_period_ended_at,
    },
    now,
  );
}
