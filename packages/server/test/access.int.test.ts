import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can } from '@truce/core/policy/policy';
import { ORG_KINDS, ROLES, type Actor } from '@truce/core/model/accounts';
import { ENGINES, startTestServer, type TestServer, type Client } from './harness.ts';

/**
 * The route × role walk: every route of the app, called without a session and as every
 * role of every kind of organisation. Without a session: 401 (unless the route is
 * public); where the policy denies: 403; never a 500.
 */
const ORG_KEY_BY_KIND: Record<string, string[]> = {
  secretariat: ['secretariat'],
  guarantor: ['russia'],
  party: ['government', 'north-dawn'],
  facilitator: ['facilitator'],
  observer: ['osesgs'],
};

function concrete(url: string): string {
  return url.replace(':id', '0190c0de-0000-7000-8000-000000000000').replace(':index', '0').replace('/*', '/0/000');
}

describe.each(ENGINES)('access on %s', (engine) => {
  let ts: TestServer;
  let routes: { method: string; url: string; access: string }[];
  const clients = new Map<string, { client: Client; actor: Actor }>();

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    // A monitor organisation is not in the demo: admit one with three users.
    const admin = await ts.signedIn('admin.secretariat@demo.truce.example');
    const monitor = (await admin.post('/api/organisations', { name: 'Field Monitors (test)', kind: 'monitor' })).body;
    routes = ts.server.app.routeTable.filter((r) => !r.url.startsWith('/api/docs/'));
    for (const [kind, keys] of Object.entries(ORG_KEY_BY_KIND)) {
      for (const key of keys) {
        for (const role of ROLES) {
          const email = `${role}.${key}@demo.truce.example`;
          const client = await ts.signedIn(email);
          const me = (await client.get('/api/session')).body.user;
          clients.set(email, { client, actor: { userId: me.id, orgId: me.organisationId, orgKind: kind as Actor['orgKind'], role } });
        }
      }
    }
    for (const role of ROLES) {
      const made = await admin.post('/api/users', { name: `Monitor ${role}`, email: `${role}@monitors.example`, organisationId: monitor.id, role });
      const c = ts.client();
      await c.post('/api/session', { email: `${role}@monitors.example`, password: made.body.temporaryPassword });
      await c.post('/api/account/password', { currentPassword: made.body.temporaryPassword, newPassword: `Monitor-${role}-password-1` });
      const me = (await c.get('/api/session')).body.user;
      clients.set(`${role}@monitors.example`, { client: c, actor: { userId: me.id, orgId: me.organisationId, orgKind: 'monitor', role } });
    }
  });
  afterAll(() => ts.close());

  it('covers every kind of organisation and every role', () => {
    const kinds = new Set([...clients.values()].map((c) => c.actor.orgKind));
    expect([...kinds].sort()).toEqual([...ORG_KINDS].sort());
    expect(routes.length).toBeGreaterThan(25);
    // Meetings (C7): every route walked like the others' (schedule, agenda, attendance, minutes, decisions, action items).
    expect(routes.filter((r) => r.access.startsWith('meetings.')).map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining([
        'GET /api/meetings',
        'GET /api/meetings/:id/agenda-proposal',
        'PUT /api/meetings/:id/attendance',
        'POST /api/decisions/:id/approve',
        'GET /api/action-items',
        'POST /api/action-items/:id/done',
      ]),
    );
  });

  it('answers 401 to every non-public route without a session, whatever the body', async () => {
    const anonymous = ts.client();
    for (const route of routes) {
      const res = await anonymous.request(route.method, concrete(route.url), route.method === 'GET' ? undefined : { bogus: '\u0000', version: 'x' });
      if (route.access === 'public') {
        expect(res.status, `${route.method} ${route.url}`).not.toBe(401);
        expect(res.status, `${route.method} ${route.url}`).toBeLessThan(500);
      } else {
        expect(res.status, `${route.method} ${route.url}`).toBe(401);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
    }
    // Unknown API paths do not reveal that they do not exist.
    expect((await anonymous.get('/api/no-such-thing')).status).toBe(401);
    expect((await anonymous.post('/api/users/whatever', { x: 1 })).status).toBe(401);
  });

  it('answers 403 exactly where the policy denies, and never 500', async () => {
    let checked = 0;
    for (const [email, { client, actor }] of clients) {
      for (const route of routes) {
        if (route.access === 'public' || (route.method === 'DELETE' && route.url === '/api/session')) continue;
        const res = await client.request(route.method, concrete(route.url), route.method === 'GET' ? undefined : {});
        const label = `${email} ${route.method} ${route.url} → ${res.status} ${res.text.slice(0, 120)}`;
        expect(res.status, label).toBeLessThan(500);
        if (can(actor, route.access as Parameters<typeof can>[1])) {
          expect(res.status, label).not.toBe(401);
          expect(res.status, label).not.toBe(403);
        } else {
          expect(res.status, label).toBe(403);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(400);
  });

  it('declares the exchange routes with their policy actions: withdrawing is an access of its own (C6)', () => {
    const declared = routes
      .filter((r) => r.url.startsWith('/api/exchange'))
      .map((r) => `${r.method} ${r.url} ${r.access}`)
      .sort();
    expect(declared).toEqual([
      'GET /api/exchange-stats exchange.stats',
      'GET /api/exchanges exchange.read',
      'GET /api/exchanges/:id exchange.read',
      'POST /api/exchanges exchange.propose',
      'POST /api/exchanges/:id/approve exchange.approve',
      'POST /api/exchanges/:id/endorse exchange.endorse',
      'POST /api/exchanges/:id/outcomes exchange.release',
      'POST /api/exchanges/:id/withdraw exchange.withdraw',
      'PUT /api/exchanges/:id/meeting exchange.propose',
    ]);
  });

  it('declares the publication routes with their policy actions, and lets only the secretariat issue (C8)', async () => {
    const declared = routes
      .filter((r) => r.url.startsWith('/api/publications'))
      .map((r) => `${r.method} ${r.url} ${r.access}`)
      .sort();
    expect(declared).toEqual([
      'GET /api/publications publications.read',
      'GET /api/publications/:id publications.read',
      'POST /api/publications publications.issue',
    ]);
    for (const [email, { client, actor }] of clients) {
      const listed = await client.get('/api/publications');
      expect(listed.status, `${email} GET /api/publications`).toBe(can(actor, 'publications.read') ? 200 : 403);
      // A body that is not valid: allowed callers get 400 (naming the field), the others 403.
      const issued = await client.post('/api/publications', { kind: 'un', from: '2017-03-31', to: '2017-01-01', language: 'en' });
      expect(issued.status, `${email} POST /api/publications → ${issued.text.slice(0, 120)}`).toBe(can(actor, 'publications.issue') ? 400 : 403);
    }
  });

  it('serves every export format exactly to those the policy lets read the data (C8)', async () => {
    const exportsRoutes = routes.filter((r) => r.url.startsWith('/api/exports/') || r.url.startsWith('/api/reports/export.'));
    expect(exportsRoutes.map((r) => `${r.method} ${r.url} ${r.access}`).sort()).toEqual([
      'GET /api/exports/incidents incident.read',
      'GET /api/exports/reports report.read',
      'GET /api/reports/export.csv report.read',
      'GET /api/reports/export.geojson report.read',
    ]);
    const urls: [string, 'report.read' | 'incident.read'][] = [
      ...['csv', 'hxl', 'acled', 'geojson', 'json'].map((f): [string, 'report.read'] => [`/api/exports/reports?format=${f}`, 'report.read']),
      ...['csv', 'hxl', 'geojson', 'json'].map((f): [string, 'incident.read'] => [`/api/exports/incidents?format=${f}`, 'incident.read']),
    ];
    for (const [email, { client, actor }] of clients) {
      for (const [url, action] of urls) {
        const res = await client.get(url);
        expect(res.status, `${email} ${url} → ${res.status} ${res.text.slice(0, 120)}`).toBe(can(actor, action) ? 200 : 403);
        if (res.status === 200)
          expect(decodeURIComponent(res.headers.get('x-truce-export-scope') ?? ''), `${email} ${url}`).toMatch(
            /^Exported for .+: contains only records this organisation may see/,
          );
      }
    }
    for (const [url] of urls) expect((await ts.client().get(url)).status, url).toBe(401);
  });
});
