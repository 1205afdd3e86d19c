import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';
import { processNotifications } from '../src/notifications/processor.ts';
import { reportBody } from './report-body.ts';

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

  const report = (over: Record<string, unknown> = {}) =>
    reportBody(orgs, {
      occurredAt: '2017-02-03T21:10:00Z',
      location: { lat: 35.9306, lon: 36.6339, geoPrecision: 'place', placeName: 'Idlib city' },
      affectedSide: { kind: 'party', organisationId: orgs.Government },
      casualties: { killedCivilian: 0, killedCombatant: 1, injuredCivilian: 0, injuredCombatant: 3 },
      description: 'Mortar fire on a checkpoint at the eastern entrance of Idlib.',
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
    reportB = (
      await guarantors.russia.post(
        '/api/reports',
        report({ occurredAt: '2017-02-03T21:35:00Z', location: { lat: 35.9331, lon: 36.6368, geoPrecision: 'exact' }, typeCode: 'air-strike' }),
      )
    ).body.id;
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
    const mine = (await accused.get('/api/notifications')).body.notifications as {
      id: string;
      kind: string;
      subject: { incident: string };
      details: { replyDeadline: string };
    }[];
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

    const replied = await accused.post(`/api/incidents/${incidentId}/replies`, {
      text: 'Our positions returned fire after being targeted first from the checkpoint.',
      evidence: [],
    });
    expect(replied.status).toBe(201);
    expect(replied.body.replies[0].state).toBe('replied');
    expect(replied.body.timeline.map((t: { kind: string }) => t.kind)).toEqual(['report', 'report', 'reply']);
  });

  it('keeps a disagreement visible under consensus, then adopts the finding when all three agree', async () => {
    const assessment = (attribution: Record<string, unknown>) => ({
      verification: 'corroborated',
      attribution,
      reasoning: 'Crater analysis and two independent witnesses.',
    });
    expect((await guarantors.russia.post(`/api/incidents/${incidentId}/assessments`, assessment({ kind: 'alleged' }))).body.decision).toEqual({
      status: 'pending',
      missing: [orgs.Türkiye, orgs.Iran].sort(),
    });
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
    // The secretariat hears of the reply and of the finding; each notice names the incident.
    const ofSecretariat = (await secretariat.get('/api/notifications')).body.notifications as any[];
    const about = ofSecretariat.filter((n) => n.subject.incident === incidentId);
    expect(about.map((n) => n.kind)).toEqual(expect.arrayContaining(['finding.adopted', 'reply.received']));
    expect(about.find((n) => n.kind === 'reply.received').details.partyId).toBe(orgs['Northern Dawn']);
    for (const n of about) {
      expect(n.details.incident.typeCodes.length).toBeGreaterThan(0);
      expect(n.details.incident.occurredAt).toMatch(/^2017-/);
      expect(n.details.incident.adm1).toMatch(/^SY\d\d$/);
      expect(n.details.incident.allegedPartyIds).toContain(orgs['Northern Dawn']);
    }
    // A party that replied is not told of its own reply, and a third party hears of neither.
    expect(((await third.get('/api/notifications')).body.notifications as any[]).some((n) => n.subject.incident === incidentId)).toBe(false);

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
    const late = (
      await gov.post(
        '/api/reports',
        report({ occurredAt: '2017-03-01T04:00:00Z', allegedPerpetrator: { kind: 'party', organisationId: orgs['Orontes Front'] } }),
      )
    ).body.id;
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
    for (const t of [
      'incident.created',
      'incident.report_added',
      'incident.replied',
      'incident.assessed',
      'finding.adopted',
      'finding.reopened',
      'incident.report_removed',
      'incident.merged',
    ]) {
      expect(types, t).toContain(t);
    }
  });
});

describe.each(ENGINES)('the incident list, filtered and paged in the database, on %s', (engine) => {
  let ts: TestServer;
  let orgs: Record<string, string>;
  let secretariat: Client;
  const inc: Record<string, string> = {};
  const readers: Record<string, Client> = {};

  const report = (over: Record<string, unknown> = {}) =>
    reportBody(orgs, {
      occurredAt: '2017-02-10T06:40:00Z',
      location: { lat: 35.1318, lon: 36.7578, geoPrecision: 'place', placeName: 'Hama' },
      affectedSide: { kind: 'party', organisationId: orgs.Government },
      casualties: { killedCivilian: 1, killedCombatant: 0, injuredCivilian: 4, injuredCombatant: 0 },
      description: 'Artillery rounds landed near the market in the western quarter.',
      ...over,
    });
  const accusing = (party: string, over: Record<string, unknown> = {}) =>
    report({ allegedPerpetrator: { kind: 'party', organisationId: orgs[party] }, ...over });
  const hitting = (party: string) => ({ affectedSide: { kind: 'party', organisationId: orgs[party] } });
  const ids = (res: { status: number; body: { incidents: { id: string }[] } }) => {
    expect(res.status).toBe(200);
    return res.body.incidents.map((i) => i.id);
  };

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    secretariat = await ts.signedIn(demo('secretariat', 'officer'));
    orgs = Object.fromEntries(((await secretariat.get('/api/organisations')).body as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]));
    const gov = await ts.signedIn(demo('government', 'officer'));
    const dawn = await ts.signedIn(demo('north-dawn', 'officer'));
    const russia = await ts.signedIn(demo('russia', 'officer'));

    // A field monitor, not in the demo: admitted with one officer.
    const admin = await ts.signedIn(demo('secretariat', 'admin'));
    const monitorOrg = (await admin.post('/api/organisations', { name: 'Field Monitors (list test)', kind: 'monitor' })).body;
    const made = await admin.post('/api/users', {
      name: 'Monitor officer',
      email: 'officer@list-monitors.example',
      organisationId: monitorOrg.id,
      role: 'officer',
    });
    const monitor = ts.client();
    await monitor.post('/api/session', { email: 'officer@list-monitors.example', password: made.body.temporaryPassword });
    await monitor.post('/api/account/password', { currentPassword: made.body.temporaryPassword, newPassword: 'Monitor-officer-password-1' });

    const file = async (by: Client, body: Record<string, unknown>) => {
      const res = await by.post('/api/reports', body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const group = async (...reportIds: string[]) => (await secretariat.post('/api/incidents', { reportIds })).body as { id: string; version: number };

    // Oldest first: each incident is created after the one before.
    inc.dawnShelling = (await group(await file(gov, accusing('Northern Dawn')))).id;
    inc.orontesStrike = (await group(await file(gov, accusing('Orontes Front', { typeCode: 'air-strike' })))).id;
    inc.twoAccused = (await group(await file(russia, accusing('Northern Dawn', hitting('Southern Union'))), await file(gov, accusing('Orontes Front')))).id;
    inc.govAccused = (await group(await file(dawn, accusing('Government', hitting('Northern Dawn'))))).id;
    inc.byMonitor = (await group(await file(monitor, accusing('Northern Dawn', { typeCode: 'air-strike' })))).id;
    // Emptied: its only report split off (and into an incident merged away, which no list shows).
    const lone = await file(gov, accusing('Southern Union'));
    const emptied = await group(lone);
    await secretariat.post(`/api/incidents/${emptied.id}/split`, { reportId: lone, version: emptied.version });
    inc.emptied = emptied.id;
    const merged = await group(lone);
    const target = (await secretariat.get(`/api/incidents/${inc.orontesStrike}`)).body;
    expect((await secretariat.post(`/api/incidents/${inc.orontesStrike}/merge`, { incidentId: merged.id, version: target.version })).status).toBe(200);
    inc.merged = merged.id;

    // Findings adopted by the three guarantors: one corroborated, one not.
    const guarantors = await Promise.all(['russia', 'turkey', 'iran'].map((g) => ts.signedIn(demo(g, 'officer'))));
    for (const [id, verification] of [
      [inc.dawnShelling, 'corroborated'],
      [inc.govAccused, 'not-corroborated'],
    ]) {
      // A finding waits for the accused party's reply or its deadline (fair process): the deadline has passed.
      await sql`update incidents set reply_deadline = now() - interval '1 minute' where id = ${id}`.execute(ts.server.ctx.db);
      for (const g of guarantors)
        await g.post(`/api/incidents/${id}/assessments`, {
          verification,
          attribution: { kind: 'alleged' },
          reasoning: 'Crater analysis, two witnesses and the timing.',
        });
      expect((await secretariat.get(`/api/incidents/${id}`)).body.finding.finding.verification).toBe(verification);
    }

    for (const [key, email] of Object.entries({
      secretariat: demo('secretariat', 'viewer'),
      guarantor: demo('turkey', 'viewer'),
      observer: demo('osesgs', 'viewer'),
      dawn: demo('north-dawn', 'viewer'),
      orontes: demo('orontes', 'viewer'),
      union: demo('southern-union', 'viewer'),
      government: demo('government', 'viewer'),
    }))
      readers[key] = await ts.signedIn(email);
    readers.monitor = monitor;
  });
  afterAll(() => ts.close());

  const newestFirst = () => ['byMonitor', 'govAccused', 'twoAccused', 'orontesStrike', 'dawnShelling'];

  it('lists for each reader exactly the incidents the policy lets it open, newest first', async () => {
    const live = ['emptied', ...newestFirst()].map((k) => inc[k]);
    const expected: Record<string, string[]> = {
      secretariat: live,
      guarantor: live,
      observer: live,
      // Accused, hit or filed, and every adopted finding.
      dawn: ['byMonitor', 'govAccused', 'twoAccused', 'dawnShelling'].map((k) => inc[k]),
      orontes: ['govAccused', 'twoAccused', 'orontesStrike', 'dawnShelling'].map((k) => inc[k]),
      // Southern Union: hit in one, accused by the report merged into another.
      union: ['govAccused', 'twoAccused', 'orontesStrike', 'dawnShelling'].map((k) => inc[k]),
      government: newestFirst().map((k) => inc[k]),
      monitor: [inc.byMonitor],
    };
    for (const [who, client] of Object.entries(readers)) {
      const listed = ids(await client.get('/api/incidents'));
      expect(listed, who).toEqual(expected[who]);
      // The same as asking for each incident: the list and the policy agree.
      const openable = [];
      for (const id of [...live, inc.merged]) if ((await client.get(`/api/incidents/${id}`)).status === 200) openable.push(id);
      expect(listed.toSorted(), who).toEqual(openable.filter((id) => id !== inc.merged).toSorted());
    }
    expect((await (await ts.signedIn(demo('facilitator', 'viewer'))).get('/api/incidents')).status).toBe(403);

    const [summary] = (await readers.dawn.get('/api/incidents?limit=1')).body.incidents;
    expect(summary).toEqual({
      id: inc.byMonitor,
      createdAt: expect.any(String),
      firstOccurredAt: '2017-02-10T06:40:00.000Z',
      typeCodes: ['air-strike'],
      reportCount: 1,
      allegedPartyIds: [orgs['Northern Dawn']],
      replyDeadline: expect.any(String),
      finding: null,
    });
  });

  it('filters by finding, alleged party and type, within the reader’s scope', async () => {
    const ofSecretariat = async (q: string) => ids(await readers.secretariat.get(`/api/incidents?${q}`));
    expect(await ofSecretariat('finding=corroborated')).toEqual([inc.dawnShelling]);
    expect(await ofSecretariat('finding=not-corroborated')).toEqual([inc.govAccused]);
    expect(await ofSecretariat('finding=inadmissible')).toEqual([]);
    expect(await ofSecretariat('finding=none')).toEqual([inc.emptied, inc.byMonitor, inc.twoAccused, inc.orontesStrike]);
    expect(await ofSecretariat(`allegedParty=${orgs['Northern Dawn']}`)).toEqual([inc.byMonitor, inc.twoAccused, inc.dawnShelling]);
    // The merged incident's report now counts for the incident it was merged into.
    expect(await ofSecretariat(`allegedParty=${orgs['Southern Union']}`)).toEqual([inc.orontesStrike]);
    expect(await ofSecretariat('type=air-strike')).toEqual([inc.byMonitor, inc.orontesStrike]);
    expect(await ofSecretariat(`type=shelling&allegedParty=${orgs['Orontes Front']}`)).toEqual([inc.twoAccused, inc.orontesStrike]);
    expect(await ofSecretariat(`type=shelling&allegedParty=${orgs['Orontes Front']}&finding=none&limit=1`)).toEqual([inc.twoAccused]);

    // A party's filters narrow what it may see, never widen it.
    expect(ids(await readers.orontes.get('/api/incidents?finding=none'))).toEqual([inc.twoAccused, inc.orontesStrike]);
    expect(ids(await readers.union.get(`/api/incidents?allegedParty=${orgs['Orontes Front']}`))).toEqual([inc.twoAccused, inc.orontesStrike]);
    expect(ids(await readers.monitor.get(`/api/incidents?allegedParty=${orgs['Orontes Front']}`))).toEqual([]);
    expect(ids(await readers.monitor.get('/api/incidents?finding=corroborated'))).toEqual([]);

    for (const bad of ['finding=maybe', 'allegedParty=north', 'type=', 'limit=0', 'before=yesterday', 'order=asc']) {
      const res = await readers.secretariat.get(`/api/incidents?${bad}`);
      expect(res.status, bad).toBe(400);
    }
  });

  it('pages with a cursor that stays stable when incidents share a creation time', async () => {
    // Three incidents created in the same microsecond: the id breaks the tie.
    await sql`update incidents set created_at = '2017-02-11 09:30:00.123456+00' where id in (${inc.twoAccused}, ${inc.govAccused}, ${inc.orontesStrike})`.execute(
      ts.server.ctx.db,
    );
    for (const [who, client] of Object.entries(readers)) {
      const all = ids(await client.get('/api/incidents'));
      const paged: string[] = [];
      let before = '';
      for (let page = 0; page < 10; page++) {
        const got = ids(await client.get(`/api/incidents?limit=2${before ? `&before=${before}` : ''}`));
        paged.push(...got);
        if (got.length < 2) break;
        before = got[got.length - 1];
      }
      expect(paged, who).toEqual(all);
    }
    const all = ids(await readers.secretariat.get('/api/incidents'));
    const tied = [inc.twoAccused, inc.govAccused, inc.orontesStrike].toSorted().toReversed();
    expect(all.filter((id) => tied.includes(id))).toEqual(tied);
    expect(all.indexOf(tied[0]) + 2).toBe(all.indexOf(tied[2]));
    // A cursor with filters, and one that names no incident.
    const union = ids(await readers.secretariat.get(`/api/incidents?finding=none&before=${all[0]}`));
    expect(union).toEqual(all.slice(1).filter((id) => ![inc.dawnShelling, inc.govAccused].includes(id)));
    const unknown = await readers.secretariat.get('/api/incidents?before=0190c0de-0000-7000-8000-000000000000');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('/query/before');
  });

  it('says how many incidents match, and its `next` cursor reaches each of them once', async () => {
    for (const [who, client] of Object.entries(readers)) {
      const all = (await client.get('/api/incidents')).body as { incidents: { id: string }[]; total: number; next: string | null };
      expect(all.total, who).toBe(all.incidents.length);
      expect(all.next, who).toBeNull();
      const paged: string[] = [];
      let next: string | null = null;
      do {
        const page = await client.get(`/api/incidents?limit=2${next ? `&before=${next}` : ''}`);
        expect(page.body.total, who).toBe(all.total);
        paged.push(...ids(page));
        next = page.body.next;
      } while (next);
      expect(paged, who).toEqual(all.incidents.map((i) => i.id));
    }
    const filtered = (await readers.secretariat.get(`/api/incidents?allegedParty=${orgs['Northern Dawn']}&limit=1`)).body;
    expect(filtered.total).toBe(3);
    expect(filtered.incidents).toHaveLength(1);
    expect(filtered.next).toBe(filtered.incidents[0].id);
  });

  it('filters by the right of reply: open while no finding stands and the deadline is ahead', async () => {
    const list = async (q: string) => (await readers.secretariat.get(`/api/incidents?${q}`)).body.incidents as any[];
    const [all, open, closed] = await Promise.all([list(''), list('reply=open'), list('reply=closed')]);
    expect(open.length + closed.length).toBe(all.length);
    expect(new Set([...open, ...closed].map((i) => i.id))).toEqual(new Set(all.map((i) => i.id)));
    for (const i of open) {
      expect(i.finding).toBeNull();
      expect(Date.parse(i.replyDeadline)).toBeGreaterThan(Date.now());
    }
    for (const i of closed)
      expect(
        i.finding !== null ||
          Date.parse(i.replyDeadline) <= Date.now() ||
          (await readers.secretariat.get(`/api/incidents/${i.id}`)).body.replyPeriod.closedBy === 'ended-early',
      ).toBe(true);
    expect((await readers.secretariat.get('/api/incidents?reply=maybe')).status).toBe(400);
    // The export takes the same filter.
    const exported = (await readers.secretariat.get('/api/exports/incidents?format=json&reply=open')).body.incidents as { id: string }[];
    expect(exported.map((i) => i.id)).toEqual(open.map((i) => i.id));
  });
});
