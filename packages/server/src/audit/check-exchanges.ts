import type { AuditCheck } from './check.ts';
import { miss, opens } from './check-detainees.ts';
import { compareWithEntry, differs } from './compare.ts';
import { entriesOfTypes, type LoggedEntry } from './entries.ts';

const PAGE = 500;
const TYPES = ['exchange.proposed', 'exchange.approved', 'exchange.endorsed', 'exchange.scheduled', 'exchange.outcome', 'exchange.withdrawn'];

/**
 * An exchange as its entries make it (exchanges/, meetings/actions.ts and
 * meetings.ts): every entry after the proposal is one step of `version`; status, date and
 * meeting are those the latest entry that set them left. Each field keeps that entry.
 */
function replay(entries: LoggedEntry[], proposed: LoggedEntry) {
  const s = { status: 'proposed', meetingDate: (proposed.data.meetingDate ?? null) as unknown, meetingId: null as unknown, version: 1 };
  const at = { status: proposed, meeting: proposed, version: proposed };
  const versionAt = new Map<number, number>();
  for (const e of entries) {
    if (e.type === 'exchange.proposed') continue;
    versionAt.set(e.id, s.version++);
    at.version = e;
    const set = (status: string) => ((s.status = status), (at.status = e));
    if (e.type === 'exchange.approved') set(e.data.approvedByBoth ? 'approved' : 'proposed');
    else if (e.type === 'exchange.endorsed') set(e.data.endorsedByAll ? 'endorsed' : 'approved');
    else if (e.type === 'exchange.outcome') set(e.data.completed ? 'completed' : 'endorsed');
    else if (e.type === 'exchange.withdrawn') set('withdrawn');
    else if (e.type === 'exchange.scheduled') (s.meetingDate = e.data.meetingDate ?? null), (s.meetingId = e.data.meetingId ?? null), (at.meeting = e);
  }
  return { s, at, versionAt };
}

type PersonRow = {
  exchange_id: string;
  list_id: string;
  ref: string;
  releasing_party: string;
  outcome: string;
  outcome_note: string;
  outcome_by: string | null;
  row_id: string | null;
};

/**
 * The orders the proposal may have committed its persons in: all-for-all and by-category
 * take both held lists by row id (party A's first); a list proposal keeps the order the
 * request named them in, which is not stored, so ref orders are tried too. Any order that
 * opens proves the set; none opening is counted, not named, when the order is unknown.
 */
function personOrders(persons: PersonRow[], partyA: string) {
  const side = (p: PersonRow) => (p.releasing_party === partyA ? 0 : 1);
  const byRef = (a: PersonRow, b: PersonRow) => (a.list_id + a.ref < b.list_id + b.ref ? -1 : a.list_id + a.ref > b.list_id + b.ref ? 1 : 0);
  const orders = [
    [...persons].sort((a, b) => side(a) - side(b) || Number(a.row_id ?? Infinity) - Number(b.row_id ?? Infinity)),
    [...persons].sort((a, b) => side(a) - side(b) || byRef(a, b)),
    [...persons].sort(byRef),
  ];
  return orders.map((o) => o.map((p) => ({ list: p.list_id, ref: p.ref })));
}

/**
 * Exchanges (C6): each exchange's row against its proposal and the steps after it, each
 * person's outcome against the latest `exchange.outcome` entry that opens to its ref (or
 * "pending" when none), and each party's approval and guarantor's endorsement against the
 * entry that gave it.
 */
export const exchangesCheck: AuditCheck = {
  name: 'exchanges',
  async run({ db }, found) {
    const byExchange = new Map<string, LoggedEntry[]>();
    for (const e of await entriesOfTypes(db, TYPES)) byExchange.set(e.subject.exchange, [...(byExchange.get(e.subject.exchange) ?? []), e]);
    const counts = { exchange: 0, exchange_person: 0, exchange_approval: 0, exchange_persons_unopened: 0 };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const exchanges = await db.selectFrom('exchanges').selectAll().where('id', '>', after).orderBy('id').limit(PAGE).execute();
      if (exchanges.length === 0) break;
      after = exchanges[exchanges.length - 1].id;
      const ids = exchanges.map((x) => x.id);
      const persons: PersonRow[] = await db
        .selectFrom('exchange_persons as x')
        .leftJoin('detainee_persons as p', (j) => j.onRef('p.list_id', '=', 'x.list_id').onRef('p.ref', '=', 'x.ref').on('p.to_version', 'is', null))
        .select(['x.exchange_id', 'x.list_id', 'x.ref', 'x.releasing_party', 'x.outcome', 'x.outcome_note', 'x.outcome_by', 'p.id as row_id'])
        .where('x.exchange_id', 'in', ids)
        .execute();
      const approvals = await db.selectFrom('exchange_approvals').selectAll().where('exchange_id', 'in', ids).execute();
      for (const x of exchanges) {
        counts.exchange++;
        const entries = byExchange.get(x.id) ?? [];
        byExchange.delete(x.id);
        const own = persons.filter((p) => p.exchange_id === x.id);
        const proposed = entries.find((e) => e.type === 'exchange.proposed');
        const releasedBy: Record<string, number> = {};
        for (const p of own) releasedBy[p.releasing_party] = (releasedBy[p.releasing_party] ?? 0) + 1;
        found(
          compareWithEntry('exchange', x.id, proposed, {
            data: { mode: x.mode, parties: [x.party_a, x.party_b], releasedBy },
            sealed: { title: x.title },
            organisation: x.proposed_org,
          }),
        );
        if (!proposed) continue;
        const { s, at, versionAt } = replay(entries, proposed);
        found(differs('exchange', x.id, 'proposed_by', x.proposed_by, proposed.actor?.user, proposed.idx));
        found(differs('exchange', x.id, 'status', x.status, s.status, at.status.idx));
        found(differs('exchange', x.id, 'meeting_date', x.meeting_date, s.meetingDate, at.meeting.idx));
        found(differs('exchange', x.id, 'meeting_id', x.meeting_id, s.meetingId, at.meeting.idx));
        found(differs('exchange', x.id, 'version', x.version, s.version, at.version.idx));
        // Proposals that say so committed their persons in list-then-ref order: that order alone is right.
        const inListRefOrder = proposed.data.personsOrder === 'list-ref';
        const orders = personOrders(own, x.party_a);
        const canOpen = (inListRefOrder ? orders.slice(2) : orders).map((order) => opens(proposed, 'persons', order));
        if (canOpen[0] === undefined)
          found(miss('exchange', x.id, 'persons', proposed.idx, `log entry ${proposed.idx} holds no commitment to persons that can be opened`));
        else if (!canOpen.includes(true) && inListRefOrder)
          found(
            miss('exchange', x.id, 'persons', proposed.idx, `the persons stored for this exchange do not match the commitment in log entry ${proposed.idx}`),
          );
        else if (!canOpen.includes(true)) counts.exchange_persons_unopened++;

        // Each outcome entry belongs to the person of its list whose ref it opens; the last one counts.
        const latest = new Map<PersonRow, LoggedEntry>();
        for (const e of entries.filter((y) => y.type === 'exchange.outcome')) {
          const person = own.find((p) => p.list_id === e.subject.list && opens(e, 'ref', p.ref));
          if (person) latest.set(person, e);
          else
            found(
              miss(
                'exchange_person',
                `${x.id}/${e.subject.list}`,
                '*',
                e.idx,
                `log entry ${e.idx} recorded an outcome for a person of this exchange who is not stored`,
              ),
            );
        }
        for (const p of own) {
          counts.exchange_person++;
          const id = `${x.id}/${p.list_id}/${p.ref}`;
          const e = latest.get(p);
          if (e) {
            found(compareWithEntry('exchange_person', id, e, { data: { outcome: p.outcome }, sealed: { note: p.outcome_note || undefined } }));
            found(differs('exchange_person', id, 'outcome_by', p.outcome_by, e.actor?.user, e.idx));
          } else {
            // No outcome recorded: the person is as the proposal named them, pending.
            found(differs('exchange_person', id, 'outcome', p.outcome, 'pending', proposed.idx));
            found(differs('exchange_person', id, 'outcome_note', p.outcome_note, '', proposed.idx));
            found(differs('exchange_person', id, 'outcome_by', p.outcome_by, null, proposed.idx));
          }
        }

        // The first approval (or endorsement) an organisation gave is the one stored (insert … do nothing).
        const given = new Map<string, LoggedEntry>();
        for (const e of entries) {
          const key =
            e.type === 'exchange.approved' ? `approval/${e.data.party}` : e.type === 'exchange.endorsed' ? `endorsement/${e.data.guarantor}` : undefined;
          if (key && !given.has(key)) given.set(key, e);
        }
        for (const a of approvals.filter((y) => y.exchange_id === x.id)) {
          counts.exchange_approval++;
          const id = `${x.id}/${a.kind}/${a.organisation_id}`;
          const e = given.get(`${a.kind}/${a.organisation_id}`);
          given.delete(`${a.kind}/${a.organisation_id}`);
          found(compareWithEntry('exchange_approval', id, e, { organisation: a.organisation_id }));
          if (!e) continue;
          found(differs('exchange_approval', id, 'user_id', a.user_id, e.actor?.user, e.idx));
          found(differs('exchange_approval', id, 'exchange_version', a.exchange_version, versionAt.get(e.id), e.idx));
        }
        for (const [key, e] of given)
          found(miss('exchange_approval', `${x.id}/${key}`, '*', e.idx, `log entry ${e.idx} recorded this ${key.split('/')[0]}, but it is not stored`));
      }
      if (exchanges.length < PAGE) break;
    }
    for (const [id, entries] of byExchange)
      found(miss('exchange', id, '*', entries[0].idx, `log entry ${entries[0].idx} recorded this exchange, but it is not stored`));
    return counts;
  },
};
