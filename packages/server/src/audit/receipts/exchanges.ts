import { compare, enc, laterEntries, opens, sealed, type Check, type Checker } from './common.ts';

interface ExchangeView {
  id: string;
  title: string;
  mode: string;
  partyA: string;
  partyB: string;
  status: string;
  proposedOrg: string;
  persons: Array<{ listId: string; ref: string; releasingParty: string; outcome: string; outcomeNote: string }>;
  approvals: Array<{ organisationId: string; kind: 'approval' | 'endorsement' }>;
  guarantors: Array<{ id: string; endorsed: boolean }>;
}

const view = async (c: Check) => (await c.api.json(`/api/exchanges/${enc(c.entry.subject?.exchange ?? '')}`)) as ExchangeView;
const byListAndRef = <T extends { list: string; ref: string }>(xs: T[]) =>
  [...xs].sort((a, b) => (a.list + a.ref < b.list + b.ref ? -1 : a.list + a.ref > b.list + b.ref ? 1 : 0));

/** A proposal: mode, parties, how many each side releases, and the title and persons against their commitments (persons are never added or removed later). */
const proposed: Checker = async (c) => {
  const x = await view(c);
  const item = `exchange ${x.id}`;
  const data = c.entry.data ?? {};
  compare(c, item, 'mode', data.mode, x.mode);
  compare(c, item, 'parties', data.parties, [x.partyA, x.partyB]);
  const releasedBy: Record<string, number> = {};
  for (const p of x.persons) releasedBy[p.releasingParty] = (releasedBy[p.releasingParty] ?? 0) + 1;
  compare(c, item, 'releasedBy', data.releasedBy, releasedBy);
  if (c.entry.actor) compare(c, item, 'proposedOrg', c.entry.actor.organisation, x.proposedOrg);
  sealed(c, item, 'title', x.title);
  sealed(c, item, 'persons', byListAndRef(x.persons.map((p) => ({ list: p.listId, ref: p.ref }))));
};

/** A party's approval or a guarantor's endorsement: kept once given, so it must still be served, by the organisation that gave it. */
const approval =
  (kind: 'approval' | 'endorsement', who: 'party' | 'guarantor'): Checker =>
  async (c) => {
    const x = await view(c);
    const org = String(c.entry.data?.[who] ?? '');
    const item = `exchange ${x.id} ${kind} of ${org}`;
    if (c.entry.actor) compare(c, item, 'organisation', c.entry.actor.organisation, org);
    if (!x.approvals.some((a) => a.kind === kind && a.organisationId === org)) c.diverges(item, '*', `the ${kind} the entry recorded is not served`);
    if (kind === 'approval' && c.entry.data?.approvedByBoth) {
      const both = [x.partyA, x.partyB].every((p) => x.approvals.some((a) => a.kind === 'approval' && a.organisationId === p));
      if (!both) c.diverges(`exchange ${x.id}`, 'approvals', 'the entry recorded both parties as having approved; the server serves fewer');
    }
    if (kind === 'endorsement' && c.entry.data?.endorsedByAll && !x.guarantors.every((g) => g.endorsed))
      c.diverges(`exchange ${x.id}`, 'endorsements', 'the entry recorded every guarantor as having endorsed; the server serves fewer');
  };

/**
 * A release recorded on the day: the person (found by opening the sealed ref among the
 * exchange's persons of that list), its outcome and note. A person released is later
 * confirmed (or not): a later outcome entry for the same person is said, not diverged.
 */
const outcome: Checker = async (c) => {
  const x = await view(c);
  const list = c.entry.subject?.list ?? '';
  if (!c.salts.has('ref')) return c.note(`exchange ${x.id}: the person released is not disclosed to you`);
  const person = x.persons.find((p) => p.listId === list && opens(c.entry, c.salts, 'ref', p.ref));
  if (!person) return c.diverges(`exchange ${x.id} list ${list}`, 'persons', 'the person whose outcome the entry recorded is not served in this exchange');
  const item = `exchange ${x.id} person ${list}/${person.ref}`;
  if (c.entry.data?.completed && x.status !== 'completed') c.diverges(`exchange ${x.id}`, 'status', `recorded "completed", served ${JSON.stringify(x.status)}`);
  const later = (await laterEntries(c, 'exchange', x.id, ['exchange.outcome']))
    .filter((l) => l.entry.subject?.list === list && opens(l.entry, l.salts, 'ref', person.ref))
    .at(-1);
  if (later) return c.note(`${item}: a later outcome (entry ${later.index}) replaced this one`);
  compare(c, item, 'outcome', c.entry.data?.outcome, person.outcome);
  sealed(c, item, 'note', person.outcomeNote || undefined);
};

export const exchangeCheckers: Record<string, Checker> = {
  'exchange.proposed': proposed,
  'exchange.approved': approval('approval', 'party'),
  'exchange.endorsed': approval('endorsement', 'guarantor'),
  'exchange.outcome': outcome,
};
