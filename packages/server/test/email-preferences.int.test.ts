import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';
import { processNotifications } from '../src/notifications/processor.ts';
import { createMailer, deliverEmails, type Mailer } from '../src/notifications/email.ts';
import { nextDigestAt } from '../src/notifications/email-preferences.ts';
import { waitFor } from '../../../testing/wait.ts';
import { PLACES, reportBody } from './report-body.ts';
import { decodeWords, startPeer } from './smtp-peer.ts';

interface Preferences {
  mailed: boolean;
  digestHourUtc: number;
  preferences: { kind: string; delivery: string; default: string }[];
}

/**
 * Each person chooses which notices also come by e-mail, at once or in a daily digest
 * (issue 16), against a real SMTP server: the secretariat hears of new reports to sort,
 * a digest waits for its hour and then comes as one e-mail, and a choice that does not
 * concern the person is refused by name.
 */
describe.each(ENGINES)('e-mail preferences and the daily digest on %s', (engine) => {
  let peer: Awaited<ReturnType<typeof startPeer>>;
  let ts: TestServer;
  let mailer: Mailer;
  let orgs: Record<string, string>;
  let officer: Client;
  let admin: Client;
  let gov: Client;
  let viewer: Client;

  const file = async (over: Record<string, unknown>) => {
    const res = await gov.post('/api/reports', reportBody(orgs, over));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const mailsTo = (email: string) => peer.received.filter((m) => m.to.includes(email));

  beforeAll(async () => {
    peer = await startPeer();
    ts = await startTestServer(engine, {
      demo: true,
      env: {
        TRUCE_SMTP_URL: `smtp://mailer:p%40ss%20word@127.0.0.1:${peer.port}`,
        TRUCE_SMTP_FROM: 'Truce monitoring <truce@mechanism.example>',
        TRUCE_SMTP_TLS: 'off',
      },
    });
    mailer = createMailer(ts.server.ctx.config.smtp!);
    officer = await ts.signedIn(demo('secretariat', 'officer'));
    admin = await ts.signedIn(demo('secretariat', 'admin'));
    viewer = await ts.signedIn(demo('secretariat', 'viewer'));
    gov = await ts.signedIn(demo('government', 'officer'));
    orgs = Object.fromEntries(((await officer.get('/api/organisations')).body as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]));
  });
  afterAll(async () => {
    mailer?.close();
    await ts?.close();
    await new Promise<void>((resolve) => (peer ? peer.server.close(() => resolve()) : resolve()));
  });

  it('offers each person the kinds that reach their organisation, with their defaults', async () => {
    const mine = (await officer.get('/api/notifications/email-preferences')).body as Preferences;
    expect(mine.mailed).toBe(true);
    expect(Object.fromEntries(mine.preferences.map((p) => [p.kind, p.delivery]))).toEqual({
      'finding.adopted': 'immediate',
      'finding.disputed': 'immediate',
      'reply.received': 'off',
      'report.to_sort': 'off',
      'audit.mismatch': 'immediate',
    });
    const party = (await gov.get('/api/notifications/email-preferences')).body as Preferences;
    expect(party.preferences.map((p) => p.kind)).toEqual(['reply.requested', 'reply.period_ended', 'finding.adopted']);
    expect(((await viewer.get('/api/notifications/email-preferences')).body as Preferences).mailed).toBe(false);
  });

  it('tells the secretariat in the app of a new report to sort, and mails no one who did not ask', async () => {
    const id = await file({
      occurredAt: '2017-03-02T04:30:00Z',
      location: { ...PLACES.homs, geoPrecision: 'place', placeName: 'الوعر' },
      description: 'قصف بقذائف الهاون على حي الوعر في حمص.',
      language: 'ar',
    });
    await processNotifications(ts.server.ctx);
    const list = (await officer.get('/api/notifications')).body.notifications as {
      kind: string;
      subject: { report?: string };
      details: { report?: { adm1: string; typeCode: string } };
    }[];
    const notice = list.find((n) => n.kind === 'report.to_sort' && n.subject.report === id)!;
    expect(notice.details.report).toMatchObject({ adm1: 'SY04', typeCode: 'shelling' });
    expect(((await gov.get('/api/notifications')).body.notifications as { kind: string }[]).some((n) => n.kind === 'report.to_sort')).toBe(false);
    await deliverEmails(ts.server.ctx, mailer, { baseUrl: ts.url });
    expect(peer.received.filter((m) => m.text.includes(id))).toEqual([]);
  });

  it('mails at once who asked for it, and holds a digest until its hour, then sends one e-mail with every notice', async () => {
    const put = await officer.patch('/api/notifications/email-preferences', { preferences: { 'report.to_sort': 'digest' } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((put.body as Preferences).preferences.find((p) => p.kind === 'report.to_sort')).toEqual({
      kind: 'report.to_sort',
      delivery: 'digest',
      default: 'off',
    });
    expect((await admin.patch('/api/notifications/email-preferences', { preferences: { 'report.to_sort': 'immediate' } })).status).toBe(200);

    const first = await file({
      occurredAt: '2017-03-04T22:15:00Z',
      location: { ...PLACES.daraa, geoPrecision: 'exact' },
      description: 'Sniper fire in Daraa al-Balad.',
    });
    const second = await file({
      occurredAt: '2017-03-05T01:40:00Z',
      location: { ...PLACES.douma, geoPrecision: 'exact' },
      description: 'Shelling on Douma market.',
    });
    await processNotifications(ts.server.ctx);

    // At once for the admin: one e-mail per report, linking to it.
    await deliverEmails(ts.server.ctx, mailer, { baseUrl: ts.url });
    const adminEmail = demo('secretariat', 'admin');
    await waitFor('two e-mails to the admin', () => mailsTo(adminEmail).length === 2);
    expect(
      mailsTo(adminEmail)
        .map((m) => decodeWords(m.headers.subject))
        .sort(),
    ).toEqual([first, second].map((id) => `Truce: a new report to sort (${id.split('-').pop()})`).sort());
    expect(mailsTo(adminEmail).some((m) => m.text.includes(`${ts.url}/reports/${first}`))).toBe(true);
    // No report content travels by e-mail.
    expect(mailsTo(adminEmail).some((m) => /Sniper|Douma|Daraa/.test(m.text))).toBe(false);

    // The digest waits for its hour, then comes as one e-mail.
    const officerEmail = demo('secretariat', 'officer');
    expect(mailsTo(officerEmail)).toEqual([]);
    const hour = nextDigestAt(new Date());
    const sent = await deliverEmails(ts.server.ctx, mailer, { baseUrl: ts.url, now: new Date(hour.getTime() + 60_000) });
    expect(sent.sent).toBe(2);
    await waitFor('the digest', () => mailsTo(officerEmail).length === 1);
    const digest = mailsTo(officerEmail)[0];
    expect(decodeWords(digest.headers.subject)).toBe('Truce: 2 notices since the last digest');
    expect(digest.text).toContain(`${ts.url}/reports/${first}`);
    expect(digest.text).toContain(`${ts.url}/reports/${second}`);
    expect(digest.text.match(/New report to sort/g)).toHaveLength(2);
    // Sent once: the next digest hour finds nothing more.
    expect((await deliverEmails(ts.server.ctx, mailer, { baseUrl: ts.url, now: new Date(hour.getTime() + 86_460_000) })).claimed).toBe(0);
  });

  it('refuses a kind that does not reach the person, or an unknown delivery, by name', async () => {
    const notMine = await gov.patch('/api/notifications/email-preferences', { preferences: { 'report.to_sort': 'immediate' } });
    expect(notMine.status).toBe(400);
    expect(JSON.stringify(notMine.body)).toContain('/body/preferences/report.to_sort');
    const unknown = await officer.patch('/api/notifications/email-preferences', { preferences: { 'report.to_sort': 'weekly' } });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('report.to_sort');
    const extra = await officer.patch('/api/notifications/email-preferences', { preferences: { 'meeting.scheduled': 'digest' } });
    expect(extra.status).toBe(400);
  });
});
