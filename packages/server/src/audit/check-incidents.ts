import type { AuditCheck } from './check.ts';
import { compareWithEntry, differs } from './compare.ts';
import { entriesOfTypes, indexBy, type LoggedEntry } from './entries.ts';
import type { Mismatch } from './mismatch.ts';

/**
 * Incidents (C3): each reply (its text against the commitment, its evidence and party),
 * each guarantor's assessment (verification, attribution and round in the open, the
 * reasoning committed, the guarantor), each finding (what was adopted, on which basis,
 * and a reopening's reason), and which reports each incident holds, replayed from the
 * entries that grouped them.
 */
export const incidentsCheck: AuditCheck = {
  name: 'incidents',
  async run({ db }, found) {
    const replies = indexBy(await entriesOfTypes(db, ['incident.replied']), (e) => e.subject.reply);
    let nReplies = 0;
    for (const r of await db.selectFrom('incident_replies').select(['id', 'incident_id', 'party_id', 'text', 'evidence']).execute()) {
      nReplies++;
      const entry = replies.get(r.id);
      found(compareWithEntry('reply', r.id, entry, { data: { evidence: r.evidence }, sealed: { text: r.text }, organisation: r.party_id }));
      if (entry) found(differs('reply', r.id, 'incident_id', r.incident_id, entry.subject.incident, entry.idx));
      replies.delete(r.id);
    }
    found(gone('reply', replies));

    const assessments = indexBy(await entriesOfTypes(db, ['incident.assessed']), (e) => e.subject.assessment);
    let nAssessments = 0;
    for (const a of await db
      .selectFrom('incident_assessments')
      .select(['id', 'incident_id', 'round', 'guarantor_id', 'verification', 'attribution', 'reasoning'])
      .execute()) {
      nAssessments++;
      const entry = assessments.get(a.id);
      found(
        compareWithEntry('assessment', a.id, entry, {
          data: { round: a.round, verification: a.verification, attribution: a.attribution },
          sealed: { reasoning: a.reasoning },
          organisation: a.guarantor_id,
        }),
      );
      if (entry) found(differs('assessment', a.id, 'incident_id', a.incident_id, entry.subject.incident, entry.idx));
      assessments.delete(a.id);
    }
    found(gone('assessment', assessments));

    const adopted = indexBy(await entriesOfTypes(db, ['finding.adopted']), (e) => `${e.subject.incident}/${e.data.round}`);
    const reopened = indexBy(await entriesOfTypes(db, ['finding.reopened']), (e) => `${e.subject.incident}/${e.data.round}`);
    let nFindings = 0;
    for (const f of await db.selectFrom('incident_findings').select(['incident_id', 'round', 'finding', 'basis', 'reopened_at', 'reopen_reason']).execute()) {
      nFindings++;
      const key = `${f.incident_id}/${f.round}`;
      found(compareWithEntry('finding', key, adopted.get(key), { data: { round: f.round, finding: f.finding, basis: f.basis } }));
      adopted.delete(key);
      const reopening = reopened.get(key);
      if (reopening || f.reopened_at !== null) {
        found(compareWithEntry('finding', key, reopening, { data: { round: f.round, reason: f.reopen_reason } }));
        if (reopening && f.reopened_at === null)
          found([
            {
              kind: 'finding',
              id: key,
              field: 'reopened_at',
              logIndex: reopening.idx,
              message: `the finding is served as standing, but log entry ${reopening.idx} reopened it`,
            },
          ]);
      }
    }
    found(gone('finding', adopted));

    return { reply: nReplies, assessment: nAssessments, finding: nFindings, incident: await membership(db, found) };
  },
};

/** Entries left over once every stored row took its own: the log recorded items no longer stored. */
function gone(kind: string, left: Map<string, LoggedEntry>): Mismatch[] {
  return [...left].map(([id, e]) => ({ kind, id, field: '*', logIndex: e.idx, message: `log entry ${e.idx} recorded this ${kind}, but it is not stored` }));
}

/** Which reports each incident holds, replayed from the log in order, against the stored grouping. */
async function membership(db: Parameters<AuditCheck['run']>[0]['db'], found: (m: Mismatch[]) => void): Promise<number> {
  const entries = (await entriesOfTypes(db, ['incident.created', 'incident.report_added', 'incident.report_removed', 'incident.merged'])).sort(
    (a, b) => a.id - b.id,
  );
  const members = new Map<string, Set<string>>();
  const last = new Map<string, number | null>();
  const of = (id: string) => members.get(id) ?? members.set(id, new Set()).get(id)!;
  for (const e of entries) {
    const incident = e.subject.incident;
    last.set(incident, e.idx);
    if (e.type === 'incident.created') for (const r of (e.data.reports as string[]) ?? []) of(incident).add(r);
    if (e.type === 'incident.report_added') of(incident).add(e.subject.report);
    if (e.type === 'incident.report_removed') of(incident).delete(e.subject.report);
    if (e.type === 'incident.merged') {
      for (const r of (e.data.reports as string[]) ?? []) {
        of(e.subject.merged).delete(r);
        of(incident).add(r);
      }
      last.set(e.subject.merged, e.idx);
    }
  }
  const rows = await db.selectFrom('incident_reports').select(['incident_id', 'report_id']).where('removed_at', 'is', null).execute();
  const stored = new Map<string, Set<string>>();
  for (const r of rows) (stored.get(r.incident_id) ?? stored.set(r.incident_id, new Set()).get(r.incident_id)!).add(r.report_id);
  const incidents = await db.selectFrom('incidents').select('id').execute();
  for (const { id } of incidents) {
    const want = [...(members.get(id) ?? [])].sort();
    const have = [...(stored.get(id) ?? [])].sort();
    if (!members.has(id)) found(compareWithEntry('incident', id, undefined, {}));
    else found(differs('incident', id, 'reports', have, want, last.get(id) ?? null));
  }
  return incidents.length;
}
