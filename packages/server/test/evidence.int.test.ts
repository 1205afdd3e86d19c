import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, demo, startTestServer, type Client, type TestServer } from './harness.ts';
import { makeJpeg, makePdf, makePng } from './evidence-files.ts';

/** The small limit every test here runs under, so that "too large" is cheap to send. */
const MAX = 65536;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface Upload {
  file?: { bytes: Uint8Array | string; type?: string; name?: string };
  fields?: Record<string, string>;
}

/** POSTs a multipart form the way a browser does, with fetch's FormData and Blob. */
async function upload(ts: TestServer, client: Client | null, { file, fields = {} }: Upload) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file)
    form.append(
      'file',
      new Blob([typeof file.bytes === 'string' ? file.bytes : new Uint8Array(file.bytes)], { type: file.type ?? '' }),
      file.name ?? 'upload.bin',
    );
  const res = await fetch(`${ts.url}/api/evidence`, { method: 'POST', headers: client?.cookie ? { cookie: client.cookie } : {}, body: form });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
}

async function download(ts: TestServer, client: Client, hash: string) {
  const res = await fetch(`${ts.url}/api/evidence/${hash}`, { headers: client.cookie ? { cookie: client.cookie } : {} });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** Every file under <data dir>/evidence/<sub>. */
function filesUnder(ts: TestServer, sub: 'sha256' | 'tmp'): string[] {
  const root = path.join(ts.dataDir, 'evidence', sub);
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile());
}

async function until(check: () => boolean, ms = 3000): Promise<boolean> {
  for (const start = Date.now(); Date.now() - start < ms; await new Promise((r) => setTimeout(r, 25))) if (check()) return true;
  return check();
}

/**
 * Sends a request through node:http, writing `send` bytes of `body` (which may be much
 * longer, or declared longer), and resolves with the first response, whether or not
 * the body was finished: the server is expected to answer early.
 */
function rawPost(url: string, headers: Record<string, string>, chunks: Iterable<Uint8Array>, end: boolean): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(url, { method: 'POST', headers });
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body });
      });
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    (async () => {
      for (const chunk of chunks) {
        if (answered || req.destroyed) return;
        if (!req.write(chunk)) {
          await new Promise<void>((resolve) => {
            const done = () => {
              req.off('drain', done).off('close', done);
              resolve();
            };
            req.on('drain', done).on('close', done);
          });
        }
      }
      if (end && !answered) req.end();
    })().catch(() => {});
  });
}

describe.each(ENGINES)('evidence files on %s', (engine) => {
  let ts: TestServer;
  let government: Client;
  let governmentViewer: Client;
  let northDawn: Client;
  let guarantor: Client;
  let secretariat: Client;
  let observer: Client;
  const png = makePng(3, 2, { rgb: [10, 120, 40] });
  const jpeg = makeJpeg();
  const pdf = makePdf('Shelling of Wadi Barada, annex 2');

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true, env: { TRUCE_EVIDENCE_MAX_BYTES: String(MAX) } });
    government = await ts.signedIn(demo('government', 'officer'));
    governmentViewer = await ts.signedIn(demo('government', 'viewer'));
    northDawn = await ts.signedIn(demo('north-dawn', 'officer'));
    guarantor = await ts.signedIn(demo('russia', 'viewer'));
    secretariat = await ts.signedIn(demo('secretariat', 'officer'));
    observer = await ts.signedIn(demo('osesgs', 'admin'));
  });
  afterAll(() => ts.close());

  it('stores a PNG under its SHA-256 and gives the same bytes back, with digest and safe headers', async () => {
    const res = await upload(ts, government, {
      file: { bytes: png, type: 'image/png', name: 'crater.png' },
      fields: { captureTime: '2017-01-23T14:30:00+03:00' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toEqual({
      sha256: sha256(png),
      size: png.length,
      mediaType: 'image/png',
      captureTime: '2017-01-23T11:30:00.000Z',
      originalName: 'crater.png',
      logIndex: expect.any(Number),
    });
    const stored = path.join(ts.dataDir, 'evidence', 'sha256', res.body.sha256.slice(0, 2), res.body.sha256);
    expect(new Uint8Array(fs.readFileSync(stored))).toEqual(new Uint8Array(png));

    const got = await download(ts, government, res.body.sha256);
    expect(got.status).toBe(200);
    expect(got.bytes).toEqual(new Uint8Array(png));
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename="crater.png"; filename*=UTF-8''crater.png`);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    const b64 = Buffer.from(res.body.sha256, 'hex').toString('base64');
    expect(got.headers.get('repr-digest')).toBe(`sha-256=:${b64}:`);
    expect(got.headers.get('digest')).toBe(`sha-256=${b64}`);
    expect(got.headers.get('cache-control')).toBe('private, no-store');
  });

  it('takes a JPEG and a PDF, detecting their types from the content', async () => {
    const j = await upload(ts, government, { file: { bytes: jpeg, type: 'image/jpeg', name: 'checkpoint.jpg' } });
    expect(j.status, JSON.stringify(j.body)).toBe(201);
    expect(j.body).toMatchObject({ sha256: sha256(jpeg), mediaType: 'image/jpeg', size: jpeg.length, captureTime: null });
    // No claimed type at all (octet-stream): the content decides.
    const p = await upload(ts, government, { file: { bytes: pdf, type: 'application/octet-stream', name: 'محضر.pdf' } });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    expect(p.body).toMatchObject({ sha256: sha256(pdf), mediaType: 'application/pdf', originalName: 'محضر.pdf' });
    const got = await download(ts, guarantor, p.body.sha256);
    expect(got.bytes).toEqual(new Uint8Array(pdf));
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent('محضر.pdf')}`);
  });

  it('takes UTF-8 text as text/plain, and serves it as text', async () => {
    const text = 'شهادة: سمعنا القصف عند الساعة ١٠\nWitness statement, 23 January.\n';
    const res = await upload(ts, northDawn, { file: { bytes: text, type: 'text/plain', name: 'witness.txt' }, fields: { mediaType: 'text/plain' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.mediaType).toBe('text/plain');
    const got = await download(ts, northDawn, res.body.sha256);
    expect(got.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(new TextDecoder().decode(got.bytes)).toBe(text);
  });

  it('stores the same bytes once, records each upload, and shows each party only its own uploads', async () => {
    const before = filesUnder(ts, 'sha256').length;
    const logBefore = (await secretariat.get('/api/log/entries?limit=1')).body.size;
    const photo = makePng(4, 4, { rgb: [1, 2, 3] });
    const first = await upload(ts, government, { file: { bytes: photo, type: 'image/png', name: 'government-copy.png' } });
    expect(first.status).toBe(201);
    expect((await download(ts, northDawn, first.body.sha256)).status).toBe(404);
    const second = await upload(ts, northDawn, {
      file: { bytes: photo, type: 'image/png', name: 'our-copy.png' },
      fields: { captureTime: '2017-01-24T08:00:00Z' },
    });
    expect(second.status).toBe(201);
    expect(second.body).toEqual({
      sha256: first.body.sha256,
      size: photo.length,
      mediaType: 'image/png',
      captureTime: '2017-01-24T08:00:00.000Z',
      originalName: 'our-copy.png',
      logIndex: expect.any(Number),
    });
    expect(filesUnder(ts, 'sha256').length).toBe(before + 1);
    expect((await secretariat.get('/api/log/entries?limit=1')).body.size).toBe(logBefore + 2);

    // Having uploaded the bytes too, Northern Dawn may read them, but learns nothing of the government's upload.
    const theirs = (await northDawn.get(`/api/evidence/${first.body.sha256}/meta`)).body;
    expect(theirs.uploads).toHaveLength(1);
    expect(theirs).toMatchObject({ originalName: 'our-copy.png', captureTime: '2017-01-24T08:00:00.000Z', mediaType: 'image/png', size: photo.length });
    expect(JSON.stringify(theirs)).not.toContain('government-copy');
    const all = (await guarantor.get(`/api/evidence/${first.body.sha256}/meta`)).body;
    expect(all.uploads.map((u: { originalName: string }) => u.originalName)).toEqual(['government-copy.png', 'our-copy.png']);
    expect(all.originalName).toBe('government-copy.png');
  });

  it('appends one log entry per upload, the file name only as a commitment', async () => {
    const doc = makePdf('Log entry check');
    const res = await upload(ts, government, { file: { bytes: doc, type: 'application/pdf', name: 'Ahmad al-Khatib statement.pdf' } });
    expect(res.status).toBe(201);
    const { entries } = (await secretariat.get('/api/log/entries?limit=1')).body;
    const entry = entries[0].entry;
    expect(entry).toMatchObject({
      type: 'evidence.uploaded',
      subject: { evidence: res.body.sha256 },
      data: { size: doc.length, mediaType: 'application/pdf' },
    });
    expect(Object.keys(entry.commitments)).toEqual(['originalName']);
    expect(JSON.stringify(entries[0])).not.toContain('Khatib');
    const meta = (await government.get(`/api/evidence/${res.body.sha256}/meta`)).body;
    expect(meta.uploads[0].logIndex).toBe(entries[0].index);
  });

  it('shows a file to its uploader organisation, the secretariat and the guarantors, and 404 to anyone else', async () => {
    const res = await upload(ts, government, { file: { bytes: makePng(2, 5), type: 'image/png', name: 'position.png' } });
    const hash = res.body.sha256;
    for (const c of [government, governmentViewer, secretariat, guarantor]) expect((await download(ts, c, hash)).status).toBe(200);
    const other = await download(ts, northDawn, hash);
    expect(other.status).toBe(404);
    const missing = await download(ts, northDawn, 'ab'.repeat(32));
    expect(new TextDecoder().decode(other.bytes).replace(hash, 'X')).toBe(new TextDecoder().decode(missing.bytes).replace('ab'.repeat(32), 'X'));
    expect((await northDawn.get(`/api/evidence/${hash}/meta`)).status).toBe(404);
    // Observers are not among the readers at all: the policy refuses at the route.
    expect((await download(ts, observer, hash)).status).toBe(403);
    expect((await governmentViewer.get(`/api/evidence/${hash.toUpperCase()}/meta`)).status).toBe(400);
  });

  it('refuses a PNG claimed to be a PDF, and HTML disguised as a JPEG, naming /body/file', async () => {
    const logBefore = (await secretariat.get('/api/log/entries?limit=1')).body.size;
    const storedBefore = filesUnder(ts, 'sha256').length;
    const claimed = await upload(ts, government, {
      file: { bytes: makePng(5, 5), type: 'application/pdf', name: 'report.pdf' },
      fields: { mediaType: 'application/pdf' },
    });
    expect(claimed.status).toBe(415);
    expect(claimed.headers.get('content-type')).toContain('application/problem+json');
    expect(claimed.body).toMatchObject({
      code: 'media_type_mismatch',
      errors: [{ path: '/body/file', message: 'content is image/png, not application/pdf as claimed' }],
    });

    const html = '<!doctype html><html><body><script>fetch("/api/session")</script></body></html>';
    const disguised = await upload(ts, government, { file: { bytes: html, type: 'image/jpeg', name: 'photo.jpg' } });
    expect(disguised.status).toBe(415);
    expect(disguised.body.errors[0]).toEqual({ path: '/body/file', message: 'content is text/plain, not image/jpeg as claimed' });

    const gif = new Uint8Array([...Buffer.from('GIF89a', 'latin1'), 1, 0, 1, 0, 0, 0, 0, 0x3b]);
    const notAccepted = await upload(ts, government, { file: { bytes: gif, type: 'application/octet-stream', name: 'x.gif' } });
    expect(notAccepted.status).toBe(415);
    expect(notAccepted.body).toMatchObject({ code: 'media_type_not_accepted', errors: [{ path: '/body/file' }] });
    const noise = await upload(ts, government, { file: { bytes: new Uint8Array([0, 159, 146, 150, 0, 1, 2, 3]), name: 'x.bin' } });
    expect(noise.status).toBe(415);
    expect(noise.body.code).toBe('media_type_unrecognised');

    expect((await secretariat.get('/api/log/entries?limit=1')).body.size).toBe(logBefore);
    expect(filesUnder(ts, 'sha256').length).toBe(storedBefore);
    expect(filesUnder(ts, 'tmp')).toEqual([]);
  });

  it('checks the fields, naming each', async () => {
    const file = { bytes: png, type: 'image/png', name: 'a.png' };
    const future = await upload(ts, government, { file, fields: { captureTime: new Date(Date.now() + 3600_000).toISOString() } });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([{ path: '/body/captureTime', message: 'is in the future' }]);
    const vague = await upload(ts, government, { file, fields: { captureTime: '2017-01-23 14:30' } });
    expect(vague.body.errors[0].path).toBe('/body/captureTime');
    const badType = await upload(ts, government, { file, fields: { mediaType: 'a picture' } });
    expect(badType.status).toBe(400);
    expect(badType.body.errors[0].path).toBe('/body/mediaType');
    const unknown = await upload(ts, government, { file, fields: { location: 'Idlib' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: '/body/location', message: 'is not a known field' }]);
    const long = await upload(ts, government, { file, fields: { mediaType: 'image/' + 'x'.repeat(300) } });
    expect(long.status).toBe(400);
    expect(long.body.errors[0]).toEqual({ path: '/body/mediaType', message: 'is longer than 256 bytes' });
    const none = await upload(ts, government, { fields: { captureTime: '2017-01-23T11:30:00Z' } });
    expect(none.status).toBe(400);
    expect(none.body.errors).toEqual([{ path: '/body/file', message: 'is required' }]);
    const empty = await upload(ts, government, { file: { bytes: new Uint8Array(0), type: 'image/png', name: 'empty.png' } });
    expect(empty.body.errors).toEqual([{ path: '/body/file', message: 'is empty' }]);

    const two = new FormData();
    two.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'one.png');
    two.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'two.jpg');
    const res = await fetch(`${ts.url}/api/evidence`, { method: 'POST', headers: { cookie: government.cookie! }, body: two });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([{ path: '/body/file', message: 'only one file per request' }]);

    const json = await government.post('/api/evidence', { file: 'iVBORw0KGgo=' });
    expect(json.status).toBe(415);
    expect(json.body.errors).toEqual([{ path: '/body', message: 'must be multipart/form-data' }]);
    expect(filesUnder(ts, 'tmp')).toEqual([]);
  });

  it('refuses a file over the limit with 413, keeping nothing, and keeps serving', async () => {
    const storedBefore = filesUnder(ts, 'sha256');
    const logBefore = (await secretariat.get('/api/log/entries?limit=1')).body.size;
    const big = makePng(200, 120, { noise: true });
    expect(big.length).toBeGreaterThan(MAX);
    const res = await upload(ts, government, { file: { bytes: big, type: 'image/png', name: 'big.png' } });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'too_large', errors: [{ path: '/body/file', message: `is larger than ${MAX} bytes` }] });
    expect(res.body.detail).toContain('64 KiB');

    // Exactly at the limit is still accepted (a PNG with bytes trailing its end chunk).
    const small = makePng(1, 1);
    const atLimit = await upload(ts, government, {
      file: { bytes: Buffer.concat([small, Buffer.alloc(MAX - small.length, 1)]), type: 'image/png', name: 'limit.png' },
    });
    expect(atLimit.status, JSON.stringify(atLimit.body)).toBe(201);
    expect(atLimit.body.size).toBe(MAX);

    // A declared 2 GB body is refused before it is read.
    const boundary = 'truce-test-boundary';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.mp4"\r\nContent-Type: video/mp4\r\n\r\n`);
    const declared = await rawPost(
      `${ts.url}/api/evidence`,
      { cookie: government.cookie!, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(2 * 1024 ** 3) },
      [head, ...Array.from({ length: 16 }, () => new Uint8Array(64 * 1024))],
      false,
    );
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).errors[0].path).toBe('/body/file');

    // Without a declared length (chunked) the stream is cut at the first byte over the limit.
    const chunked = await rawPost(
      `${ts.url}/api/evidence`,
      { cookie: government.cookie!, 'content-type': `multipart/form-data; boundary=${boundary}` },
      [head, ...Array.from({ length: 64 }, () => new Uint8Array(32 * 1024).fill(7)), Buffer.from(`\r\n--${boundary}--\r\n`)],
      true,
    );
    expect(chunked.status).toBe(413);

    expect(filesUnder(ts, 'sha256').length).toBe(storedBefore.length + 1);
    expect(await until(() => filesUnder(ts, 'tmp').length === 0)).toBe(true);
    expect((await secretariat.get('/api/log/entries?limit=1')).body.size).toBe(logBefore + 1);
    expect((await ts.client().get('/api/health')).status).toBe(200);
  });

  it('removes the partial file when the client goes away mid-upload', async () => {
    const boundary = 'truce-abort';
    const req = http.request(`${ts.url}/api/evidence`, {
      method: 'POST',
      headers: { cookie: government.cookie!, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    req.on('error', () => {});
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.png"\r\nContent-Type: image/png\r\n\r\n`);
    req.write(makePng(10, 10, { noise: true }));
    await until(() => filesUnder(ts, 'tmp').length > 0, 2000);
    req.destroy();
    expect(await until(() => filesUnder(ts, 'tmp').length === 0)).toBe(true);
    expect((await ts.client().get('/api/health')).status).toBe(200);
  });

  it('answers 401 without a session before reading any of the body, and 403 to those who may not upload', async () => {
    const anonymous = await upload(ts, null, { file: { bytes: png, type: 'image/png', name: 'a.png' } });
    expect(anonymous.status).toBe(401);
    expect((await download(ts, ts.client(), sha256(png))).status).toBe(401);
    const huge = await rawPost(
      `${ts.url}/api/evidence`,
      { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(2 * 1024 ** 3) },
      Array.from({ length: 16 }, () => new Uint8Array(64 * 1024)),
      false,
    );
    expect(huge.status).toBe(401);
    expect(JSON.parse(huge.body).code).toBe('unauthenticated');

    expect((await upload(ts, governmentViewer, { file: { bytes: png, type: 'image/png', name: 'a.png' } })).status).toBe(403);
    expect((await upload(ts, observer, { file: { bytes: png, type: 'image/png', name: 'a.png' } })).status).toBe(403);
    expect(filesUnder(ts, 'tmp')).toEqual([]);
  });
});
