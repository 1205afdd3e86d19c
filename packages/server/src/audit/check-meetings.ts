import type { AuditCheck } from './check.ts';
import { miss } from './check-detainees.ts';
import { compareWithEntry, differs } from './compare.ts';
import { entriesOfTypes, type LoggedEntry } from './entries.ts';

const PAGE = 1000;
const TYPES = ['meeting.decision_recorded', 'meeting.decision_changed', 'meeting.decision_approved', 'meeting.decision_adopted', 'meeting.decision_withdrawn'];

/** The latest entry (recording or change) that set a field: public ones in data, text and persons sealed. */
function lastSetting(entries: LoggedEntry[], has: (e: LoggedEntry) => boolean): LoggedEntry | undefined {
  return entries.filter((e) => (e.type === 'meeting.decision_recorded' || e.type === 'meeting.decision_changed') && has(e)).at(-1);
}

/**
 * Meeting decisions (C7, meetings/decisions.ts): each decision's current text, links,
 * sharing and status against the latest entry that set each of them, and each guarantor's
 * approval row against the entry it names (`log_entry_id`): the decision, the guarantor,
 * the officer and the version approved.
 */
export const meetingsCheck: AuditCheck = {
  name: 'meetings',
  async run({ db }, found) {
    const byDecision = new Map<string, LoggedEntry[]>();
    const approvalEntries = new Map<number, LoggedEntry>();
    for (const e of await entriesOfTypes(db, TYPES)) {
      byDecision.set(e.subject.decision, [...(byDecision.get(e.subject.decision) ?? []), e]);
      if (e.type === 'meeting.decision_approved') approvalEntries.set(e.id, e);
    }
    const counts = { decision: 0, decision_approval: 0 };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const decisions = await db.selectFrom('meeting_decisions').selectAll().where('id', '>', after).orderBy('id').limit(PAGE).execute();
      if (decisions.length === 0) break;
      after = decisions[decisions.length - 1].id;
      const approvals = await db
        .selectFrom('meeting_decision_approvals')
        .selectAll()
        .where(
          'decision_id',
          'in',
          decisions.map((d) => d.id),
        )
        .execute();
      for (const d of decisions) {
        counts.decision++;
        const entries = byDecision.get(d.id) ?? [];
        byDecision.delete(d.id);
        const recorded = entries.find((e) => e.type === 'meeting.decision_recorded');
        found(compareWithEntry('decision', d.id, recorded, { data: { number: d.number, proposedBy: d.proposed_by } }));
        if (!recorded) continue;
        found(differs('decision', d.id, 'recorded_by', d.recorded_by, recorded.actor?.user, recorded.idx));
        found(differs('decision', d.id, 'meeting_id', d.meeting_id, recorded.subject.meeting, recorded.idx));
        found(
          compareWithEntry(
            'decision',
            d.id,
            lastSetting(entries, (e) => e.commitments.text !== undefined),
            { sealed: { text: d.text } },
          ),
        );
        // Persons are committed only when named (a recording with none commits to nothing).
        const persons = lastSetting(entries, (e) => e.commitments.persons !== undefined);
        if (persons) found(compareWithEntry('decision', d.id, persons, { sealed: { persons: d.persons } }));
        else found(differs('decision', d.id, 'persons', d.persons, [], recorded.idx));
        for (const [column, field] of [
          ['incident_ids', 'incidents'],
          ['exchange_ids', 'exchanges'],
          ['party_ids', 'parties'],
          ['shared', 'shared'],
        ] as const) {
          const e = lastSetting(entries, (y) => y.data[field] !== undefined)!;
          found(differs('decision', d.id, column, d[column], e.data[field], e.idx));
        }
        const adopted = entries.filter((e) => e.type === 'meeting.decision_adopted').at(-1);
        const withdrawn = entries.filter((e) => e.type === 'meeting.decision_withdrawn').at(-1);
        const status = withdrawn ?? adopted;
        found(differs('decision', d.id, 'status', d.status, withdrawn ? 'withdrawn' : adopted ? 'adopted' : 'proposed', (status ?? recorded).idx));
        if (withdrawn) found(compareWithEntry('decision', d.id, withdrawn, { sealed: { reason: d.withdraw_reason } }));
        else found(differs('decision', d.id, 'withdraw_reason', d.withdraw_reason, '', recorded.idx));

        for (const a of approvals.filter((y) => y.decision_id === d.id)) {
          counts.decision_approval++;
          const id = `${d.id}/${a.organisation_id}`;
          const e = approvalEntries.get(Number(a.log_entry_id));
          approvalEntries.delete(Number(a.log_entry_id));
          if (!e) {
            found(miss('decision_approval', id, 'log_entry_id', null, `log entry ${a.log_entry_id}, which the approval names, is no approval in the log`));
            continue;
          }
          found(differs('decision_approval', id, 'decision_id', a.decision_id, e.subject.decision, e.idx));
          // The guarantor named in the entry and the organisation of its officer are one: either differing is one mismatch.
          if (a.organisation_id !== e.data.guarantor || a.organisation_id !== e.actor?.organisation)
            found(miss('decision_approval', id, 'organisation', e.idx, `the organisation differs from the one log entry ${e.idx} names`));
          found(differs('decision_approval', id, 'user_id', a.user_id, e.actor?.user, e.idx));
          found(differs('decision_approval', id, 'decision_version', a.decision_version, e.data.decisionVersion, e.idx));
        }
      }
      if (decisions.length < PAGE) break;
    }
    for (const [id, entries] of byDecision)
      found(miss('decision', id, '*', entries[0].idx, `log entry ${entries[0].idx} recorded this decision, but it is not stored`));
    for (const e of approvalEntries.values()) {
      if (byDecision.has(e.subject.decision)) continue; // already named with its missing decision
      found(
        miss('decision_approval', `${e.subject.decision}/${e.data.guarantor}`, '*', e.idx, `log entry ${e.idx} recorded this approval, but it is not stored`),
      );
    }
    return counts;
  },
};
