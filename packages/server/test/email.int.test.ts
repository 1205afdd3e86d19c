import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';
import { processNotifications } from '../src/notifications/processor.ts';
import { createMailer, deliverEmails, type Mailer } from '../src/notifications/email.ts';
import { formatInstant } from '../src/notifications/email-messages.ts';
import { waitFor } from '../../../testing/wait.ts';
import { decodeWords, startPeer } from './smtp-peer.ts';

/**
 * Notification e-mails over SMTP, against a real SMTP server in the test process
 * (smtp-server, by Nodemailer's authors): who gets mail, what it says and does not say,
 * retries, giving up, and never sending twice.
 */
const MINUTE = 60_000;

describe.each(ENGINES)('notification e-mails on %s', (engine) => {
  let peer: Awaited<ReturnType<typeof startPeer>>;
  let ts: TestServer;
  let mailer: Mailer;
  let orgs: Record<string, string>;
  let secretariat: Client;
  let gov: Client;
  let accused: Client;
  const accusedMailed = [demo('north-dawn', 'admin'), demo('north-dawn', 'officer')].sort();
  let seq = 0;

  // Sealed: the sources, the exact place (sealLocation) and the description are for the
  // secretariat, guarantors and reporter only. None of it may travel by e-mail.
  const SECRET = {
    description: 'Mortar fire from the grain silo SECRET-DESCRIPTION',
    source: 'Witness Abu SECRET-SOURCE',
    place: 'Tell SECRET-PLACE',
    lat: 35.9306,
    lon: 36.6339,
  };
  const report = () => ({
    occurredAt: new Date(Date.UTC(2017, 1, 3 + 2 * seq++, 21, 10)).toISOString(),
    timePrecision: 'exact',
    location: { lat: SECRET.lat, lon: SECRET.lon, geoPrecision: 'exact', placeName: SECRET.place },
    sealLocation: true,
    typeCode: 'shelling',
    allegedPerpetrator: { kind: 'party', organisationId: orgs['Northern Dawn'] },
    affectedSide: { kind: 'party', organisationId: orgs.Government },
    casualties: { killedCivilian: 0, killedCombatant: 1, injuredCivilian: 0, injuredCombatant: 3 },
    description: SECRET.description,
    language: 'en',
    sources: [{ kind: 'witness', detail: SECRET.source }],
    evidence: [],
  });

  /** Files a report accusing Northern Dawn and opens an incident on it; returns the incident id. */
  async function newIncident(): Promise<string> {
    const filed = await gov.post('/api/reports', report());
    expect(filed.status).toBe(201);
    const created = await secretariat.post('/api/incidents', { reportIds: [filed.body.id] });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  const outbox = (incidentId: string) =>
    ts.server.ctx.db
      .selectFrom('email_outbox')
      .innerJoin('notifications', 'notifications.id', 'email_outbox.notification_id')
      .select([
        'email_outbox.recipient',
        'email_outbox.attempts',
        'email_outbox.last_error',
        'email_outbox.sent_at',
        'email_outbox.given_up_at',
        'email_outbox.next_attempt_at',
        'notifications.kind',
      ])
      .where(sql<boolean>`notifications.subject @> ${JSON.stringify({ incident: incidentId })}::jsonb`)
      .orderBy('email_outbox.recipient')
      .execute();
  const mailsAbout = (incidentId: string) => peer.received.filter((m) => m.text.includes(incidentId));

  beforeAll(async () => {
    peer = await startPeer();
    ts = await startTestServer(engine, {
      demo: true,
      env: {
        TRUCE_SMTP_URL: `smtp://mailer:p%40ss%20word@127.0.0.1:${peer.port}`,
        TRUCE_SMTP_FROM: 'Truce monitoring <truce@mechanism.example>',
        TRUCE_SMTP_TLS: 'off',
        TRUCE_SMTP_MAX_ATTEMPTS: '3',
      },
    });
    mailer = createMailer(ts.server.ctx.config.smtp!);
    secretariat = await ts.signedIn(demo('secretariat', 'officer'));
    gov = await ts.signedIn(demo('government', 'officer'));
    accused = await ts.signedIn(demo('north-dawn', 'officer'));
    orgs = Object.fromEntries(((await secretariat.get('/api/organisations')).body as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]));
  });
  afterAll(async () => {
    mailer?.close();
    await ts?.close();
    await new Promise<void>((resolve) => (peer ? peer.server.close(() => resolve()) : resolve()));
  });

  it("mails the accused party's admins and officers the deadline and a link, and nothing sealed", async () => {
    const incidentId = await newIncident();
    await processNotifications(ts.server.ctx);
    const queued = await outbox(incidentId);
    expect(queued.map((q) => q.recipient)).toEqual(accusedMailed);
    expect(queued.every((q) => q.kind === 'reply.requested')).toBe(true);

    await deliverEmails(ts.server.ctx, mailer, { baseUrl: ts.url });
    await waitFor('two e-mails', () => mailsAbout(incidentId).length === 2);
    const notice = (
      (await accused.get('/api/notifications')).body.notifications as { kind: string; subject: { incident: string }; details: { replyDeadline: string } }[]
    ).find((n) => n.subject.incident === incidentId)!;
    const mails = mailsAbout(incidentId);
    expect(mails.flatMap((m) => m.to).sort()).toEqual(accusedMailed);
    for (const mail of mails) {
      expect(mail.user).toBe('mailer');
      expect(mail.from).toBe('truce@mechanism.example');
      expect(mail.headers.from).toBe('Truce monitoring <truce@mechanism.example>');
      expect(mail.headers.subject).toBe(`Truce: your organisation may reply on incident ${incidentId.split('-').pop()}`);
      expect(mail.headers['content-type']).toMatch(/^text\/plain/);
      expect(mail.text).toContain(`Reply deadline: ${formatInstant(notice.details.replyDeadline)}`);
      expect(mail.text).toContain(`${ts.url}/incidents/${incidentId}`);
      const whole = JSON.stringify(mail);
      for (const secret of ['SECRET', 'grain silo', 'Abu', String(SECRET.lat), String(SECRET.lon), 'Government', 'shelling'])
        expect(whole).not.toContain(secret);
    }
    expect(peer.received.flatMap((m) => m.to)).not.toContain(demo('north-dawn', 'viewer'));
    const sent = await outbox(incidentId);
    expect(sent.map((s) => [s.attempts, s.last_error, s.sent_at !== null])).toEqual([
      [1, null, true],
      [1, null, true],
    ]);
  });

  it('writes to each person in the language they use in the web app', async () => {
    expect((await accused.request('PUT', '/api/account/language', { language: 'ar' })).status).toBe(204);
    expect((await accused.get('/api/session')).body.user.language).toBe('ar');
    expect((await accused.request('PUT', '/api/account/language', { language: 'de' })).status).toBe(400);
    const incidentId = await newIncident();
    await processNotifications(ts.server.ctx);
    await deliverEmails(ts.server.ctx, mailer, { baseUrl: ts.url });
    await waitFor('two e-mails', () => mailsAbout(incidentId).length === 2);
    const to = (who: string) => mailsAbout(incidentId).find((m) => m.to.includes(who))!;
    expect(decodeWords(to(demo('north-dawn', 'officer')).headers.subject)).toBe(`Truce: يحق لمنظمتكم الرد على الحادثة ${incidentId.split('-').pop()}`);
    // The administrator never chose: English.
    expect(to(demo('north-dawn', 'admin')).headers.subject).toMatch(/^Truce: your organisation may reply/);
    await accused.request('PUT', '/api/account/language', { language: 'en' });
  });

  it('retries a refused e-mail, records the error, and never sends it again once sent', async () => {
    peer.refuse = (address) => (address === demo('north-dawn', 'officer') ? 'Mailbox busy, try again later' : null);
    const start = Date.now();
    const incidentId = await newIncident();
    await processNotifications(ts.server.ctx);
    await deliverEmails(ts.server.ctx, mailer, { baseUrl: ts.url });
    await waitFor('a first attempt at each', async () =>
      (await outbox(incidentId)).every((q) => q.attempts === 1 && (q.sent_at !== null || q.last_error !== null)),
    );

    const [admin, officer] = await outbox(incidentId);
    expect(admin.sent_at).not.toBeNull();
    expect(officer).toMatchObject({ attempts: 1, sent_at: null, given_up_at: null });
    expect(officer.last_error).toMatch(/450/);
    expect(officer.last_error).toMatch(/Mailbox busy, try again later/);
    expect(new Date(officer.next_attempt_at).getTime()).toBeGreaterThanOrEqual(start + MINUTE);
    expect(mailsAbout(incidentId).flatMap((m) => m.to)).toEqual([demo('north-dawn', 'admin')]);

    // The server accepts again; the next attempt, once due, goes through.
    peer.refuse = () => null;
    expect(await deliverEmails(ts.server.ctx, mailer, { baseUrl: ts.url, now: new Date(start + 2 * MINUTE) })).toEqual({ claimed: 1, sent: 1, failed: 0 });
    const retried = (await outbox(incidentId))[1];
    expect(retried).toMatchObject({ attempts: 2, last_error: null, given_up_at: null });
    expect(retried.sent_at).not.toBeNull();

    // Sent is final: no later run, however late, sends either message again.
    expect(await deliverEmails(ts.server.ctx, mailer, { baseUrl: ts.url, now: new Date(start + 30 * 24 * 60 * MINUTE) })).toEqual({
      claimed: 0,
      sent: 0,
      failed: 0,
    });
    expect(
      mailsAbout(incidentId)
        .flatMap((m) => m.to)
        .sort(),
    ).toEqual(accusedMailed);
    // Processing the log again queues nothing new either.
    await processNotifications(ts.server.ctx);
    expect(await outbox(incidentId)).toHaveLength(2);
  });

  it('gives up after TRUCE_SMTP_MAX_ATTEMPTS, keeping the last error, and the server carries on', async () => {
    peer.refuse = () => 'Mailbox unavailable';
    const start = Date.now();
    const incidentId = await newIncident();
    await processNotifications(ts.server.ctx);
    await deliverEmails(ts.server.ctx, mailer, { baseUrl: ts.url });
    await waitFor('first attempts', async () => (await outbox(incidentId)).every((q) => q.attempts === 1 && q.last_error !== null));
    await deliverEmails(ts.server.ctx, mailer, { baseUrl: ts.url, now: new Date(start + 2 * MINUTE) });
    // Third attempt: the backoff after the second failure is 2 minutes.
    expect(await deliverEmails(ts.server.ctx, mailer, { baseUrl: ts.url, now: new Date(start + 10 * MINUTE) })).toEqual({ claimed: 2, sent: 0, failed: 2 });
    for (const q of await outbox(incidentId)) {
      expect(q).toMatchObject({ attempts: 3, sent_at: null });
      expect(q.given_up_at).not.toBeNull();
      expect(q.last_error).toMatch(/450.*Mailbox unavailable/);
    }
    expect(await deliverEmails(ts.server.ctx, mailer, { baseUrl: ts.url, now: new Date(start + 30 * 24 * 60 * MINUTE) })).toEqual({
      claimed: 0,
      sent: 0,
      failed: 0,
    });
    expect(mailsAbout(incidentId)).toEqual([]);
    expect((await accused.get('/api/notifications')).status).toBe(200);
    peer.refuse = () => null;
  });

  it('drops the e-mails of someone deactivated after they were queued, and queues none for them later', async () => {
    peer.refuse = (address) => (address === demo('north-dawn', 'officer') ? 'Mailbox busy' : null);
    const start = Date.now();
    const incidentId = await newIncident();
    await processNotifications(ts.server.ctx);
    await deliverEmails(ts.server.ctx, mailer, { baseUrl: ts.url });
    await waitFor('first attempts', async () => (await outbox(incidentId)).every((q) => q.attempts === 1 && (q.sent_at !== null || q.last_error !== null)));

    const admin = await ts.signedIn(demo('north-dawn', 'admin'));
    const officer = ((await admin.get('/api/users')).body as { id: string; email: string; version: number }[]).find(
      (u) => u.email === demo('north-dawn', 'officer'),
    )!;
    expect((await admin.patch(`/api/users/${officer.id}`, { active: false, version: officer.version })).status).toBe(200);
    peer.refuse = () => null;
    await deliverEmails(ts.server.ctx, mailer, { baseUrl: ts.url, now: new Date(start + 2 * MINUTE) });
    const dropped = (await outbox(incidentId))[1];
    expect(dropped).toMatchObject({ recipient: demo('north-dawn', 'officer'), attempts: 2, sent_at: null, last_error: 'recipient no longer active' });
    expect(dropped.given_up_at).not.toBeNull();
    expect(mailsAbout(incidentId).flatMap((m) => m.to)).toEqual([demo('north-dawn', 'admin')]);

    const later = await newIncident();
    await processNotifications(ts.server.ctx);
    expect((await outbox(later)).map((q) => q.recipient)).toEqual([demo('north-dawn', 'admin')]);
  });
});

describe.each(ENGINES)('without SMTP settings on %s', (engine) => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
  });
  afterAll(() => ts?.close());

  it('keeps notifications in the app and queues no e-mail', async () => {
    expect(ts.server.ctx.config.smtp).toBeUndefined();
    const secretariat = await ts.signedIn(demo('secretariat', 'officer'));
    const gov = await ts.signedIn(demo('government', 'officer'));
    const orgs = Object.fromEntries(
      ((await secretariat.get('/api/organisations')).body as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]),
    );
    const filed = await gov.post('/api/reports', {
      occurredAt: '2017-02-03T21:10:00Z',
      timePrecision: 'exact',
      location: { lat: 35.9306, lon: 36.6339, geoPrecision: 'place', placeName: 'Idlib city' },
      sealLocation: false,
      typeCode: 'shelling',
      allegedPerpetrator: { kind: 'party', organisationId: orgs['Northern Dawn'] },
      affectedSide: { kind: 'party', organisationId: orgs.Government },
      casualties: { killedCivilian: 0, killedCombatant: 0, injuredCivilian: 0, injuredCombatant: 1 },
      description: 'Shelling.',
      language: 'en',
      sources: [],
      evidence: [],
    });
    expect(filed.status).toBe(201);
    expect((await secretariat.post('/api/incidents', { reportIds: [filed.body.id] })).status).toBe(201);
    await processNotifications(ts.server.ctx);
    const notices = (await (await ts.signedIn(demo('north-dawn', 'officer'))).get('/api/notifications')).body.notifications as { kind: string }[];
    expect(notices.map((n) => n.kind)).toEqual(['reply.requested']);
    expect(await ts.server.ctx.db.selectFrom('email_outbox').select('id').execute()).toEqual([]);
  });
});
