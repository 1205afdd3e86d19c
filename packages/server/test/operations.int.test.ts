import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startTestServer, type TestServer } from './harness.ts';

describe.each(ENGINES)('operations on %s', (engine) => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer(engine);
  });
  afterAll(() => ts.close());

  it('describes every route in an OpenAPI 3.1 document with absolute paths', async () => {
    const res = await ts.client().get('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    const documented = new Set<string>();
    for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      expect(p.startsWith('/')).toBe(true);
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${p}`);
    }
    const toOpenApi = (url: string) => url.replace(/:(\w+)/g, '{$1}').replace('/*', '/{*}');
    for (const route of ts.server.app.routeTable) {
      if (route.url.startsWith('/api/docs') || route.url === '/api/openapi.json') continue;
      expect(documented.has(`${route.method} ${toOpenApi(route.url)}`), `${route.method} ${route.url}`).toBe(true);
    }
    expect((await ts.client().get('/api/docs')).status).toBeLessThan(400);
  });

  it('describes what every route answers: a schema for its success body, or the file types it sends', async () => {
    const doc = (await ts.client().get('/api/openapi.json')).body;
    const undescribed: string[] = [];
    for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, { responses?: Record<string, any> }>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const success = Object.entries(op.responses ?? {}).filter(([code]) => /^[23]/.test(code));
        const described = success.some(([code, r]) => {
          if (code === '204' || code.startsWith('3')) return true;
          const media = Object.values((r.content ?? {}) as Record<string, { schema?: Record<string, unknown> }>);
          return media.length > 0 && media.every((m) => m.schema && Object.keys(m.schema).length > 0);
        });
        if (!described) undescribed.push(`${method.toUpperCase()} ${p}`);
      }
    }
    expect(undescribed).toEqual([]);
  });

  it('sends the security headers on answers, refusals and bad requests alike', async () => {
    const badJson = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email": ' };
    for (const [path, status, init] of [
      ['/api/health', 200, {}],
      ['/api/reports', 401, {}],
      ['/api/session', 400, badJson],
    ] as const) {
      const res = await fetch(`${ts.server.url}${path}`, init);
      expect(res.status, path).toBe(status);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("img-src 'self' data: blob:");
      expect(csp, path).toContain("object-src 'none'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security'), path).toMatch(/^max-age=\d+/);
    }
  });

  it('answers health with 200, and 503 once the database is gone', async () => {
    const ok = await ts.client().get('/api/health');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'ok', database: 'ok', engine });
    const other = await startTestServer(engine);
    await other.server.ctx.db.destroy();
    const down = await other.client().get('/api/health');
    expect(down.status).toBe(503);
    expect(down.body.database).toBe('unreachable');
    await other.close();
  });
});
