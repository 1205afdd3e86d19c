import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../src/accounts/mfa.ts';
import { demo, ENGINES, startTestServer, type TestServer, Client } from './harness.ts';

describe.each(ENGINES)('accounts on %s', (engine) => {
  describe('one-time set-up', () => {
    let ts: TestServer;
    beforeAll(async () => {
      ts = await startTestServer(engine);
    });
    afterAll(() => ts.close());

    it('prints a set-up link on an empty installation and creates the first administrator once', async () => {
      expect(ts.server.setupUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/setup\/[A-Za-z0-9_-]{43}$/);
      const token = ts.server.setupUrl!.split('/setup/')[1];
      const c = ts.client();
      expect((await c.get('/api/setup/status')).body).toEqual({ needed: true, mechanism: null });

      const body = {
        token: token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'),
        mechanismName: 'Astana ceasefire monitoring group',
        organisationName: 'Joint Monitoring Group Secretariat',
        name: 'Leila Haddad',
        email: 'leila.haddad@jmg.example',
        password: 'Orontes-river-1917',
      };
      const wrong = await c.post('/api/setup', body);
      expect(wrong.status).toBe(403);
      expect(wrong.body.code).toBe('invalid_setup_token');

      const weak = await c.post('/api/setup', { ...body, token, password: 'short' });
      expect(weak.status).toBe(400);
      expect(weak.body.errors[0].path).toBe('/body/password');

      const ok = await c.post('/api/setup', { ...body, token });
      expect(ok.status).toBe(201);
      expect(ok.body.user).toMatchObject({ name: 'Leila Haddad', organisationKind: 'secretariat', role: 'admin' });
      expect(ok.body.mechanism).toEqual({ name: 'Astana ceasefire monitoring group', demo: false, now: expect.any(String) });
      // A real mechanism's time is the system's.
      expect(Math.abs(Date.parse(ok.body.mechanism.now) - Date.now())).toBeLessThan(60_000);

      const me = await c.get('/api/session');
      expect(me.status).toBe(200);
      expect(me.body.user.email).toBe('leila.haddad@jmg.example');

      const again = await ts.client().post('/api/setup', { ...body, token, email: 'intruder@example.org' });
      expect(again.status).toBe(403);
      expect((await c.get('/api/setup/status')).body).toEqual({
        needed: false,
        mechanism: { name: 'Astana ceasefire monitoring group', demo: false, now: expect.any(String) },
      });

      const mechanism = await c.get('/api/mechanism');
      expect(mechanism.body.logOrigin).toBe('truce/astana-ceasefire-monitoring-group');
      const taxonomy = await c.get('/api/mechanism/taxonomy');
      expect(taxonomy.body.map((t: { code: string }) => t.code)).toContain('shelling');
    });
  });

  describe('with the demo mechanism', () => {
    let ts: TestServer;
    beforeAll(async () => {
      ts = await startTestServer(engine, { demo: true, env: { TRUCE_LOGIN_RATE_LIMIT: '8' } });
    });
    afterAll(() => ts.close());

    it('writes one admin, officer and viewer per organisation with random passwords', async () => {
      expect(ts.accounts).toHaveLength(33);
      expect(new Set(ts.accounts.map((a) => a.password)).size).toBe(33);
      const orgs = await (await ts.signedIn(demo('secretariat', 'viewer'))).get('/api/organisations');
      expect(orgs.body.map((o: { name: string }) => o.name)).toEqual(
        expect.arrayContaining([
          'Russian Federation',
          'Republic of Türkiye',
          'Islamic Republic of Iran',
          'Government of the Syrian Arab Republic',
          'International Syria Support Group',
        ]),
      );
      const kinds = orgs.body.map((o: { kind: string }) => o.kind);
      expect(kinds.filter((k: string) => k === 'guarantor')).toHaveLength(3);
      expect(kinds.filter((k: string) => k === 'party')).toHaveLength(4);
    });

    it('signs in and out with a cookie that is HttpOnly and SameSite', async () => {
      const c = ts.client();
      const account = ts.accounts.find((a) => a.email === demo('russia', 'officer'))!;
      const bad = await c.post('/api/session', { email: account.email, password: account.password + 'x' });
      expect(bad.status).toBe(401);
      expect(bad.body.code).toBe('invalid_credentials');
      const unknown = await c.post('/api/session', { email: 'nobody@demo.truce.example', password: account.password });
      expect(unknown.body.code).toBe('invalid_credentials');

      const res = await c.post('/api/session', { email: account.email.toUpperCase(), password: account.password });
      expect(res.status).toBe(200);
      const cookie = res.headers.getSetCookie()[0];
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      expect(res.body.user.organisationName).toBe('Russian Federation');
      expect((await c.get('/api/session')).status).toBe(200);
      expect((await c.delete('/api/session')).status).toBe(204);
      expect((await c.get('/api/session')).status).toBe(401);
    });

    it('rate-limits repeated sign-in attempts', async () => {
      const c = ts.client();
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await c.post('/api/session', { email: demo('iran', 'viewer'), password: 'not-the-password' })).status);
      expect(statuses.slice(0, 8).every((s) => s === 401)).toBe(true);
      expect(statuses[9]).toBe(429);
    });

    it('changes a password, ending other sessions', async () => {
      const email = demo('turkey', 'viewer');
      const a = await ts.signedIn(email);
      const b = await ts.signedIn(email);
      const old = ts.accounts.find((x) => x.email === email)!.password;
      const wrong = await a.post('/api/account/password', { currentPassword: 'wrong-password-1', newPassword: 'Aleppo-citadel-2017' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors[0].path).toBe('/body/currentPassword');
      expect((await a.post('/api/account/password', { currentPassword: old, newPassword: 'Aleppo-citadel-2017' })).status).toBe(204);
      expect((await a.get('/api/session')).status).toBe(200);
      expect((await b.get('/api/session')).status).toBe(401);
      expect((await ts.client().post('/api/session', { email, password: old })).status).toBe(401);
      expect((await ts.client().post('/api/session', { email, password: 'Aleppo-citadel-2017' })).status).toBe(200);
    });

    it('enrols a second factor, then asks for it and refuses a reused code', async () => {
      const email = demo('orontes', 'officer');
      const c = await ts.signedIn(email);
      const start = await c.post('/api/account/totp');
      expect(start.status).toBe(200);
      expect(start.body.uri).toMatch(/^otpauth:\/\/totp\//);
      const secret: string = start.body.secret;
      expect((await c.post('/api/account/totp/confirm', { code: '000000' === currentTotp(secret) ? '111111' : '000000' })).status).toBe(400);
      // The confirmation code is from the previous step so that the sign-in below can use the current one.
      const confirm = await c.post('/api/account/totp/confirm', { code: currentTotp(secret, Date.now() - 30_000) });
      expect(confirm.status).toBe(200);
      expect(confirm.body).toEqual({ enabled: true, logIndex: expect.any(Number) });

      const password = ts.accounts.find((a) => a.email === email)!.password;
      const first = await ts.client().post('/api/session', { email, password });
      expect(first.status).toBe(401);
      expect(first.body.code).toBe('totp_required');
      const code = currentTotp(secret);
      const second = await ts.client().post('/api/session', { email, password, totp: code });
      expect(second.status).toBe(200);
      expect(second.body.user.totpEnabled).toBe(true);
      const replay = await ts.client().post('/api/session', { email, password, totp: code });
      expect(replay.status).toBe(401);
      expect(replay.body.code).toBe('totp_invalid');
    });

    it('makes new users change their one-time password and enrol a second factor when their role requires it', async () => {
      const admin = await ts.signedIn(demo('secretariat', 'admin'));
      const mechanism = (await admin.get('/api/mechanism')).body;
      const set = await admin.patch('/api/mechanism', { mfaRequiredRoles: ['guarantor:*'], version: mechanism.version });
      expect(set.status).toBe(200);
      const orgs = (await admin.get('/api/organisations')).body as { id: string; name: string }[];
      const iran = orgs.find((o) => o.name === 'Islamic Republic of Iran')!;
      const created = await admin.post('/api/users', { name: 'Dariush Karimi', email: 'd.karimi@mfa-ir.example', organisationId: iran.id, role: 'officer' });
      expect(created.status).toBe(201);
      const temporary: string = created.body.temporaryPassword;

      const c = new Client(ts.url);
      const signIn = await c.post('/api/session', { email: 'd.karimi@mfa-ir.example', password: temporary });
      expect(signIn.status).toBe(200);
      expect(signIn.body.user.mustChangePassword).toBe(true);
      const blocked = await c.get('/api/organisations');
      expect(blocked.status).toBe(403);
      expect(blocked.body.code).toBe('password_change_required');
      expect((await c.post('/api/account/password', { currentPassword: temporary, newPassword: 'Persepolis-gate-518' })).status).toBe(204);
      const stillBlocked = await c.get('/api/organisations');
      expect(stillBlocked.body.code).toBe('mfa_enrolment_required');
      expect((await c.get('/api/session')).body.mfaEnrolmentRequired).toBe(true);
      const { secret } = (await c.post('/api/account/totp')).body;
      expect((await c.post('/api/account/totp/confirm', { code: currentTotp(secret) })).status).toBe(200);
      expect((await c.get('/api/organisations')).status).toBe(200);

      // Demo accounts are exempt from the requirement.
      const demoGuarantor = await ts.signedIn(demo('russia', 'viewer'));
      expect((await demoGuarantor.get('/api/organisations')).status).toBe(200);
      const now = (await admin.get('/api/mechanism')).body;
      await admin.patch('/api/mechanism', { mfaRequiredRoles: [], version: now.version });
    });

    it('issues API tokens for scripts and revokes them', async () => {
      const c = await ts.signedIn(demo('osesgs', 'officer'));
      const created = await c.post('/api/account/tokens', { name: 'weekly report script' });
      expect(created.status).toBe(201);
      expect(created.body.token).toMatch(/^truce_[A-Za-z0-9_-]{43}$/);
      const script = new Client(ts.url);
      script.bearer = created.body.token;
      const me = await script.get('/api/session');
      expect(me.status).toBe(200);
      expect(me.body.user.organisationName).toBe('UN Office of the Special Envoy for Syria');
      const list = await c.get('/api/account/tokens');
      expect(list.body).toHaveLength(1);
      expect(list.body[0].lastUsedAt).not.toBeNull();
      expect(JSON.stringify(list.body)).not.toContain(created.body.token);
      expect((await c.delete(`/api/account/tokens/${created.body.id}`)).status).toBe(204);
      expect((await script.get('/api/session')).status).toBe(401);
      script.bearer = 'truce_' + 'A'.repeat(43);
      expect((await script.get('/api/session')).status).toBe(401);
    });

    it('stops a token at once when its user is deactivated, though tokens are remembered for a moment', async () => {
      const admin = await ts.signedIn(demo('secretariat', 'admin'));
      const orgs = (await admin.get('/api/organisations')).body as { id: string; name: string }[];
      const orontes = orgs.find((o) => o.name.startsWith('Orontes Valley Front'))!;
      const made = await admin.post('/api/users', { name: 'Rami Haddad', email: 'rami.haddad@orontes.example', organisationId: orontes.id, role: 'officer' });
      const rami = ts.client();
      await rami.post('/api/session', { email: 'rami.haddad@orontes.example', password: made.body.temporaryPassword });
      await rami.post('/api/account/password', { currentPassword: made.body.temporaryPassword, newPassword: 'Rami-Haddad-password-1' });
      const token = (await rami.post('/api/account/tokens', { name: 'field tablet' })).body.token;
      const script = new Client(ts.url);
      script.bearer = token;
      expect((await script.get('/api/session')).status).toBe(200);
      expect((await script.get('/api/session')).status).toBe(200); // now answered from memory
      const user = (await admin.get('/api/users')).body.find((u: { email: string }) => u.email === 'rami.haddad@orontes.example');
      expect((await admin.patch(`/api/users/${user.id}`, { active: false, version: user.version })).status).toBe(200);
      expect((await script.get('/api/session')).status).toBe(401);
    });

    it('lets the secretariat manage organisations and users, and an organisation admin only its own users', async () => {
      const admin = await ts.signedIn(demo('secretariat', 'admin'));
      const org = await admin.post('/api/organisations', { name: 'Field Monitoring Team East', shortName: 'FMT East', kind: 'monitor' });
      expect(org.status).toBe(201);
      expect(org.body).toMatchObject({ name: 'Field Monitoring Team East', kind: 'monitor', version: 1 });
      const dup = await admin.post('/api/organisations', { name: 'field monitoring team east', kind: 'monitor' });
      expect(dup.status).toBe(409);

      const renamed = await admin.patch(`/api/organisations/${org.body.id}`, { name: 'Field Monitoring Team (East)', version: 1 });
      expect(renamed.status).toBe(200);
      expect(renamed.body.version).toBe(2);
      const stale = await admin.patch(`/api/organisations/${org.body.id}`, { shortName: 'East', version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('stale_version');

      const orgs = (await admin.get('/api/organisations')).body as { id: string; name: string }[];
      const government = orgs.find((o) => o.name === 'Government of the Syrian Arab Republic')!;
      const northDawn = orgs.find((o) => o.name.startsWith('Northern Dawn'))!;
      const govAdmin = await ts.signedIn(demo('government', 'admin'));
      const own = await govAdmin.post('/api/users', {
        name: 'Samer al-Khatib',
        email: 'samer.khatib@gov-sy.example',
        organisationId: government.id,
        role: 'viewer',
      });
      expect(own.status).toBe(201);
      const other = await govAdmin.post('/api/users', { name: 'Spy', email: 'spy@gov-sy.example', organisationId: northDawn.id, role: 'admin' });
      expect(other.status).toBe(403);
      const govUsers = (await govAdmin.get('/api/users')).body as { organisationId: string }[];
      expect(govUsers.length).toBe(4);
      expect(govUsers.every((u) => u.organisationId === government.id)).toBe(true);
      expect((await govAdmin.get(`/api/users?organisationId=${northDawn.id}`)).status).toBe(403);

      const officer = await ts.signedIn(demo('government', 'officer'));
      expect((await officer.get('/api/users')).status).toBe(403);

      const allUsers = (await admin.get('/api/users')).body as { id: string; email: string; version: number }[];
      const target = allUsers.find((u) => u.email === 'samer.khatib@gov-sy.example')!;
      const deactivated = await admin.patch(`/api/users/${target.id}`, { active: false, version: target.version });
      expect(deactivated.status).toBe(200);
      expect(deactivated.body.active).toBe(false);
      const self = allUsers.find((u) => u.email === demo('secretariat', 'admin'))!;
      const selfDemote = await admin.patch(`/api/users/${self.id}`, { role: 'viewer', version: self.version });
      expect(selfDemote.status).toBe(400);

      // A lost password: the admin issues a new one-time password; the old one and open sessions stop working.
      const viewerEmail = demo('southern-union', 'viewer');
      const viewer = await ts.signedIn(viewerEmail);
      const target2 = allUsers.find((u) => u.email === viewerEmail)!;
      const reset = await admin.post(`/api/users/${target2.id}/password-reset`);
      expect(reset.status).toBe(200);
      expect((await viewer.get('/api/session')).status).toBe(401);
      const old = ts.accounts.find((a) => a.email === viewerEmail)!.password;
      expect((await ts.client().post('/api/session', { email: viewerEmail, password: old })).status).toBe(401);
      const fresh = await ts.client().post('/api/session', { email: viewerEmail, password: reset.body.temporaryPassword });
      expect(fresh.body.user.mustChangePassword).toBe(true);
      expect((await govAdmin.post(`/api/users/${self.id}/password-reset`)).status).toBe(404);
    });
  });
});
