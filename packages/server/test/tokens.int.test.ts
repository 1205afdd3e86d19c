import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../src/accounts/mfa.ts';
import { Client, demo, ENGINES, startTestServer, type TestServer } from './harness.ts';
import { PLACES, reportBody } from './report-body.ts';

/**
 * API tokens (issue 13, part 4): a scope and an expiry chosen when made; revoked with a
 * password change or reset, a second factor removed, a deactivation; never able to do
 * what needs the person signed in. And sign-in throttled per client across addresses.
 */
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

describe.each(ENGINES)('API tokens on %s', (engine) => {
  let ts: TestServer;
  let admin: Client;
  let orgs: Record<string, string>;
  let people = 0;

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    admin = await ts.signedIn(demo('secretariat', 'admin'));
    const list = (await admin.get('/api/organisations')).body as { id: string; shortName: string }[];
    orgs = Object.fromEntries(list.map((o) => [o.shortName, o.id]));
  }, 120_000);
  afterAll(() => ts.close());

  /** A new officer of the government, signed in with a password of their own. */
  async function newOfficer(name: string) {
    const email = `officer${++people}@gov-sy.example`;
    const made = await admin.post('/api/users', { name, email, organisationId: orgs.Government, role: 'officer' });
    expect(made.status).toBe(201);
    const c = ts.client();
    const password = `${name.split(' ')[0]}-kalimat-sirr-${people}`;
    await c.post('/api/session', { email, password: made.body.temporaryPassword });
    expect((await c.post('/api/account/password', { currentPassword: made.body.temporaryPassword, newPassword: password })).status).toBe(204);
    return { c, email, password, id: made.body.user.id as string };
  }

  /** A client that sends only a new token of `owner`, already remembered by the server's token cache. */
  async function tokenOf(owner: Client, scope: 'read' | 'file' = 'file', name = 'جهاز ميداني') {
    const made = await owner.post('/api/account/tokens', { name, scope, expiresAt: inAWeek() });
    expect(made.status).toBe(201);
    const script = new Client(ts.url);
    script.bearer = made.body.token;
    expect((await script.get('/api/session')).status).toBe(200);
    expect((await script.get('/api/session')).status).toBe(200); // answered from memory now
    return { script, id: made.body.id as string };
  }

  it('makes a token with the scope and expiry asked for, shows them in the list, and names refused fields', async () => {
    const { c } = await newOfficer('Lina Haddad');
    const expiresAt = inAWeek();
    const made = await c.post('/api/account/tokens', { name: 'تقارير حلب', scope: 'file', expiresAt });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: 'تقارير حلب', scope: 'file', expiresAt });
    expect(made.body.token).toMatch(/^truce_[A-Za-z0-9_-]{43}$/);
    const list = (await c.get('/api/account/tokens')).body;
    expect(list).toEqual([expect.objectContaining({ id: made.body.id, scope: 'file', expiresAt, expired: false })]);
    expect(JSON.stringify(list)).not.toContain(made.body.token);

    const plain = await c.post('/api/account/tokens', { name: 'verifier' });
    expect(plain.body.scope).toBe('read');
    const days = (Date.parse(plain.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);

    const badScope = await c.post('/api/account/tokens', { name: 'x', scope: 'admin', expiresAt });
    expect(badScope.status).toBe(400);
    expect(badScope.body.errors[0].path).toBe('/body/scope');
    const past = await c.post('/api/account/tokens', { name: 'x', scope: 'read', expiresAt: '2017-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.body.errors).toEqual([{ path: '/body/expiresAt', message: 'must be in the future' }]);
    const tooFar = await c.post('/api/account/tokens', { name: 'x', scope: 'read', expiresAt: new Date(Date.now() + 400 * 86_400_000).toISOString() });
    expect(tooFar.status).toBe(400);
    expect(tooFar.body.errors[0].path).toBe('/body/expiresAt');
    const notADate = await c.post('/api/account/tokens', { name: 'x', scope: 'read', expiresAt: 'next Tuesday' });
    expect(notADate.status).toBe(400);
    expect(notADate.body.errors[0].path).toBe('/body/expiresAt');
  });

  it('revokes the tokens of a user who changes the password, at once though tokens are remembered', async () => {
    const { c, password } = await newOfficer('Omar Khalil');
    const { script } = await tokenOf(c);
    const other = await tokenOf(c, 'read', 'verifier');
    expect((await c.post('/api/account/password', { currentPassword: password, newPassword: 'Omar-Khalil-new-secret-2' })).status).toBe(204);
    expect((await script.get('/api/session')).status).toBe(401);
    expect((await other.script.get('/api/session')).status).toBe(401);
    expect((await c.get('/api/account/tokens')).body).toEqual([]);
    // Each revocation is in the record, in the change's transaction, with its reason.
    const entries = (await admin.get('/api/log/entries?from=0&limit=1000')).body.entries as {
      entry: { type: string; subject: { token?: string }; data?: { reason?: string } };
    }[];
    const revoked = entries.filter((e) => e.entry.type === 'user.token_revoked' && e.entry.subject.token === other.id);
    expect(revoked.map((e) => e.entry.data?.reason)).toEqual(['password_changed']);
  });

  it("revokes a user's tokens when an administrator resets the password and second factor", async () => {
    const { c, id } = await newOfficer('Huda Mansour');
    const { script } = await tokenOf(c);
    expect((await admin.post(`/api/users/${id}/password-reset`)).status).toBe(200);
    expect((await script.get('/api/session')).status).toBe(401);
  });

  it('revokes the tokens of a user who removes their own second factor', async () => {
    const { c, password } = await newOfficer('Yusuf Darwish');
    const enrol = await c.post('/api/account/totp');
    expect(enrol.status).toBe(200);
    expect((await c.post('/api/account/totp/confirm', { code: currentTotp(enrol.body.secret) })).status).toBe(200);
    const { script } = await tokenOf(c);
    expect((await c.delete('/api/account/totp', { password })).status).toBe(204);
    expect((await script.get('/api/session')).status).toBe(401);
  });

  it('revokes the tokens of a deactivated user', async () => {
    const { c, email } = await newOfficer('Rasha Aziz');
    const { script } = await tokenOf(c);
    const user = (await admin.get('/api/users')).body.find((u: { email: string }) => u.email === email);
    expect((await admin.patch(`/api/users/${user.id}`, { active: false, version: user.version })).status).toBe(200);
    expect((await script.get('/api/session')).status).toBe(401);
    // Reactivated, the user signs in again, but the old token stays dead.
    expect((await admin.patch(`/api/users/${user.id}`, { active: true, version: user.version + 1 })).status).toBe(200);
    expect((await script.get('/api/session')).status).toBe(401);
  });

  it('does not let a token make tokens, change the password or second factor, or end sessions', async () => {
    const { c, password } = await newOfficer('Karim Nasser');
    const { script } = await tokenOf(c, 'file');
    const attempts = [
      script.post('/api/account/tokens', { name: 'another', scope: 'file', expiresAt: inAWeek() }),
      script.post('/api/account/password', { currentPassword: password, newPassword: 'Karim-Nasser-stolen-1' }),
      script.post('/api/account/totp'),
      script.delete('/api/account/totp', { password }),
      script.delete('/api/account/tokens/0190f5a0-0000-7000-8000-000000000001'),
      script.delete('/api/session'),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('session_required');
      expect(res.body.detail).toMatch(/signed-in session/);
    }
    // Nothing happened: the password still opens a session, the token still works, one token only.
    expect((await ts.client().post('/api/session', { email: `officer${people}@gov-sy.example`, password })).status).toBe(200);
    expect((await script.get('/api/session')).status).toBe(200);
    expect((await c.get('/api/account/tokens')).body).toHaveLength(1);
  });

  it('lets a read token only read, and a file token file reports but not run the mechanism', async () => {
    const gov = await ts.signedIn(demo('government', 'officer'));
    const read = await tokenOf(gov, 'read', 'لوحة المتابعة');
    expect((await read.script.get('/api/reports')).status).toBe(200);
    const body = reportBody(orgs, {
      occurredAt: '2017-01-14T06:30:00Z',
      location: { ...PLACES.aleppo, geoPrecision: 'exact', placeName: 'بستان القصر' },
      description: 'قصف بالهاون على حي بستان القصر',
    });
    const refused = await read.script.post('/api/reports', body);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('token_scope');
    expect(refused.body.detail).toMatch(/"read"/);

    const file = await tokenOf(gov, 'file', 'نظام الرصد الميداني');
    const filed = await file.script.post('/api/reports', body);
    expect(filed.status).toBe(201);
    const withdrawn = await file.script.post(`/api/reports/${filed.body.id}/withdraw`, { reason: 'أُرسل مرتين', version: filed.body.version });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).not.toBe(403);

    const secretariat = await tokenOf(admin, 'file', 'secretariat script');
    const org = await secretariat.script.post('/api/organisations', { name: 'Liwa Ahrar al-Janoub', kind: 'party' });
    expect(org.status).toBe(403);
    expect(org.body.code).toBe('token_scope');
    expect(org.body.detail).toMatch(/"file"/);
    const approve = await file.script.post('/api/exchanges/0190f5a0-0000-7000-8000-000000000001/approve', {});
    expect(approve.status).toBe(403);
    expect(approve.body.code).toBe('token_scope');
    // Refused before anything ran: no such organisation now.
    expect((await admin.get('/api/organisations')).body.some((o: { name: string }) => o.name === 'Liwa Ahrar al-Janoub')).toBe(false);
  });

  it('refuses a token past its expiry with 401', async () => {
    const gov = await ts.signedIn(demo('government', 'officer'));
    const made = await gov.post('/api/account/tokens', { name: 'short-lived', scope: 'read', expiresAt: inAWeek() });
    await ts.server.ctx.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', made.body.id)
      .execute();
    const script = new Client(ts.url);
    script.bearer = made.body.token;
    const res = await script.get('/api/reports');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('token_expired');
    const listed = (await gov.get('/api/account/tokens')).body.find((t: { id: string }) => t.id === made.body.id);
    expect(listed.expired).toBe(true);
  });
});

describe.each(ENGINES)('sign-in throttled per client on %s', (engine) => {
  const spray = async (ts: TestServer, headersOf: (i: number) => Record<string, string>) => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await ts.client().post('/api/session', { email: `user${i}@gov-sy.example`, password: 'Damascus-2017!' }, { headers: headersOf(i) });
      statuses.push(res.status);
      if (res.status === 429) expect(res.body.code).toBe('rate_limited');
    }
    return statuses;
  };

  it('refuses a client that tries one password on many addresses, whatever X-Forwarded-For it sends', async () => {
    // The default limit (the harness otherwise raises it for tests that sign in often).
    const ts = await startTestServer(engine, { env: { TRUCE_LOGIN_CLIENT_RATE_LIMIT: '' } });
    try {
      const statuses = await spray(ts, (i) => ({ 'x-forwarded-for': `203.0.113.${i + 1}` }));
      expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
      expect(statuses.slice(20)).toEqual(Array(10).fill(429));
    } finally {
      await ts.close();
    }
  });

  it('tells apart the clients behind a trusted proxy', async () => {
    const ts = await startTestServer(engine, { env: { TRUCE_LOGIN_CLIENT_RATE_LIMIT: '', TRUCE_TRUST_PROXY: '127.0.0.1' } });
    try {
      const apart = await spray(ts, (i) => ({ 'x-forwarded-for': `203.0.113.${i + 1}` }));
      expect(apart).toEqual(Array(30).fill(401));
      const one = await spray(ts, () => ({ 'x-forwarded-for': '198.51.100.7' }));
      expect(one).toContain(429);
    } finally {
      await ts.close();
    }
  });
});
