import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';
import { processNotifications } from '../src/notifications/processor.ts';

describe.each(ENGINES)('incidents, replies and findings on %s', (engine) => {
  let ts: TestServer;
  let orgs: Record<string, string>;
  let secretariat: Client;
  const guarantors: Record<string, Client> = {};
  let accused: Client;
  let third: Client;
  let reportA: string;
  let reportB: string;
  let incidentId: string;

  const report = (over: Record<string, unknown> = {}) => ({
    occurredAt: '2017-02-03T21:10:00Z',
    timePrecision: 'exact',
    location: { lat: 35.9306, lon: 36.6339, geoPrecision: 'place', placeName: 'Idlib city' },
    sealLocation: false,
    typeCode: 'shelling',
    allegedPerpetrator: { kind: 'party', organisationId: orgs['Northern Dawn'] },
    affectedSide: { kind: 'party', organisationId: orgs.Government },
    casualties: { killedCivilian: 0, killedCombatant: 1, injuredCivilian: 0, injuredCombatant: 3 },
    description: 'Mortar fire on a checkpoint at the eastern entrance of Idlib.',
    language: 'en',
    sources: [],
    evidence: [],
    ...over,
  });

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    secretariat = await ts.signedIn(demo('secretariat', 'officer'));
    orgs = Object.fromEntries(((await secretariat.get('/api/organisations')).body as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]));
    for (const g of ['russia', 'turkey', 'iran']) guarantors[g] = await ts.signedIn(demo(g, 'officer'));
    accused = await ts.signedIn(demo('north-dawn', 'officer'));
    third = await ts.signedIn(demo('orontes', 'officer'));
    const gov = await ts.signedIn(demo('government', 'officer'));
    reportA = (await gov.post('/api/reports', report())).body.id;
    reportB = (await guarantors.russia.post('/api/reports', report({ occurredAt: '2017-02-03T21:35:00Z', location: { lat: 35.9331, lon: 36.6368, geoPrecision: 'exact' }, typeCode: 'air-strike' }))).body.id;
  });
  afterAll(() => ts.close());

  it('groups reports of one event on a person’s confirmation, proposing the incident with its reasons', async () => {
    expect((await secretariat.get(`/api/reports/${reportA}/grouping`)).body).toEqual({ currentIncident: null, proposals: [] });
    const created = await secretariat.post('/api/incidents', { reportIds: [reportA] });
    expect(created.status).toBe(201);
    incidentId = created.body.id;
    expect(created.body.allegedPartyIds).toEqual([orgs['Northern Dawn']]);

    const proposal = (await secretariat.get(`/api/reports/${reportB}/grouping`)).body;
    expect(proposal.proposals).toHaveLength(1);
    expect(proposal.proposals[0]).toMatchObject({ incidentId, viaReport: reportA, sameType: false });
    expect(proposal.proposals[0].kmApart).toBeLessThan(1);
    expect(proposal.proposals[0].reasons.join(' ')).toMatch(/compatible types/);

    const added = await secretariat.post(`/api/incidents/${incidentId}/reports`, { reportId: reportB, version: 1 });
    expect(added.status).toBe(200);
    expect(added.body.reports.map((r: { id: string }) => r.id).sort()).toEqual([reportA, reportB].sort());
    expect((await secretariat.post('/api/incidents', { reportIds: [reportB] })).status).toBe(409);
    expect((await accused.post('/api/incidents', { reportIds: [reportB] })).status).toBe(403);
  });

  it('notifies the accused party in the app that it may reply, and by when', async () => {
    await processNotifications(ts.server.ctx);
    const mine = (await accused.get('/api/notifications')).body.notifications as { id: string; kind: string; subject: { incident: string }; details: { replyDeadline: string } }[];
    const notice = mine.find((n) => n.kind === 'reply.requested' && n.subject.incident === incidentId)!;
    expect(notice).toBeDefined();
    expect(Date.parse(notice.details.replyDeadline)).toBeGreaterThan(Date.now() + 71 * 3_600_000);
    expect(((await third.get('/api/notifications')).body.notifications as unknown[]).length).toBe(0);
    expect((await accused.post(`/api/notifications/${notice.id}/read`)).status).toBe(204);
    expect((await accused.get('/api/notifications?unread=true')).body.notifications).toEqual([]);
    expect((await third.post(`/api/notifications/${notice.id}/read`)).status).toBe(404);
  });

  it('lets the accused party reply before the deadline, and no one else', async () => {
    const before = (await accused.get(`/api/incidents/${incidentId}`)).body;
    expect(before.replies).toEqual([{ partyId: orgs['Northern Dawn'], state: 'due', repliedAt: null }]);
    expect((await third.get(`/api/incidents/${incidentId}`)).status).toBe(404);
    expect((await third.post(`/api/incidents/${incidentId}/replies`, { text: 'Not us either.' })).status).toBe(404);
    const gov = await ts.signedIn(demo('government', 'officer'));
    expect((await gov.post(`/api/incidents/${incidentId}/replies`, { text: 'We are the victims here.' })).status).toBe(403);

    const replied = await accused.post(`/api/incidents/${incidentId}/replies`, { text: 'Our positions returned fire after being targeted first from the checkpoint.', evidence: [] });
    expect(replied.status).toBe(201);
    expect(replied.body.replies[0].state).toBe('replied');
    expect(replied.body.timeline.map((t: { kind: string }) => t.kind)).toEqual(['report', 'report', 'reply']);
  });

  it('keeps a disagreement visible under consensus, then adopts the finding when all three agree', async () => {
    const assessment = (attribution: Record<string, unknown>) => ({ verification: 'corroborated', attribution, reasoning: 'Crater analysis and two independent witnesses.' });
    expect((await guarantors.russia.post(`/api/incidents/${incidentId}/assessments`, assessment({ kind: 'alleged' }))).body.decision).toEqual({ status: 'pending', missing: [orgs.Türkiye, orgs.Iran].sort() });
    await guarantors.turkey.post(`/api/incidents/${incidentId}/assessments`, assessment({ kind: 'alleged' }));
    const split = (await guarantors.iran.post(`/api/incidents/${incidentId}/assessments`, assessment({ kind: 'undetermined' }))).body;
    expect(split.decision.status).toBe('disagreement');
    expect(split.decision.positions.map((p: { guarantors: string[] }) => p.guarantors.length)).toEqual([2, 1]);
    expect(split.finding).toBeNull();
    expect((await third.get(`/api/incidents/${incidentId}`)).status).toBe(404);

    const agreed = (await guarantors.iran.post(`/api/incidents/${incidentId}/assessments`, assessment({ kind: 'alleged' }))).body;
    expect(agreed.finding).toMatchObject({ finding: { verification: 'corroborated', attribution: { kind: 'alleged' } }, round: 1 });
    expect(agreed.finding.basis).toHaveLength(3);
    expect(agreed.assessments).toHaveLength(4);

    await processNotifications(ts.server.ctx);
    const govNotices = (await (await ts.signedIn(demo('government', 'viewer'))).get('/api/notifications')).body.notifications as { kind: string }[];
    expect(govNotices.map((n) => n.kind)).toContain('finding.adopted');

    // An adopted finding is visible to every party.
    expect((await third.get(`/api/incidents/${incidentId}`)).status).toBe(200);
    expect((await secretariat.post(`/api/incidents/${incidentId}/assessments`, assessment({ kind: 'alleged' }))).status).toBe(403);
  });

  it('reopens a finding with a reason and keeps its history', async () => {
    const { version } = (await secretariat.get(`/api/incidents/${incidentId}`)).body;
    const reopened = await secretariat.post(`/api/incidents/${incidentId}/reopen`, { reason: 'New video evidence submitted by the facilitator.', version });
    expect(reopened.status).toBe(200);
    expect(reopened.body.finding).toBeNull();
    expect(reopened.body.round).toBe(2);
    expect(reopened.body.findingHistory[0]).toMatchObject({ round: 1, reopenReason: 'New video evidence submitted by the facilitator.' });
    expect(reopened.body.decision).toMatchObject({ status: 'pending' });
    expect((await secretariat.post(`/api/incidents/${incidentId}/reopen`, { reason: 'again', version: reopened.body.version })).body.code).toBe('no_finding');
  });

  it('adopts by majority when the mechanism says so', async () => {
    const admin = await ts.signedIn(demo('secretariat', 'admin'));
    const m = (await admin.get('/api/mechanism')).body;
    await admin.patch('/api/mechanism', { decisionRule: 'majority', version: m.version });
    const two = { verification: 'not-corroborated', attribution: { kind: 'undetermined' }, reasoning: 'The video predates the ceasefire.' };
    await guarantors.russia.post(`/api/incidents/${incidentId}/assessments`, two);
    const adopted = (await guarantors.turkey.post(`/api/incidents/${incidentId}/assessments`, two)).body;
    expect(adopted.finding).toMatchObject({ round: 2, finding: { verification: 'not-corroborated', attribution: null } });
    const after = (await admin.get('/api/mechanism')).body;
    await admin.patch('/api/mechanism', { decisionRule: 'consensus', version: after.version });
  });

  it('marks "no reply" after the deadline and refuses a late reply', async () => {
    const gov = await ts.signedIn(demo('government', 'officer'));
    const late = (await gov.post('/api/reports', report({ occurredAt: '2017-03-01T04:00:00Z', allegedPerpetrator: { kind: 'party', organisationId: orgs['Orontes Front'] } }))).body.id;
    const incident = (await secretariat.post('/api/incidents', { reportIds: [late] })).body;
    await sql`update incidents set reply_deadline = now() - interval '1 hour' where id = ${incident.id}`.execute(ts.server.ctx.db);
    const seen = (await third.get(`/api/incidents/${incident.id}`)).body;
    expect(seen.replies).toEqual([{ partyId: orgs['Orontes Front'], state: 'no-reply', repliedAt: null }]);
    const refused = await third.post(`/api/incidents/${incident.id}/replies`, { text: 'We were not there.' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('deadline_passed');

    // Split the report off, then merge the emptied incident into the first one.
    const split = await secretariat.post(`/api/incidents/${incident.id}/split`, { reportId: late, version: incident.version });
    expect(split.body.reports).toEqual([]);
    const other = (await secretariat.post('/api/incidents', { reportIds: [late] })).body;
    const main = (await secretariat.get(`/api/incidents/${incidentId}`)).body;
    const merged = await secretariat.post(`/api/incidents/${incidentId}/merge`, { incidentId: other.id, version: main.version });
    expect(merged.body.reports).toHaveLength(3);
    expect((await secretariat.get(`/api/incidents/${other.id}`)).body.mergedInto).toBe(incidentId);
  });

  it('writes every step to the log', async () => {
    const admin = await ts.signedIn(demo('secretariat', 'admin'));
    const types = ((await admin.get('/api/log/entries?limit=300')).body.entries as { entry: { type: string } }[]).map((e) => e.entry.type);
    for (const t of ['incident.created', 'incident.report_added', 'incident.replied', 'incident.assessed', 'finding.adopted', 'finding.reopened', 'incident.report_removed', 'incident.merged']) {
      expect(types, t).toContain(t);
    }
  });
});
