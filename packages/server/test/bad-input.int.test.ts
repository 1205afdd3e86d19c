import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startTestServer, type TestServer, type Client } from './harness.ts';

describe.each(ENGINES)('bad input on %s', (engine) => {
  let ts: TestServer;
  let admin: Client;
  let logSizeBefore: number;

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    admin = await ts.signedIn('admin.secretariat@demo.truce.example');
    logSizeBefore = (await admin.get('/api/log/entries?limit=1')).body.size;
  });
  afterAll(() => ts.close());

  it('refuses malformed JSON with a 400 that says so', async () => {
    const res = await admin.post('/api/organisations', undefined, { raw: '{"name": "Broken", "kind": ' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('invalid_json');
    expect(res.body.detail).toMatch(/not valid JSON/);
  });

  it('refuses bytes that are not UTF-8', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"name":"Halab '), 0xff, 0xfe, ...new TextEncoder().encode('","kind":"party"}')]);
    const res = await admin.post('/api/organisations', undefined, { raw: bytes });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_utf8');
  });

  it('names the field with the wrong type, and refuses unknown fields', async () => {
    const wrongType = await admin.post('/api/organisations', { name: 12, kind: 'party' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors).toContainEqual({ path: '/body/name', message: 'must be string' });

    const badKind = await admin.post('/api/organisations', { name: 'Free Idlib Army', kind: 'rebel' });
    expect(badKind.status).toBe(400);
    expect(badKind.body.errors.some((e: { path: string }) => e.path === '/body/kind')).toBe(true);

    const unknown = await admin.post('/api/organisations', { name: 'Free Idlib Army', kind: 'party', isAdmin: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toContainEqual({ path: '/body/isAdmin', message: 'is not a known field' });

    const missing = await admin.post('/api/users', { name: 'Rana Youssef', role: 'officer' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['/body/email', '/body/organisationId']));

    const badQuery = await admin.get('/api/log/proof/inclusion?index=-1&tree_size=abc');
    expect(badQuery.status).toBe(400);
  });

  it('refuses oversized bodies', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), kind: 'party' });
    const res = await admin.post('/api/organisations', undefined, { raw: huge });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('too_large');
    const long = await admin.post('/api/organisations', { name: 'ا'.repeat(201), kind: 'party' });
    expect(long.status).toBe(400);
  });

  it('refuses a non-JSON content type', async () => {
    const res = await admin.post('/api/organisations', undefined, { raw: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
  });

  it('left no half-written record and keeps serving', async () => {
    const after = (await admin.get('/api/log/entries?limit=1')).body.size;
    expect(after).toBe(logSizeBefore);
    const orgs = (await admin.get('/api/organisations')).body as { name: string }[];
    expect(orgs.some((o) => o.name.includes('Halab') || o.name === 'Free Idlib Army' || o.name === 'Broken')).toBe(false);
    expect((await ts.client().get('/api/health')).status).toBe(200);
  });
});
