import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startTestServer, type Client, type Res, type TestServer } from './harness.ts';

/**
 * A NUL character (U+0000) or a lone surrogate anywhere in what a client sends is
 * refused with 400 naming the field, by one rule for every route (http/text-guard.ts).
 * The routes and their fields are read from the OpenAPI document, so a new route is
 * covered without anyone adding it here.
 */

type Schema = { [key: string]: unknown };
type Step = string | number;
interface Case {
  method: string;
  url: string;
  body?: unknown;
  expected: string;
}

const NUL = 'a\u0000b';
const SOME_ID = '0190f5a0-0000-7000-8000-000000000001';

/** Every place a string may sit in a body of this schema, as steps from the body's root. */
function stringPlaces(schema: Schema | undefined, at: Step[], out: Map<string, Step[]>, depth = 0): void {
  if (!schema || depth > 10) return;
  for (const combinator of ['anyOf', 'oneOf', 'allOf'] as const) {
    for (const branch of (schema[combinator] as Schema[] | undefined) ?? []) stringPlaces(branch, at, out, depth + 1);
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  if (types.includes('string')) out.set(at.join('/'), at);
  if (schema.properties) {
    for (const [key, inner] of Object.entries(schema.properties as Record<string, Schema>)) stringPlaces(inner, [...at, key], out, depth + 1);
  }
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    // A map keyed by the client (a list file's column headers, say): an Arabic header.
    stringPlaces(schema.additionalProperties as Schema, [...at, 'الاسم الكامل'], out, depth + 1);
  }
  // The third item, so that the index in the answer is seen to be the right one.
  if (schema.items && typeof schema.items === 'object') stringPlaces(schema.items as Schema, [...at, 2], out, depth + 1);
}

/** A body holding `value` at the place `steps` lead to, and nothing else that is text. */
function bodyAt(steps: Step[], value: unknown): unknown {
  if (steps.length === 0) return value;
  const [head, ...rest] = steps;
  if (typeof head === 'number') return [...Array<null>(head).fill(null), bodyAt(rest, value)];
  return { [head]: bodyAt(rest, value) };
}

function casesFrom(doc: { paths: Record<string, Record<string, Schema>> }): Case[] {
  const cases: Case[] = [];
  for (const [template, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const params = (op.parameters as { in: string; name: string }[] | undefined) ?? [];
      const pathParams = params.filter((p) => p.in === 'path').map((p) => p.name);
      const urlWith = (bad?: string) =>
        template.replace(/\{([^}]+)\}/g, (_m, name: string) => (name === bad ? encodeURIComponent(NUL) : name === '*' ? '1/000' : SOME_ID));
      for (const name of pathParams) cases.push({ method: method.toUpperCase(), url: urlWith(name), expected: `/params/${name}` });
      for (const p of params.filter((x) => x.in === 'query')) {
        cases.push({
          method: method.toUpperCase(),
          url: `${urlWith()}?${encodeURIComponent(p.name)}=${encodeURIComponent(NUL)}`,
          expected: `/query/${p.name}`,
        });
      }
      const content = (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content ?? {};
      const places = new Map<string, Step[]>();
      stringPlaces(content['application/json']?.schema, [], places);
      for (const steps of places.values()) {
        cases.push({ method: method.toUpperCase(), url: urlWith(), body: bodyAt(steps, NUL), expected: `/body/${steps.join('/')}` });
      }
    }
  }
  return cases;
}

describe.each(ENGINES)('NUL characters and lone surrogates on %s', (engine) => {
  let ts: TestServer;
  let admin: Client;
  const clients = new Map<string, Client>();
  /** The demo accounts in the order they are tried: the secretariat first, then every other organisation. */
  let emails: string[];

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    admin = await ts.signedIn('admin.secretariat@demo.truce.example');
    clients.set('admin.secretariat@demo.truce.example', admin);
    emails = ts.accounts
      .filter((a) => a.role !== 'viewer')
      .map((a) => a.email)
      .sort((a, b) => Number(b.includes('.secretariat@')) - Number(a.includes('.secretariat@')));
  }, 120_000);
  afterAll(() => ts.close());

  const as = async (email: string) => {
    let c = clients.get(email);
    if (!c) clients.set(email, (c = await ts.signedIn(email)));
    return c;
  };

  /** Sends the case as the first demo account the route lets in (the refusal by role comes before any input is read). */
  async function send(c: Case): Promise<Res> {
    let res: Res | undefined;
    for (const email of emails) {
      const client = await as(email);
      res = await client.request(c.method, c.url, c.body);
      if (res.status !== 403) return res;
    }
    return res!;
  }

  it('refuses a NUL in every path and query parameter and every body string of every route in the API description, naming it', async () => {
    const doc = (await ts.client().get('/api/openapi.json')).body;
    const cases = casesFrom(doc);
    // The description must really have been walked: parameters, nested arrays, maps.
    expect(cases.length).toBeGreaterThan(300);
    expect(cases.some((c) => c.expected === '/query/type')).toBe(true);
    expect(cases.some((c) => /^\/body\/persons\/2\//.test(c.expected))).toBe(true);
    expect(cases.some((c) => c.expected === '/body/mapping/الاسم الكامل')).toBe(true);
    const wrong: string[] = [];
    for (const c of cases) {
      const res = await send(c);
      const path = res.body?.errors?.[0]?.path;
      if (
        res.status !== 400 ||
        path !== c.expected ||
        res.body.code !== 'invalid_text' ||
        !res.headers.get('content-type')?.includes('application/problem+json')
      ) {
        wrong.push(`${c.method} ${c.url} ${c.expected}: ${res.status} ${path ?? res.text.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('names the examples measured from outside', async () => {
    const reports = await admin.get('/api/reports?type=a%00b');
    expect(reports.status).toBe(400);
    expect(reports.body.errors[0]).toEqual({ path: '/query/type', message: 'must not contain a NUL character (U+0000)' });
    expect((await admin.get('/api/dashboard?type=%00')).body.errors[0].path).toBe('/query/type');
    const token = await admin.post('/api/account/tokens', { name: 'a\u0000b' });
    expect(token.status).toBe(400);
    expect(token.body.errors[0].path).toBe('/body/name');
    const org = await admin.post('/api/organisations', { name: 'جبهة\u0000الشمال', kind: 'party' });
    expect(org.status).toBe(400);
    expect(org.body.errors[0].path).toBe('/body/name');
    const lists = (await (await as('officer.government@demo.truce.example')).get('/api/detainee-lists')).body.lists as { id: string }[];
    const upload = await (await as('officer.government@demo.truce.example')).post(
      `/api/detainee-lists/${lists[0].id}/uploads?fileName=held%00.csv`,
      undefined,
      {
        raw: 'ref,full_name\n1,أحمد الحسن\n',
        headers: { 'content-type': 'text/csv' },
      },
    );
    expect(upload.status).toBe(400);
    expect(upload.body.errors[0].path).toBe('/query/fileName');
  });

  it('refuses a NUL in a field name, deep in a body', async () => {
    const res = await admin.post('/api/organisations', { name: 'Liwa al-Haqq', kind: 'party', extra: { ['k\u0000']: 1 } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('/body/extra/k\\u0000');
  });

  it('refuses lone surrogates on a sample of routes, and keeps surrogate pairs', async () => {
    const samples: [string, string, unknown, string][] = [
      ['POST', '/api/organisations', { name: 'جيش \uD800 الحر', kind: 'party' }, '/body/name'],
      ['POST', '/api/account/tokens', { name: 'tablet \uDC00' }, '/body/name'],
      ['POST', '/api/users', { name: 'Rana Youssef', email: 'rana@example.org', organisationId: SOME_ID, role: 'officer', ['\uDBFF']: 'x' }, '/body/\\uDBFF'],
      ['POST', '/api/meetings', { title: 'اجتماع أستانا \uDFFF', persons: [] }, '/body/title'],
      ['PATCH', '/api/mechanism', { version: 1, name: 'x\uD83D' }, '/body/name'],
    ];
    for (const [method, url, body, path] of samples) {
      const res = await admin.request(method, url, body);
      expect(res.status, `${method} ${url}`).toBe(400);
      expect(res.body.errors[0].path).toBe(path);
      expect(res.body.errors[0].message).toMatch(/unpaired surrogate/);
    }
    const dove = await admin.post('/api/organisations', { name: 'Peace Monitors 🕊️ سلام', kind: 'monitor' });
    expect(dove.status).toBe(201);
  });

  it("refuses a NUL in an evidence upload's fields and file name", async () => {
    const officer = await as('officer.government@demo.truce.example');
    const upload = async (fileName: string, fields: Record<string, string>) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      form.append('file', new Blob(['شهادة من حلب']), fileName);
      const res = await fetch(`${ts.url}/api/evidence`, { method: 'POST', body: form, headers: { cookie: officer.cookie! } });
      return { status: res.status, body: (await res.json()) as { errors?: { path: string }[] } };
    };
    const badField = await upload('statement.txt', { captureTime: '2017-01-02T10:00:00Z\u0000' });
    expect(badField.status).toBe(400);
    expect(badField.body.errors?.[0].path).toBe('/body/captureTime');
    const badName = await upload('statement\u0000.txt', {});
    expect(badName.status).toBe(400);
    expect(badName.body.errors?.[0].path).toBe('/body/file');
  });

  it('never answers 500 to a NUL in a header the app reads', async () => {
    // fetch refuses to send such a header, so the request is written by hand.
    const { port } = new URL(ts.url);
    const status = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `POST /api/reports HTTP/1.1\r\nHost: x\r\n${admin.cookie ? `Cookie: ${admin.cookie}\r\n` : ''}Idempotency-Key: a\u0000b\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`,
        );
      });
      let data = '';
      socket.on('data', (d) => {
        data += d.toString('latin1');
        if (data.includes('\r\n')) {
          resolve(data.split('\r\n')[0]);
          socket.destroy();
        }
      });
      socket.on('error', reject);
    });
    expect(status).toMatch(/^HTTP\/1\.1 400/);
  });
});
