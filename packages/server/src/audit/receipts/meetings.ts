import { compare, enc, laterEntries, sealed, type Check, type Checker } from './common.ts';

interface DecisionView {
  id: string;
  number: number;
  text: string;
  proposedBy: string | null;
  shared: boolean;
  incidentIds: string[];
  exchangeIds: string[];
  partyIds: string[];
  persons: Array<Record<string, unknown>>;
  approvals: Array<{ organisationId: string; logIndex: number | null }>;
}

async function decisionOf(c: Check): Promise<DecisionView | undefined> {
  const meeting = (await c.api.json(`/api/meetings/${enc(c.entry.subject?.meeting ?? '')}`)) as { decisions: DecisionView[] };
  return meeting.decisions.find((d) => d.id === c.entry.subject?.decision);
}

// The entry's public fields and the view's names for them.
const LINKS = [
  ['incidents', 'incidentIds'],
  ['exchanges', 'exchangeIds'],
  ['parties', 'partyIds'],
  ['shared', 'shared'],
] as const;

/**
 * A decision recorded or changed: number, who proposed it, its links and sharing, and its
 * text and persons against their commitments. A field a later change set again (before
 * any approval) is said to have been changed, not compared.
 */
const decision: Checker = async (c) => {
  const id = c.entry.subject?.decision ?? '';
  const item = `decision ${id}`;
  const served = await decisionOf(c);
  if (!served) return c.diverges(`${item} of meeting ${c.entry.subject?.meeting}`, '*', 'not served');
  const data = c.entry.data ?? {};
  const later = await laterEntries(c, 'decision', id, ['meeting.decision_changed']);
  const changedLater = (field: string) => later.find((l) => l.entry.data?.[field] !== undefined || l.entry.commitments?.[field] !== undefined);
  compare(c, item, 'number', data.number, served.number);
  if (c.entry.type === 'meeting.decision_recorded') compare(c, item, 'proposedBy', data.proposedBy ?? null, served.proposedBy);
  for (const [field, key] of LINKS) {
    if (data[field] === undefined) continue;
    const by = changedLater(field);
    if (by) c.note(`${item} field ${key}: changed later by entry ${by.index}`);
    else compare(c, item, key, data[field], served[key]);
  }
  // What the view adds to each named person (the party keeping its list); the rest is what was named.
  const persons = served.persons.map(({ partyId: _p, ...rest }) => rest);
  for (const [field, value] of [
    ['text', served.text],
    ['persons', persons],
  ] as const) {
    if (c.entry.commitments?.[field] === undefined) continue;
    const by = changedLater(field);
    if (by) c.note(`${item} field ${field}: changed later by entry ${by.index}`);
    else sealed(c, item, field, value);
  }
};

/** A guarantor's approval: served with the index of the entry that gave it, by the guarantor it names. */
const approved: Checker = async (c) => {
  const id = c.entry.subject?.decision ?? '';
  const served = await decisionOf(c);
  if (!served) return c.diverges(`decision ${id} of meeting ${c.entry.subject?.meeting}`, '*', 'not served');
  const item = `decision ${id} approval of ${c.entry.data?.guarantor}`;
  compare(c, `decision ${id}`, 'number', c.entry.data?.number, served.number);
  const approval = served.approvals.find((a) => a.logIndex === c.index);
  if (!approval) return c.diverges(item, '*', `the approval entry ${c.index} recorded is not served`);
  compare(c, item, 'organisationId', c.entry.data?.guarantor, approval.organisationId);
  if (c.entry.actor) compare(c, item, 'actor', c.entry.actor.organisation, approval.organisationId);
};

export const meetingCheckers: Record<string, Checker> = {
  'meeting.decision_recorded': decision,
  'meeting.decision_changed': decision,
  'meeting.decision_approved': approved,
};
