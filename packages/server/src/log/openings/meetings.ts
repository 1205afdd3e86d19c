import { notFound } from '../../errors/index.ts';
import { viewMeeting } from '../../meetings/index.ts';
import type { OpeningRule } from './rule.ts';

/** A decision's text and persons: to those the meeting view shows the decision to (a party only the decisions that concern it or are shared). */
const decision: OpeningRule = async (ctx, auth, entry, fields) => {
  const meeting = await viewMeeting(ctx.db, auth, entry.subject.meeting ?? '');
  const served = meeting.decisions.find((d) => d.id === entry.subject.decision);
  if (!served) throw notFound('There is no such decision.');
  return new Map(fields.map((f) => [f, f === 'text' || f === 'persons' ? true : 'not given out']));
};

export const meetingRules: Record<string, OpeningRule> = {
  'meeting.decision_recorded': decision,
  'meeting.decision_changed': decision,
  'meeting.decision_approved': decision,
};
