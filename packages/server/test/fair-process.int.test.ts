import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';
import { processNotifications } from '../src/notifications/processor.ts';
import { adoptAfterDeadlines } from '../src/incidents/adoption-loop.ts';
import { makePng } from './evidence-files.ts';
import { reportBody } from './report-body.ts';

/**
 * A fair process (issue 13, part 3): no finding before the accused party was heard (its
 * reply, the deadline, or an early end with a recorded reason); a stalemate among the
 * guarantors goes to the secretariat and the next meeting; what an adopted incident shows
 * each reader is the mechanism's setting; a reply's evidence must be files the party uploaded.
 */
describe.each(ENGINES)('a fair process on %s', (engine) => {
  let ts: TestServer;
  let orgs: Record<string, string>;
  let secretariat: Client;
  let admin: Client;
  const g: Record<string, Client> = {};
  let gov: Client;
  let dawn: Client;
  let orontes: Client;
  let observer: Client;
  let heard: string;

  const REASONING = 'Crater analysis and two independent witnesses place the firing point in the north.';
  const REPLY = 'Our positions were 4 km away and had no mortars that night.';
  const assessment = (verification = 'corroborated') => ({
    verification,
    attribution: verification === 'corroborated' ? { kind: 'alleged' } : { kind: 'undetermined' },
    reasoning: REASONING,
  });
  let day = 0;
  /** A report by the Government against Northern Dawn, grouped into a new incident. */
  const newIncident = async () => {
    const occurredAt = new Date(Date.UTC(2017, 3, 1 + day++, 21, 10)).toISOString();
    const body = reportBody(orgs, {
      occurredAt,
      location: { lat: 35.9306, lon: 36.6339, geoPrecision: 'place', placeName: 'Idlib city' },
      affectedSide: { kind: 'party', organisationId: orgs.Government },
      description: 'Mortar fire on a checkpoint.',
    });
    const filed = await gov.post('/api/reports', body);
    expect(filed.status, filed.text).toBe(201);
    const created = await secretariat.post('/api/incidents', { reportIds: [filed.body.id] });
    expect(created.status, created.text).toBe(201);
    return created.body.id as string;
  };
  const assessAll = async (id: string, verification = 'corroborated') => {
    let last;
    for (const key of ['russia', 'turkey', 'iran']) {
      last = await g[key].post(`/api/incidents/${id}/assessments`, assessment(verification));
      expect(last.status, last.text).toBe(201);
    }
    return last!.body;
  };
  const findingsOf = async (id: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from incident_findings where incident_id = ${id}`.execute(ts.server.ctx.db)).rows[0].n;
  /** The log's entries of one type, read from the database (the demo's record is long). */
  const entries = async (type: string) => {
    const { rows } = await sql<{ body: Uint8Array }>`select body from log_entries order by id`.execute(ts.server.ctx.db);
    return rows
      .map((r) => JSON.parse(new TextDecoder().decode(r.body)) as { type: string; subject: Record<string, string>; data: Record<string, unknown> })
      .filter((e) => e.type === type);
  };

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    secretariat = await ts.signedIn(demo('secretariat', 'officer'));
    admin = await ts.signedIn(demo('secretariat', 'admin'));
    orgs = Object.fromEntries(((await secretariat.get('/api/organisations')).body as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]));
    for (const key of ['russia', 'turkey', 'iran']) g[key] = await ts.signedIn(demo(key, 'officer'));
    gov = await ts.signedIn(demo('government', 'officer'));
    dawn = await ts.signedIn(demo('north-dawn', 'officer'));
    orontes = await ts.signedIn(demo('orontes', 'officer'));
    observer = await ts.signedIn(demo('osesgs', 'viewer'));
  });
  afterAll(() => ts.close());

  it('records every assessment but adopts the finding only once the accused party has replied', async () => {
    heard = await newIncident();
    const before = (await dawn.get(`/api/incidents/${heard}`)).body;
    expect(before.adoption).toEqual({ ruleMet: false, waitsForReplyUntil: before.replyDeadline, awaitedPartyIds: [orgs['Northern Dawn']] });

    const assessed = await assessAll(heard);
    expect(assessed.assessments).toHaveLength(3);
    expect(assessed.decision.status).toBe('adopted');
    expect(assessed.finding).toBeNull();
    expect(assessed.adoption).toEqual({ ruleMet: true, waitsForReplyUntil: assessed.replyDeadline, awaitedPartyIds: [orgs['Northern Dawn']] });
    expect(await findingsOf(heard)).toBe(0);
    // The accused party still has its reply form's state: due.
    expect((await dawn.get(`/api/incidents/${heard}`)).body.replies[0].state).toBe('due');
    // The background check leaves it alone: the deadline has not passed.
    await adoptAfterDeadlines(ts.server.ctx);
    expect(await findingsOf(heard)).toBe(0);

    const replied = await dawn.post(`/api/incidents/${heard}/replies`, { text: REPLY, evidence: [] });
    expect(replied.status, replied.text).toBe(201);
    expect(replied.body.finding).toMatchObject({ round: 1, finding: { verification: 'corroborated', attribution: { kind: 'alleged' } } });
    expect(replied.body.adoption).toBeNull();
    const adopted = (await entries('finding.adopted')).filter((e) => e.subject.incident === heard);
    expect(adopted).toHaveLength(1);
    expect(adopted[0].data).toMatchObject({ after: 'reply', replyPeriod: 'replies' });
  });

  it('adopts a waiting finding once the reply deadline has passed, without anyone acting', async () => {
    const id = await newIncident();
    const waiting = await assessAll(id, 'not-corroborated');
    expect(waiting.finding).toBeNull();
    expect(waiting.adoption.waitsForReplyUntil).toBe(waiting.replyDeadline);
    expect((await sql<{ w: boolean }>`select adoption_waits as w from incidents where id = ${id}`.execute(ts.server.ctx.db)).rows[0].w).toBe(true);

    await sql`update incidents set reply_deadline = now() - interval '1 minute' where id = ${id}`.execute(ts.server.ctx.db);
    await adoptAfterDeadlines(ts.server.ctx);
    const after = (await dawn.get(`/api/incidents/${id}`)).body;
    expect(after.finding).toMatchObject({ finding: { verification: 'not-corroborated', attribution: null } });
    expect(after.replies[0].state).toBe('no-reply');
    expect(after.adoption).toBeNull();
    const entry = (await entries('finding.adopted')).find((e) => e.subject.incident === id)!;
    expect(entry.data).toMatchObject({ after: 'deadline', replyPeriod: 'deadline' });
    expect(await findingsOf(id)).toBe(1);
  });

  it('lets the secretariat end a reply period early only with a reason, which the accused party reads', async () => {
    const id = await newIncident();
    await assessAll(id);
    const path = `/api/incidents/${id}/reply-period/end`;
    expect((await dawn.post(path, { reason: 'Enough.' })).status).toBe(403);
    expect((await g.russia.post(path, { reason: 'Enough.' })).status).toBe(403);
    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(2001) }, { reason: 7 }]) {
      const res = await secretariat.post(path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors[0].path, JSON.stringify(body)).toBe('/body/reason');
    }
    expect(await findingsOf(id)).toBe(0);

    const reason = 'The party told the meeting of 12 April it would not reply; the guarantors asked for a decision.';
    const ended = await secretariat.post(path, { reason });
    expect(ended.status, ended.text).toBe(200);
    expect(ended.body.logIndex).toEqual(expect.any(Number));
    expect(ended.body.replyPeriod).toMatchObject({ open: false, closedBy: 'ended-early', endedEarly: { reason, at: expect.any(String) } });
    // The assessments already met the rule: the finding is adopted with the end.
    expect(ended.body.finding).toMatchObject({ round: 1 });
    expect((await entries('finding.adopted')).find((e) => e.subject.incident === id)!.data).toMatchObject({ after: 'reply-period-ended' });
    const logged = (await entries('incident.reply_period_ended')).find((e) => e.subject.incident === id)!;
    expect(logged.data).toMatchObject({ awaited: [orgs['Northern Dawn']] });
    expect(JSON.stringify(logged)).not.toContain('meeting of 12 April');

    const seen = (await dawn.get(`/api/incidents/${id}`)).body;
    expect(seen.replyPeriod.endedEarly.reason).toBe(reason);
    expect(seen.replies[0].state).toBe('no-reply');
    expect(seen.timeline.map((t: { kind: string }) => t.kind)).toContain('reply-period-ended');
    const late = await dawn.post(`/api/incidents/${id}/replies`, { text: REPLY });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('reply_period_ended');
    expect((await secretariat.post(path, { reason })).body.code).toBe('reply_period_over');

    await processNotifications(ts.server.ctx);
    const notes = (await dawn.get('/api/notifications')).body.notifications as { kind: string; subject: { incident: string } }[];
    expect(notes.some((n) => n.kind === 'reply.period_ended' && n.subject.incident === id)).toBe(true);
  });

  it('shows each reader of an adopted finding what the mechanism’s setting says, by default and once changed', async () => {
    const read = async (c: Client) => (await c.get(`/api/incidents/${heard}`)).body;
    // Default: the reasoning and the reply for the reporting and the accused party (and the secretariat and guarantors).
    for (const c of [gov, dawn, secretariat, g.iran]) {
      const seen = await read(c);
      expect(seen.assessments[0].reasoning).toBe(REASONING);
      expect(seen.replyTexts[0]).toMatchObject({ text: REPLY, withheld: false });
    }
    for (const c of [orontes, observer]) {
      const seen = await read(c);
      expect(seen.finding).toMatchObject({ finding: { verification: 'corroborated' }, adoptedAt: expect.any(String) });
      expect(seen.reports[0].occurredAt).toEqual(expect.any(String));
      expect(seen.assessments.map((a: { reasoning: string | null; reasoningWithheld: boolean }) => [a.reasoning, a.reasoningWithheld])).toEqual([
        [null, true],
        [null, true],
        [null, true],
      ]);
      expect(seen.replyTexts).toEqual([expect.objectContaining({ text: null, evidence: [], withheld: true })]);
      expect(JSON.stringify(seen)).not.toContain('4 km away');
    }
    // Nor do the exports let it out.
    const exported = await orontes.get('/api/exports/incidents?format=json');
    expect(exported.status).toBe(200);
    expect(exported.text).not.toContain('Crater analysis');
    expect(exported.text).not.toContain('4 km away');

    const m = (await admin.get('/api/mechanism')).body;
    expect(m.adoptedIncidentDisclosure).toEqual({ reasoning: ['reporting-party', 'accused-party'], reply: ['reporting-party', 'accused-party'] });
    const setting = { reasoning: ['other-parties', 'reporting-party', 'accused-party'], reply: ['reporting-party', 'accused-party'] };
    expect((await secretariat.request('PUT', '/api/mechanism/disclosure', { adoptedIncidentDisclosure: setting, version: m.version })).status).toBe(403);
    const bad = await admin.request('PUT', '/api/mechanism/disclosure', {
      adoptedIncidentDisclosure: { reasoning: ['everyone'], reply: [] },
      version: m.version,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toMatch(/^\/body\/adoptedIncidentDisclosure\/reasoning/);
    const changed = await admin.request('PUT', '/api/mechanism/disclosure', { adoptedIncidentDisclosure: setting, version: m.version });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body.logIndex).toEqual(expect.any(Number));
    expect(changed.body.adoptedIncidentDisclosure).toEqual({
      reasoning: ['reporting-party', 'accused-party', 'other-parties'],
      reply: ['reporting-party', 'accused-party'],
    });
    expect((await admin.request('PUT', '/api/mechanism/disclosure', { adoptedIncidentDisclosure: setting, version: m.version })).status).toBe(409);
    const log = await entries('mechanism.disclosure_changed');
    expect(log.at(-1)!.data).toMatchObject({ adoptedIncidentDisclosure: changed.body.adoptedIncidentDisclosure, before: m.adoptedIncidentDisclosure });

    const third = await read(orontes);
    expect(third.assessments[0]).toMatchObject({ reasoning: REASONING, reasoningWithheld: false });
    expect(third.replyTexts[0]).toMatchObject({ text: null, withheld: true });
    expect((await read(observer)).assessments[0].reasoning).toBeNull();

    const restored = await admin.request('PUT', '/api/mechanism/disclosure', {
      adoptedIncidentDisclosure: m.adoptedIncidentDisclosure,
      version: changed.body.version,
    });
    expect(restored.status).toBe(200);
  });

  it('puts a stalemate among the guarantors on the next meeting’s proposed agenda and tells the secretariat', async () => {
    const id = await newIncident();
    expect((await dawn.post(`/api/incidents/${id}/replies`, { text: REPLY })).status).toBe(201);
    await g.russia.post(`/api/incidents/${id}/assessments`, assessment('corroborated'));
    const split = (await g.turkey.post(`/api/incidents/${id}/assessments`, assessment('not-corroborated'))).body;
    expect(split.decision.status).toBe('disagreement');
    expect(split.dispute).toEqual({ nextStep: 'meeting-agenda' });
    expect(split.finding).toBeNull();
    // The third assessment does not make it a new stalemate: one notice only.
    await g.iran.post(`/api/incidents/${id}/assessments`, assessment('corroborated'));
    expect((await entries('finding.disputed')).filter((e) => e.subject.incident === id)).toHaveLength(1);

    await processNotifications(ts.server.ctx);
    const notes = (await (await ts.signedIn(demo('secretariat', 'viewer'))).get('/api/notifications')).body.notifications as {
      kind: string;
      subject: { incident: string };
    }[];
    expect(notes.filter((n) => n.kind === 'finding.disputed' && n.subject.incident === id)).toHaveLength(1);
    expect(((await gov.get('/api/notifications')).body.notifications as { kind: string }[]).some((n) => n.kind === 'finding.disputed')).toBe(false);

    const meeting = await secretariat.post('/api/meetings', {
      title: 'Joint monitoring group — regular meeting',
      startsAt: '2030-05-10T07:00:00Z',
      venue: 'Astana',
      participants: ['Russia', 'Türkiye', 'Iran', 'Government', 'Northern Dawn'].map((k) => ({ organisationId: orgs[k], delegates: [] })),
    });
    expect(meeting.status, meeting.text).toBe(201);
    const proposal = (await secretariat.get(`/api/meetings/${meeting.body.id}/agenda-proposal?limit=99`)).body.items as {
      reason: string;
      reasons: string[];
      incident?: { id: string };
    }[];
    const item = proposal.find((p) => p.incident?.id === id)!;
    expect(item).toBeDefined();
    expect(item.reasons).toContain('finding-disputed');
  });

  it('takes a reply’s evidence only from files the party uploaded, and names the field otherwise', async () => {
    const id = await newIncident();
    const upload = async (c: Client, bytes: Uint8Array) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'photo.png');
      const res = await fetch(`${ts.url}/api/evidence`, { method: 'POST', headers: { cookie: c.cookie! }, body: form });
      expect(res.status).toBe(201);
      return ((await res.json()) as { sha256: string }).sha256;
    };
    const unknown = await dawn.post(`/api/incidents/${id}/replies`, { text: REPLY, evidence: ['a'.repeat(64)] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('/body/evidence/0');
    const theirs = await upload(gov, makePng(3, 3, { rgb: [200, 10, 10] }));
    const notMine = await dawn.post(`/api/incidents/${id}/replies`, { text: REPLY, evidence: [theirs] });
    expect(notMine.status).toBe(400);
    expect(notMine.body.errors[0].path).toBe('/body/evidence/0');
    const malformed = await dawn.post(`/api/incidents/${id}/replies`, { text: REPLY, evidence: ['not-a-hash'] });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].path).toBe('/body/evidence/0');
    expect((await sql<{ n: number }>`select count(*)::int as n from incident_replies where incident_id = ${id}`.execute(ts.server.ctx.db)).rows[0].n).toBe(0);

    const mine = await upload(dawn, makePng(4, 4, { rgb: [10, 200, 10] }));
    const replied = await dawn.post(`/api/incidents/${id}/replies`, { text: REPLY, evidence: [mine] });
    expect(replied.status, replied.text).toBe(201);
    expect(replied.body.replyTexts[0].evidence).toEqual([mine]);
  });
});
