import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';
import { reportBody } from './report-body.ts';

/**
 * Meetings (C7) through HTTP: the secretariat schedules a meeting, the agenda is proposed
 * from what is pending (a disputed finding, an overdue reply, an exchange awaiting
 * approval), attendance is recorded, a decision is adopted once every guarantor present
 * approved it (the absent one not waited for), each approval on the record; action items
 * stay on the owner's home list until it marks them done; releases of an exchange
 * scheduled at the meeting appear in its record; each role sees only its part.
 */
interface Meeting {
  id: string;
  version: number;
  agenda: {
    id: string;
    title: string;
    reason: string | null;
    version: number;
    minutes: string;
    shared: boolean;
    incident: { id: string } | null;
    exchange: { id: string } | null;
  }[];
  decisions: {
    id: string;
    number: number;
    status: string;
    version: number;
    waitingFor: string[];
    canApprove: boolean;
    approvals: { organisationId: string; by: string; at: string; logIndex: number | null }[];
  }[];
  actionItems: { id: string; ownerOrgId: string; status: string; version: number }[];
  participants: { organisationId: string; attendance: string }[];
  releases: { exchange: { id: string; title: string | null }; confirmed: { ref: string }[] | null }[];
}

async function accept(client: Client, listId: string, csv: string) {
  const res = await client.post(`/api/detainee-lists/${listId}/uploads?fileName=list.csv`, undefined, { raw: csv, headers: { 'content-type': 'text/csv' } });
  if (!res.body.ready) throw new Error(`upload not ready: ${res.text}`);
  const done = await client.post(`/api/detainee-uploads/${res.body.id}/accept`);
  if (done.status !== 201) throw new Error(`accept failed: ${done.text}`);
}

describe.each(ENGINES)('meetings on %s', (engine) => {
  let ts: TestServer;
  let orgs: Record<string, string>;
  let secretariat: Client;
  const g: Record<string, Client> = {};
  let gov: Client;
  let dawn: Client;
  let orontes: Client;
  let facilitator: Client;
  let observer: Client;
  let overdueIncident: string;
  let disputedIncident: string;
  let exchangeId: string;
  let meeting: Meeting;

  const report = (over: Record<string, unknown>) =>
    reportBody(orgs, {
      occurredAt: '2017-03-02T04:30:00Z',
      casualties: { killedCivilian: 0, killedCombatant: 0, injuredCivilian: 2, injuredCombatant: 0 },
      ...over,
    });

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    secretariat = await ts.signedIn(demo('secretariat', 'officer'));
    orgs = Object.fromEntries(((await secretariat.get('/api/organisations')).body as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]));
    for (const key of ['russia', 'turkey', 'iran']) g[key] = await ts.signedIn(demo(key, 'officer'));
    gov = await ts.signedIn(demo('government', 'officer'));
    dawn = await ts.signedIn(demo('north-dawn', 'officer'));
    orontes = await ts.signedIn(demo('orontes', 'officer'));
    facilitator = await ts.signedIn(demo('facilitator', 'officer'));
    observer = await ts.signedIn(demo('osesgs', 'viewer'));

    // Shelling of Daraa al-Balad reported by the Government: Northern Dawn never replied.
    const daraa = (
      await gov.post(
        '/api/reports',
        report({
          location: { lat: 32.6189, lon: 36.1021, geoPrecision: 'place', placeName: 'Daraa al-Balad' },
          affectedSide: { kind: 'party', organisationId: orgs.Government },
          description: 'Mortar rounds on the old quarter near the Omari mosque.',
        }),
      )
    ).body.id;
    overdueIncident = (await secretariat.post('/api/incidents', { reportIds: [daraa] })).body.id;
    await sql`update incidents set reply_deadline = now() - interval '2 days' where id = ${overdueIncident}`.execute(ts.server.ctx.db);
    // Sniper fire in al-Waer (Homs) reported by Russia against the Orontes Front: the guarantors disagree.
    const waer = (
      await g.russia.post(
        '/api/reports',
        report({
          typeCode: 'shelling',
          location: { lat: 34.7297, lon: 36.6756, geoPrecision: 'place', placeName: 'al-Waer' },
          allegedPerpetrator: { kind: 'party', organisationId: orgs['Orontes Front'] },
          description: 'Shells fell on the al-Waer crossing as buses waited.',
        }),
      )
    ).body.id;
    disputedIncident = (await secretariat.post('/api/incidents', { reportIds: [waer] })).body.id;
    await orontes.post(`/api/incidents/${disputedIncident}/replies`, { text: 'Our positions were 4 km away; the fire came from the north.' });
    expect(
      (
        await g.russia.post(`/api/incidents/${disputedIncident}/assessments`, {
          verification: 'corroborated',
          attribution: { kind: 'alleged' },
          reasoning: 'Crater analysis points to the south-west.',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await g.turkey.post(`/api/incidents/${disputedIncident}/assessments`, {
          verification: 'not-corroborated',
          attribution: { kind: 'undetermined' },
          reasoning: 'No independent source.',
        })
      ).status,
    ).toBe(201);

    // An all-for-all exchange the facilitator proposes between the Government and Northern Dawn.
    const lists = (await facilitator.get('/api/detainee-lists')).body.lists as { id: string; partyShortName: string; kind: string }[];
    const held = (party: string) => lists.find((l) => l.partyShortName === party && l.kind === 'held')!.id;
    await accept(gov, held('Government'), 'ref,full_name,birth_year,birth_place,category\nGH-1,خالد عمر النابلسي,1979,درعا,civilian\n');
    await accept(dawn, held('Northern Dawn'), 'ref,full_name,birth_year,category\nNH-1,Yaman Fadi al-Masri,1990,combatant\n');
    const ex = await facilitator.post('/api/exchanges', {
      title: 'Exchange at the Hama crossing (test)',
      mode: 'all-for-all',
      partyA: orgs.Government,
      partyB: orgs['Northern Dawn'],
    });
    expect(ex.status, ex.text).toBe(201);
    exchangeId = ex.body.id;
  });
  afterAll(() => ts.close());

  it('lists the demo meetings', async () => {
    const all = (await secretariat.get('/api/meetings')).body.meetings as { title: string; status: string; decisions: { adopted: number } }[];
    expect(all.map((m) => m.status)).toEqual(['scheduled', 'held', 'held']);
    expect(all[1].decisions.adopted).toBeGreaterThanOrEqual(1);
  });

  it('lets the secretariat schedule a meeting, and says which field is wrong', async () => {
    const body = {
      title: 'Joint monitoring group — extraordinary meeting',
      startsAt: '2030-04-10T07:00:00Z',
      venue: 'Astana',
      participants: ['Russia', 'Türkiye', 'Iran', 'Government', 'Northern Dawn', 'Humanitarian Committee'].map((k) => ({
        organisationId: orgs[k],
        delegates: k === 'Government' ? ['د. سامر الخطيب'] : [],
      })),
    };
    expect((await gov.post('/api/meetings', body)).status).toBe(403);
    expect((await (await ts.signedIn(demo('secretariat', 'viewer'))).post('/api/meetings', body)).status).toBe(403);
    const badTime = await secretariat.post('/api/meetings', { ...body, startsAt: 'next Tuesday' });
    expect(badTime.status).toBe(400);
    expect(badTime.body.errors[0].path).toBe('/body/startsAt');
    const badOrg = await secretariat.post('/api/meetings', {
      ...body,
      participants: [...body.participants, { organisationId: '0190c0de-0000-7000-8000-000000000000' }],
    });
    expect(badOrg.status).toBe(400);
    expect(badOrg.body.errors[0].path).toBe('/body/participants/6/organisationId');
    const made = await secretariat.post('/api/meetings', body);
    expect(made.status, made.text).toBe(201);
    meeting = made.body;
    expect(meeting.participants).toHaveLength(6);
  });

  it('proposes an agenda from what is pending, most urgent first', async () => {
    expect((await gov.get(`/api/meetings/${meeting.id}/agenda-proposal`)).status).toBe(403);
    const proposal = (await secretariat.get(`/api/meetings/${meeting.id}/agenda-proposal`)).body.items as {
      reason: string;
      reasons: string[];
      incident?: { id: string };
      exchange?: { id: string; title: string | null };
    }[];
    expect(proposal[0]).toMatchObject({ reason: 'finding-disputed', incident: { id: disputedIncident } });
    const ex = proposal.find((p) => p.exchange?.id === exchangeId)!;
    expect(ex.reason).toBe('exchange-approval');
    // The secretariat does not read exchanges: it gets the parties and counts, not the title.
    expect(ex.exchange!.title).toBeNull();
    const overdue = proposal.find((p) => p.incident?.id === overdueIncident)!;
    expect(overdue.reason).toBe('reply-overdue');
    expect(overdue.reasons).toEqual(['reply-overdue', 'finding-awaited']);
    expect(proposal.indexOf(ex)).toBeLessThan(proposal.indexOf(overdue));
  });

  it('sets the agenda in one save: adds, orders, removes, and refuses a stale version', async () => {
    const items = [
      { title: 'Record of the previous meeting', shared: true },
      { incidentId: disputedIncident, reason: 'finding-disputed' },
      { exchangeId, reason: 'exchange-approval' },
      { incidentId: overdueIncident, reason: 'reply-overdue' },
      { title: 'Any other business' },
    ];
    const twice = await secretariat.request('PUT', `/api/meetings/${meeting.id}/agenda`, {
      version: meeting.version,
      items: [...items, { incidentId: disputedIncident }],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.errors[0].path).toBe('/body/items/5');
    const noTitle = await secretariat.request('PUT', `/api/meetings/${meeting.id}/agenda`, { version: meeting.version, items: [{ shared: true }] });
    expect(noTitle.body.errors[0].path).toBe('/body/items/0/title');
    const set = await secretariat.request('PUT', `/api/meetings/${meeting.id}/agenda`, { version: meeting.version, items });
    expect(set.status, set.text).toBe(200);
    expect((await secretariat.request('PUT', `/api/meetings/${meeting.id}/agenda`, { version: meeting.version, items })).status).toBe(409);
    meeting = set.body;
    expect(meeting.agenda.map((i) => i.reason)).toEqual([null, 'finding-disputed', 'exchange-approval', 'reply-overdue', null]);
    // Remove "any other business" and move the exchange to the top.
    const [record, disputed, exchange, overdue] = meeting.agenda;
    const reordered = await secretariat.request('PUT', `/api/meetings/${meeting.id}/agenda`, {
      version: meeting.version,
      items: [{ id: exchange.id }, { id: record.id }, { id: disputed.id }, { id: overdue.id }],
    });
    meeting = reordered.body;
    expect(meeting.agenda.map((i) => i.id)).toEqual([exchange.id, record.id, disputed.id, overdue.id]);
    // What is on the agenda is no longer proposed.
    const proposal = (await secretariat.get(`/api/meetings/${meeting.id}/agenda-proposal`)).body.items as { incident?: { id: string } }[];
    expect(proposal.some((p) => p.incident?.id === disputedIncident)).toBe(false);
  });

  it('keeps minutes per item, with versions', async () => {
    const item = meeting.agenda.find((i) => i.incident?.id === disputedIncident)!;
    const res = await secretariat.patch(`/api/agenda-items/${item.id}`, {
      version: item.version,
      minutes: 'Russia and Türkiye differ on the origin of the fire; a joint visit to al-Waer is proposed.',
    });
    expect(res.status, res.text).toBe(200);
    expect((await secretariat.patch(`/api/agenda-items/${item.id}`, { version: item.version, minutes: 'Overwritten?' })).status).toBe(409);
    expect((await secretariat.patch(`/api/agenda-items/${item.id}`, { version: item.version + 1, minutes: 7 })).body.errors[0].path).toBe('/body/minutes');
    meeting = res.body;
    expect(meeting.agenda.find((i) => i.id === item.id)!.minutes).toMatch(/joint visit/);
  });

  it('adopts a decision once every guarantor present approved it, each approval on the record', async () => {
    const present = ['Russia', 'Türkiye', 'Government', 'Northern Dawn', 'Humanitarian Committee'].map((k) => ({ organisationId: orgs[k], present: true }));
    const att = await secretariat.request('PUT', `/api/meetings/${meeting.id}/attendance`, {
      version: meeting.version,
      attendance: [...present, { organisationId: orgs.Iran, present: false }],
    });
    expect(att.status, att.text).toBe(200);
    meeting = att.body;
    const decisionBody = {
      text: 'A joint visit of the guarantors to al-Waer (Homs) before the next meeting; the Orontes Front guarantees access.',
      incidentIds: [disputedIncident],
      partyIds: [orgs['Orontes Front']],
      proposedBy: orgs.Russia,
    };
    expect((await gov.post(`/api/meetings/${meeting.id}/decisions`, decisionBody)).status).toBe(403);
    const badLink = await secretariat.post(`/api/meetings/${meeting.id}/decisions`, { ...decisionBody, partyIds: [orgs.Russia] });
    expect(badLink.body.errors[0].path).toBe('/body/partyIds/0');
    const recorded = await secretariat.post(`/api/meetings/${meeting.id}/decisions`, decisionBody);
    expect(recorded.status, recorded.text).toBe(201);
    let decision = recorded.body.decisions[0];
    expect(decision).toMatchObject({ number: 1, status: 'proposed', waitingFor: [orgs.Russia, orgs['Türkiye']].sort() });

    // Not a guarantor, or a guarantor absent: refused.
    expect((await secretariat.post(`/api/decisions/${decision.id}/approve`, { version: decision.version })).status).toBe(403);
    expect((await gov.post(`/api/decisions/${decision.id}/approve`, { version: decision.version })).status).toBe(403);
    expect((await (await ts.signedIn(demo('turkey', 'viewer'))).post(`/api/decisions/${decision.id}/approve`, { version: decision.version })).status).toBe(403);
    const absent = await g.iran.post(`/api/decisions/${decision.id}/approve`, { version: decision.version });
    expect(absent.status).toBe(403);
    expect(absent.body.code).toBe('not_present');

    let res = await g.turkey.post(`/api/decisions/${decision.id}/approve`, { version: decision.version });
    expect(res.status, res.text).toBe(200);
    decision = res.body.decisions[0];
    expect(decision.status).toBe('proposed');
    expect(decision.waitingFor).toEqual([orgs.Russia]);
    const again = await g.turkey.post(`/api/decisions/${decision.id}/approve`, { version: decision.version });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_approved');
    expect((await g.russia.post(`/api/decisions/${decision.id}/approve`, { version: decision.version - 1 })).body.code).toBe('stale_version');
    res = await g.russia.post(`/api/decisions/${decision.id}/approve`, { version: decision.version });
    decision = res.body.decisions[0];
    expect(decision.status).toBe('adopted');
    expect(decision.approvals.map((a: { organisationId: string }) => a.organisationId)).toEqual([orgs['Türkiye'], orgs.Russia]);
    expect(decision.approvals[0].by).toMatch(/Türkiye/);
    expect(decision.approvals.every((a: { at: string; logIndex: number | null }) => a.at && a.logIndex !== null)).toBe(true);
    // Each approval is a log entry made by that guarantor's officer.
    const entry = (await g.iran.get(`/api/log/entries/${decision.approvals[0].logIndex}`)).body;
    expect(JSON.stringify(entry)).toContain('meeting.decision_approved');
    expect(JSON.stringify(entry)).toContain(orgs['Türkiye']);
    const types = ((await g.iran.get('/api/log/entries?limit=40')).body.entries as { entry: { type: string; subject: { decision?: string } } }[])
      .filter((e) => e.entry.subject.decision === decision.id)
      .map((e) => e.entry.type);
    expect(types.filter((t) => t === 'meeting.decision_approved')).toHaveLength(2);
    expect(types).toContain('meeting.decision_adopted');
    // Adopted: no more approvals, no more changes to its text.
    expect((await g.iran.post(`/api/decisions/${decision.id}/approve`, { version: decision.version })).status).toBe(409);
    expect((await secretariat.patch(`/api/decisions/${decision.id}`, { version: decision.version, text: 'Changed after adoption' })).status).toBe(409);
  });

  it('adopts a decision approved by the guarantors present when the last missing one is recorded absent', async () => {
    meeting = (await secretariat.get(`/api/meetings/${meeting.id}`)).body;
    const recorded = (
      await g.turkey.post(`/api/meetings/${meeting.id}/decisions`, { text: 'The guarantors will meet the Humanitarian Committee in Damascus on the exchange.' })
    ).body;
    let decision = recorded.decisions.find((d: { number: number }) => d.number === 2);
    decision = (await g.turkey.post(`/api/decisions/${decision.id}/approve`, { version: decision.version })).body.decisions[1];
    expect(decision.status).toBe('proposed');
    meeting = (await secretariat.get(`/api/meetings/${meeting.id}`)).body;
    const att = await secretariat.request('PUT', `/api/meetings/${meeting.id}/attendance`, {
      version: meeting.version,
      attendance: [{ organisationId: orgs.Russia, present: false }],
    });
    expect(att.body.decisions[1].status).toBe('adopted');
    meeting = att.body;
  });

  it('keeps action items on the owner’s home list until it marks them done', async () => {
    const body = { text: 'Name the liaison officer for the joint visit to al-Waer.', ownerOrgId: orgs.Government, dueOn: '2030-04-20' };
    expect((await secretariat.post(`/api/meetings/${meeting.id}/action-items`, { ...body, dueOn: '20 April' })).body.errors[0].path).toBe('/body/dueOn');
    const made = await secretariat.post(`/api/meetings/${meeting.id}/action-items`, body);
    expect(made.status, made.text).toBe(201);
    const item = made.body.actionItems.find((a: { ownerOrgId: string }) => a.ownerOrgId === orgs.Government);
    const home = (await gov.get('/api/action-items')).body.actionItems as { id: string; canMarkDone: boolean }[];
    expect(home.map((a) => a.id)).toContain(item.id);
    expect(home.find((a) => a.id === item.id)!.canMarkDone).toBe(true);
    expect(((await dawn.get('/api/action-items')).body.actionItems as { id: string }[]).map((a) => a.id)).not.toContain(item.id);
    expect((await dawn.post(`/api/action-items/${item.id}/done`, { version: item.version })).status).toBe(404);
    expect((await (await ts.signedIn(demo('government', 'viewer'))).post(`/api/action-items/${item.id}/done`, { version: item.version })).status).toBe(403);
    expect((await g.russia.post(`/api/action-items/${item.id}/done`, { version: item.version })).status).toBe(403);
    const done = await gov.post(`/api/action-items/${item.id}/done`, { version: item.version, note: 'Colonel Haddad named on 12 April.' });
    expect(done.status, done.text).toBe(200);
    expect((done.body.actionItems as { id: string }[]).map((a) => a.id)).not.toContain(item.id);
    expect((await gov.post(`/api/action-items/${item.id}/done`, { version: item.version + 1 })).body.code).toBe('already_done');
    const history = (await gov.get('/api/action-items?status=done')).body.actionItems as { id: string; doneNote: string }[];
    expect(history.find((a) => a.id === item.id)!.doneNote).toMatch(/Haddad/);
  });

  it('shows each role only its part of the meeting', async () => {
    // Government takes part: it sees the general items and those that concern it, not the al-Waer incident or its decision.
    const seenByGov = (await gov.get(`/api/meetings/${meeting.id}`)).body as Meeting;
    expect(seenByGov.agenda.map((i) => i.incident?.id ?? i.exchange?.id ?? i.title).sort()).toEqual(
      [exchangeId, overdueIncident, 'Record of the previous meeting'].sort(),
    );
    expect(seenByGov.decisions.map((d) => d.number)).toEqual([2]);
    // The Orontes Front is not at the table: it sees the decision that concerns it and what is shared, not the item about it.
    const seenByOrontes = await orontes.get(`/api/meetings/${meeting.id}`);
    expect(seenByOrontes.status).toBe(200);
    expect(seenByOrontes.body.agenda.map((i: { title: string }) => i.title)).toEqual(['Record of the previous meeting']);
    expect(seenByOrontes.body.decisions.map((d: { number: number }) => d.number)).toEqual([1]);
    // Southern Union neither takes part nor is concerned: it sees only what is shared.
    const southern = await ts.signedIn(demo('southern-union', 'officer'));
    const seenBySouthern = (await southern.get(`/api/meetings/${meeting.id}`)).body as Meeting;
    expect(seenBySouthern.agenda.map((i) => i.title)).toEqual(['Record of the previous meeting']);
    expect(seenBySouthern.decisions).toEqual([]);
    // Observers see what is shared with them.
    expect((await observer.get(`/api/meetings/${meeting.id}`)).status).toBe(200); // the record of the previous meeting is shared
    const seenByObserver = (await observer.get(`/api/meetings/${meeting.id}`)).body as Meeting;
    expect(seenByObserver.agenda.map((i) => i.title)).toEqual(['Record of the previous meeting']);
    expect(seenByObserver.decisions).toEqual([]);
    const decision = (await secretariat.get(`/api/meetings/${meeting.id}`)).body.decisions[0];
    await secretariat.patch(`/api/decisions/${decision.id}`, { version: decision.version, shared: true });
    expect(((await observer.get(`/api/meetings/${meeting.id}`)).body as Meeting).decisions.map((d) => d.number)).toEqual([1]);
    // The guarantors see everything.
    const seenByIran = (await g.iran.get(`/api/meetings/${meeting.id}`)).body as Meeting;
    expect(seenByIran.agenda).toHaveLength(4);
    expect(seenByIran.decisions).toHaveLength(2);
  });

  it('shows the releases confirmed in an exchange scheduled at the meeting', async () => {
    let ex = (await facilitator.get(`/api/exchanges/${exchangeId}`)).body;
    ex = (await gov.post(`/api/exchanges/${exchangeId}/approve`, { version: ex.version })).body;
    ex = (await dawn.post(`/api/exchanges/${exchangeId}/approve`, { version: ex.version })).body;
    for (const key of ['russia', 'turkey', 'iran']) ex = (await g[key].post(`/api/exchanges/${exchangeId}/endorse`, { version: ex.version })).body;
    expect(ex.status).toBe('endorsed');
    // The facilitator may schedule it at a meeting too; an unknown meeting is named as the bad field.
    const unknown = await facilitator.request('PUT', `/api/exchanges/${exchangeId}/meeting`, {
      version: ex.version,
      meetingDate: null,
      meetingId: '0190c0de-0000-7000-8000-000000000000',
    });
    expect(unknown.body.errors[0].path).toBe('/body/meetingId');
    ex = (await facilitator.request('PUT', `/api/exchanges/${exchangeId}/meeting`, { version: ex.version, meetingDate: null, meetingId: meeting.id })).body;
    expect([ex.meetingId, ex.meetingDate]).toEqual([meeting.id, '2030-04-10']);
    // Moving the meeting moves the exchange with it.
    meeting = (await secretariat.get(`/api/meetings/${meeting.id}`)).body;
    meeting = (await secretariat.patch(`/api/meetings/${meeting.id}`, { version: meeting.version, startsAt: '2030-04-11T07:00:00Z' })).body;
    expect((await facilitator.get(`/api/exchanges/${exchangeId}`)).body.meetingDate).toBe('2030-04-11');
    meeting = (await secretariat.patch(`/api/meetings/${meeting.id}`, { version: meeting.version, startsAt: '2030-04-10T07:00:00Z' })).body;
    expect(
      (await secretariat.post(`/api/meetings/${meeting.id}/exchanges`, { version: meeting.version, exchangeId: '0190c0de-0000-7000-8000-000000000000' })).body
        .errors[0].path,
    ).toBe('/body/exchangeId');
    const scheduled = await secretariat.post(`/api/meetings/${meeting.id}/exchanges`, { version: meeting.version, exchangeId });
    expect(scheduled.status, scheduled.text).toBe(200);
    ex = (await facilitator.get(`/api/exchanges/${exchangeId}`)).body;
    expect(ex.meetingId).toBe(meeting.id);
    expect(ex.meetingDate).toBe('2030-04-10');
    for (const p of ex.persons) {
      const res = await facilitator.post(`/api/exchanges/${exchangeId}/outcomes`, {
        listId: p.listId,
        ref: p.ref,
        outcome: 'confirmed',
        identityChecked: true,
        voluntary: true,
      });
      expect(res.status, res.text).toBe(200);
    }
    const seenByGov = (await gov.get(`/api/meetings/${meeting.id}`)).body as Meeting;
    expect(seenByGov.releases).toHaveLength(1);
    expect(seenByGov.releases[0].exchange.title).toBe('Exchange at the Hama crossing (test)');
    expect(seenByGov.releases[0].confirmed!.map((r) => r.ref).sort()).toEqual(['GH-1', 'NH-1']);
    // The secretariat, which reads no exchange, sees that it took place and the counts, not the persons.
    const seenBySecretariat = (await secretariat.get(`/api/meetings/${meeting.id}`)).body as Meeting & {
      releases: { exchange: { counts: { outcome: string; count: number }[] } }[];
    };
    expect(seenBySecretariat.releases[0].confirmed).toBeNull();
    expect(seenBySecretariat.releases[0].exchange.counts.filter((c) => c.outcome === 'confirmed').reduce((s, c) => s + c.count, 0)).toBe(2);
    expect((await orontes.get(`/api/meetings/${meeting.id}`)).body.releases).toEqual([]);
  });

  it('lets only those who may read a detainee list name its persons in a decision', async () => {
    const lists = (await facilitator.get('/api/detainee-lists')).body.lists as { id: string; partyShortName: string; kind: string }[];
    const govHeld = lists.find((l) => l.partyShortName === 'Government' && l.kind === 'held')!.id;
    const body = {
      text: 'The guarantors ask the Humanitarian Committee to visit the person released at the Hama crossing within a month.',
      persons: [{ listId: govHeld, ref: 'GH-1' }],
    };
    // The secretariat reads no list: a decision must not tell it who is on one.
    expect((await secretariat.post(`/api/meetings/${meeting.id}/decisions`, body)).status).toBe(403);
    const unknown = await g.iran.post(`/api/meetings/${meeting.id}/decisions`, { ...body, persons: [{ listId: govHeld, ref: 'GH-404' }] });
    expect(unknown.body.errors[0].path).toBe('/body/persons/0/ref');
    const made = await g.iran.post(`/api/meetings/${meeting.id}/decisions`, body);
    expect(made.status, made.text).toBe(201);
    const decision = made.body.decisions.at(-1);
    expect(decision.persons).toEqual([{ listId: govHeld, ref: 'GH-1', partyId: orgs.Government }]);
    // It concerns the Government, whose list it is, and not the Orontes Front.
    expect(((await gov.get(`/api/meetings/${meeting.id}`)).body as Meeting).decisions.map((d) => d.number)).toContain(decision.number);
    expect(((await orontes.get(`/api/meetings/${meeting.id}`)).body as Meeting).decisions.map((d) => d.number)).not.toContain(decision.number);
  });

  it('cancels a meeting only with a reason, and then refuses changes', async () => {
    const other = (
      await secretariat.post('/api/meetings', {
        title: 'Meeting in Damascus',
        startsAt: '2030-05-01T08:00:00Z',
        venue: 'Damascus',
        participants: [{ organisationId: orgs.Russia }],
      })
    ).body as Meeting;
    const noReason = await secretariat.patch(`/api/meetings/${other.id}`, { version: other.version, status: 'cancelled' });
    expect(noReason.body.errors[0].path).toBe('/body/cancelReason');
    const cancelled = await secretariat.patch(`/api/meetings/${other.id}`, {
      version: other.version,
      status: 'cancelled',
      cancelReason: 'The road from Beirut is closed.',
    });
    expect(cancelled.body.status).toBe('cancelled');
    // Nothing in it is shared with or concerns the Southern Union: not even its existence.
    const southern = await ts.signedIn(demo('southern-union', 'officer'));
    expect((await southern.get(`/api/meetings/${other.id}`)).status).toBe(404);
    expect(((await southern.get('/api/meetings')).body.meetings as { id: string }[]).map((m) => m.id)).not.toContain(other.id);
    expect((await secretariat.request('PUT', `/api/meetings/${other.id}/agenda`, { version: cancelled.body.version, items: [] })).body.code).toBe('cancelled');
  });
});
