import { describe, expect, it } from 'vitest';
import { can } from '@truce/core/policy/policy';
import type { Actor } from '@truce/core/model/accounts';
import { shortId, subjectParts, type LinkContext } from './subjectLinks.ts';

const SECRETARIAT = '0190f7a2-1111-7000-8000-000000000001';
const GOVERNMENT = '0190f7a2-1111-7000-8000-000000000002';
const NORTHERN_DAWN = '0190f7a2-1111-7000-8000-000000000003';
const REPORT = '0190f7a2-2222-7000-8000-00000000aaaa';
const INCIDENT = '0190f7a2-3333-7000-8000-00000000bbbb';
const MEETING = '0190f7a2-4444-7000-8000-00000000cccc';
const DECISION = '0190f7a2-5555-7000-8000-00000000dddd';
const LIST = '0190f7a2-6666-7000-8000-00000000eeee';

/** The same policy the server enforces, for a reader of this kind. */
const reader = (orgId: string, orgKind: Actor['orgKind']): LinkContext => {
  const actor: Actor = { userId: 'u', orgId, orgKind, role: 'officer' };
  return { orgId, can: (action, resource) => can(actor, action, resource) };
};
const hrefs = (parts: { kind: string; href: string | null }[]) => Object.fromEntries(parts.map((p) => [p.kind, p.href]));

describe('what an entry concerns, as links the reader may follow', () => {
  const secretariat = reader(SECRETARIAT, 'secretariat');
  const government = reader(GOVERNMENT, 'party');
  const northernDawn = reader(NORTHERN_DAWN, 'party');

  it('links every report, incident and meeting for the secretariat', () => {
    const added = { type: 'incident.report_added', actor: { organisation: SECRETARIAT }, subject: { incident: INCIDENT, report: REPORT } };
    expect(hrefs(subjectParts(added, secretariat))).toEqual({ incident: `/incidents/${INCIDENT}`, report: `/reports/${REPORT}` });
    const decision = { type: 'meeting.decision_adopted', actor: null, subject: { meeting: MEETING, decision: DECISION } };
    expect(hrefs(subjectParts(decision, secretariat))).toEqual({ meeting: `/meetings/${MEETING}`, decision: `/meetings/${MEETING}` });
  });

  it('links for a party only what the entry shows is its own, and names the rest plainly', () => {
    const filed = { type: 'report.filed', actor: { organisation: GOVERNMENT }, subject: { report: REPORT } };
    expect(hrefs(subjectParts(filed, government))).toEqual({ report: `/reports/${REPORT}` });
    // Another party's report, incident and meeting: the entry does not show that they concern it.
    expect(hrefs(subjectParts(filed, northernDawn))).toEqual({ report: null });
    const added = { type: 'incident.report_added', actor: { organisation: SECRETARIAT }, subject: { incident: INCIDENT, report: REPORT } };
    expect(hrefs(subjectParts(added, government))).toEqual({ incident: null, report: null });
    expect(hrefs(subjectParts({ type: 'meeting.scheduled', actor: { organisation: SECRETARIAT }, subject: { meeting: MEETING } }, government))).toEqual({
      meeting: null,
    });
    // The accused party replied: the incident concerns it.
    const replied = { type: 'incident.replied', actor: { organisation: NORTHERN_DAWN }, subject: { incident: INCIDENT, reply: REPORT } };
    expect(hrefs(subjectParts(replied, northernDawn))).toEqual({ incident: `/incidents/${INCIDENT}`, reply: null });
    const list = { type: 'detainees.list.version', actor: { organisation: GOVERNMENT }, subject: { list: LIST } };
    expect(hrefs(subjectParts(list, government))).toEqual({ list: `/detainees/lists/${LIST}` });
    expect(hrefs(subjectParts(list, northernDawn))).toEqual({ list: null });
  });

  it('puts nothing that is not an id into a path, and shortens ids', () => {
    const odd = { type: 'report.filed', actor: { organisation: SECRETARIAT }, subject: { report: '../admin/users' } };
    expect(hrefs(subjectParts(odd, secretariat))).toEqual({ report: null });
    expect(shortId(REPORT)).toBe('…0000aaaa');
    expect(shortId('syria-ceasefire-demo')).toBe('syria-ceasefire-demo');
  });
});
