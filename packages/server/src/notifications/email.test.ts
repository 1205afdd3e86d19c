import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { backoffMs } from './email.ts';
import { EMAIL_LANGUAGES, formatInstant, renderEmail } from './email-messages.ts';

describe('SMTP configuration', () => {
  it('is off unless TRUCE_SMTP_URL is set', () => {
    expect(loadConfig({}).smtp).toBeUndefined();
    expect(() => loadConfig({ TRUCE_SMTP_FROM: 'truce@example.org' })).toThrow(/TRUCE_SMTP_FROM set without TRUCE_SMTP_URL/);
  });

  it('reads host, port, credentials and TLS from the URL', () => {
    expect(loadConfig({ TRUCE_SMTP_URL: 'smtps://mailer:p%40ss%20word@mail.example.org', TRUCE_SMTP_FROM: 'Truce <truce@example.org>' }).smtp).toEqual({
      host: 'mail.example.org',
      port: 465,
      secure: true,
      auth: { user: 'mailer', pass: 'p@ss word' },
      starttls: 'auto',
      from: 'Truce <truce@example.org>',
      maxAttempts: 8,
    });
    expect(
      loadConfig({ TRUCE_SMTP_URL: 'smtp://127.0.0.1:2525', TRUCE_SMTP_FROM: 'truce@example.org', TRUCE_SMTP_TLS: 'required', TRUCE_SMTP_MAX_ATTEMPTS: '3' })
        .smtp,
    ).toMatchObject({
      host: '127.0.0.1',
      port: 2525,
      secure: false,
      auth: undefined,
      starttls: 'required',
      maxAttempts: 3,
    });
  });

  it('stops the start on bad settings, naming the variable', () => {
    const from = { TRUCE_SMTP_FROM: 'truce@example.org' };
    expect(() => loadConfig({ TRUCE_SMTP_URL: 'http://mail.example.org', ...from })).toThrow(/TRUCE_SMTP_URL must start with smtp:\/\/ or smtps:\/\//);
    expect(() => loadConfig({ TRUCE_SMTP_URL: 'smtp://mail.example.org/x?pool=true', ...from })).toThrow(/TRUCE_SMTP_URL/);
    expect(() => loadConfig({ TRUCE_SMTP_URL: 'smtp://mail.example.org' })).toThrow(/TRUCE_SMTP_FROM/);
    expect(() => loadConfig({ TRUCE_SMTP_URL: 'smtp://mail.example.org', TRUCE_SMTP_FROM: 'a@b.org\r\nBcc: x@y.org' })).toThrow(/TRUCE_SMTP_FROM/);
    expect(() => loadConfig({ TRUCE_SMTP_URL: 'smtp://mail.example.org', ...from, TRUCE_SMTP_TLS: 'yes' })).toThrow(/TRUCE_SMTP_TLS/);
    expect(() => loadConfig({ TRUCE_SMTP_URL: 'smtps://mail.example.org', ...from, TRUCE_SMTP_TLS: 'off' })).toThrow(/TRUCE_SMTP_TLS/);
    expect(() => loadConfig({ TRUCE_SMTP_URL: 'smtp://mail.example.org', ...from, TRUCE_SMTP_MAX_ATTEMPTS: '0' })).toThrow(ConfigError);
  });
});

describe('notification e-mails', () => {
  const notice = {
    kind: 'reply.requested',
    incidentId: '01951a2b-3c4d-7e5f-8a9b-0c1d2e3f4a5b',
    replyDeadline: '2017-02-06T21:10:00.000Z',
    link: 'https://truce.example.org/incidents/01951a2b-3c4d-7e5f-8a9b-0c1d2e3f4a5b',
  };

  it('says what, which incident, by when and where, in each language', () => {
    for (const lang of EMAIL_LANGUAGES) {
      const mail = renderEmail(notice, lang);
      expect(mail.subject).toContain('0c1d2e3f4a5b');
      expect(mail.text).toContain(notice.incidentId);
      expect(mail.text).toContain('2017-02-06 21:10 UTC');
      expect(mail.text).toContain(notice.link);
      expect(mail.subject).not.toMatch(/[\r\n]/);
    }
    expect(renderEmail(notice, 'en').subject).toBe('Truce: your organisation may reply on incident 0c1d2e3f4a5b');
    expect(renderEmail(notice, 'xx')).toEqual(renderEmail(notice, 'en'));
    expect(renderEmail({ ...notice, kind: 'finding.adopted', replyDeadline: null }, 'ru').subject).toContain('заключение');
  });

  it('formats instants alike in every language, and backs off up to six hours', () => {
    expect(formatInstant('2017-02-06T21:10:59Z')).toBe('2017-02-06 21:10 UTC');
    expect([1, 2, 3].map(backoffMs)).toEqual([60_000, 120_000, 240_000]);
    expect(backoffMs(30)).toBe(6 * 3_600_000);
  });
});
