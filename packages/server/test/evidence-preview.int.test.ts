import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, demo, startTestServer, type Client, type TestServer } from './harness.ts';
import { exifGps, makePdf, makePng } from './evidence-files.ts';

/**
 * Evidence you can see (issue 16 item 7): thumbnails of photos without their location,
 * photos, PDFs, video and sound shown in the browser, all only to those who may open the
 * file, and nothing that a file could run.
 */

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Where the photo was taken, as a phone writes it: Douma, Rif Dimashq (33°34′16″N 36°24′9″E). */
const DOUMA = { latitude: 33 + 34 / 60 + 16 / 3600, longitude: 36 + 24 / 60 + 9 / 3600 };

/**
 * A 1200 × 600 phone photo, red above and blue below, stored sideways with EXIF orientation
 * 6 (turn 90° clockwise to view, as phones held upright write it), a camera make and the
 * GPS position of Douma.
 */
async function geotaggedPhoto(): Promise<Buffer> {
  const width = 1200;
  const height = 600;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels.set(y < height / 2 ? [200, 30, 30] : [30, 30, 200], (y * width + x) * 3);
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'Samsung', Model: 'SM-A525F' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '33/1 34/1 16/1', GPSLongitudeRef: 'E', GPSLongitude: '36/1 24/1 9/1' },
    })
    .jpeg({ quality: 90 })
    .toBuffer();
}

async function upload(ts: TestServer, client: Client, bytes: Uint8Array, name: string, type: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  const res = await fetch(`${ts.url}/api/evidence`, { method: 'POST', headers: client.cookie ? { cookie: client.cookie } : {}, body: form });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body as { sha256: string; mediaType: string };
}

async function fetchAs(ts: TestServer, client: Client | null, url: string, headers: Record<string, string> = {}) {
  const res = await fetch(ts.url + url, { headers: { ...headers, ...(client?.cookie ? { cookie: client.cookie } : {}) } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe.each(ENGINES)('evidence previews on %s', (engine) => {
  let ts: TestServer;
  let government: Client;
  let northDawn: Client;
  let guarantor: Client;
  let observer: Client;
  let photo: Buffer;
  let photoHash: string;

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    government = await ts.signedIn(demo('government', 'officer'));
    northDawn = await ts.signedIn(demo('north-dawn', 'officer'));
    guarantor = await ts.signedIn(demo('russia', 'viewer'));
    observer = await ts.signedIn(demo('osesgs', 'admin'));
    photo = await geotaggedPhoto();
    photoHash = (await upload(ts, government, photo, 'دوما-قصف.jpg', 'image/jpeg')).sha256;
  });
  afterAll(() => ts.close());

  it('makes a small upright thumbnail of a phone photo, without its location or any metadata, and keeps it', async () => {
    // The fixture really carries the position: otherwise the test below would prove nothing.
    const original = await sharp(photo).metadata();
    expect(exifGps(original.exif)).toEqual({ latitude: expect.closeTo(DOUMA.latitude, 6), longitude: expect.closeTo(DOUMA.longitude, 6) });
    expect(original.orientation).toBe(6);

    const res = await fetchAs(ts, guarantor, `/api/evidence/${photoHash}/thumbnail`);
    expect(res.status, res.bytes.toString()).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.bytes.length).toBeLessThan(photo.length / 4);

    const thumb = await sharp(res.bytes).metadata();
    expect(thumb).toMatchObject({ format: 'webp', width: 160, height: 320 });
    expect(thumb.exif).toBeUndefined();
    expect(thumb.xmp).toBeUndefined();
    expect(thumb.orientation).toBeUndefined();
    for (const trace of ['Exif', 'Samsung', 'SM-A525F', 'GPS']) expect(res.bytes.includes(Buffer.from(trace, 'latin1')), trace).toBe(false);

    // Upright: what was the top (red) of the sideways-stored picture is now its right side.
    const { data, info } = await sharp(res.bytes).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    expect(at(150, 160)[0]).toBeGreaterThan(150); // red on the right
    expect(at(10, 160)[2]).toBeGreaterThan(150); // blue on the left

    // Made once: kept beside the store, served again as it is; the evidence itself is untouched.
    const kept = path.join(ts.dataDir, 'evidence', 'thumbnails', photoHash.slice(0, 2), `${photoHash}-320.webp`);
    expect(fs.readFileSync(kept).equals(res.bytes)).toBe(true);
    const again = await fetchAs(ts, government, `/api/evidence/${photoHash}/thumbnail`);
    expect(again.bytes.equals(res.bytes)).toBe(true);
    const file = await fetchAs(ts, government, `/api/evidence/${photoHash}`);
    expect(sha256(file.bytes)).toBe(photoHash);
    expect(exifGps((await sharp(file.bytes).metadata()).exif)).not.toBeNull();
  });

  it('gives a reader without access the same answer for the thumbnail as for the file', async () => {
    const missing = 'cd'.repeat(32);
    const mask = (r: { bytes: Buffer }, hash: string) => r.bytes.toString().replace(hash, 'X');
    for (const [client, status] of [
      [northDawn, 404],
      [observer, 403],
      [null, 401],
    ] as const) {
      const thumb = await fetchAs(ts, client, `/api/evidence/${photoHash}/thumbnail`);
      const file = await fetchAs(ts, client, `/api/evidence/${photoHash}?inline=1`);
      const none = await fetchAs(ts, client, `/api/evidence/${missing}/thumbnail`);
      expect([thumb.status, file.status, none.status]).toEqual([status, status, status]);
      expect(mask(thumb, photoHash)).toBe(mask(file, photoHash));
      expect(mask(thumb, photoHash)).toBe(mask(none, missing));
      expect(thumb.headers.get('content-type')).toContain('application/problem+json');
    }
    // Once Northern Dawn has uploaded the same photo itself, it may see it, thumbnail included.
    await upload(ts, northDawn, photo, 'photo.jpg', 'image/jpeg');
    expect((await fetchAs(ts, northDawn, `/api/evidence/${photoHash}/thumbnail`)).status).toBe(200);
  });

  it('shows a PDF in the browser when asked, with a policy that lets nothing in it run', async () => {
    const pdf = makePdf('Minutes, Astana, 23 January 2017');
    const { sha256: hash } = await upload(ts, government, pdf, 'محضر الاجتماع.pdf', 'application/pdf');
    const shown = await fetchAs(ts, guarantor, `/api/evidence/${hash}?inline=1`);
    expect(shown.status).toBe(200);
    expect(shown.bytes.equals(pdf)).toBe(true);
    expect(shown.headers.get('content-type')).toBe('application/pdf');
    expect(shown.headers.get('content-disposition')).toBe(`inline; filename="____ ________.pdf"; filename*=UTF-8''${encodeURIComponent('محضر الاجتماع.pdf')}`);
    expect(shown.headers.get('x-content-type-options')).toBe('nosniff');
    // No script, style, frame or request of its own; not sandboxed, since a sandbox stops Chromium's PDF viewer (delivery.ts).
    expect(shown.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'self'");
    // Without ?inline=1 it is a download, sandboxed as before.
    const saved = await fetchAs(ts, guarantor, `/api/evidence/${hash}`);
    expect(saved.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(saved.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    // A PDF has no thumbnail: a clear 404 that says so.
    const thumb = await fetchAs(ts, guarantor, `/api/evidence/${hash}/thumbnail`);
    expect(thumb.status).toBe(404);
    expect(JSON.parse(thumb.bytes.toString())).toMatchObject({ code: 'no_thumbnail', detail: expect.stringContaining('application/pdf') });
  });

  it('shows photos inline in a sandbox, and keeps every other type a download', async () => {
    const shown = await fetchAs(ts, government, `/api/evidence/${photoHash}?inline=1`);
    expect(shown.headers.get('content-type')).toBe('image/jpeg');
    expect(shown.headers.get('content-disposition')).toMatch(/^inline; /);
    expect(shown.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");

    // Text, even claimed as something else, is never shown by the browser from our origin.
    const text = Buffer.from('<html><script>alert(1)</script></html>\nشهادة من حي الوعر\n', 'utf8');
    const { sha256: hash, mediaType } = await upload(ts, government, text, 'witness.txt', 'text/plain');
    expect(mediaType).toBe('text/plain');
    const res = await fetchAs(ts, government, `/api/evidence/${hash}?inline=1`);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    const thumb = await fetchAs(ts, government, `/api/evidence/${hash}/thumbnail`);
    expect(thumb.status).toBe(404);
    expect(JSON.parse(thumb.bytes.toString()).code).toBe('no_thumbnail');
  });

  it('refuses a bad inline value, naming the parameter', async () => {
    for (const query of ['inline=yes', 'inline=1&size=big']) {
      const res = await fetchAs(ts, government, `/api/evidence/${photoHash}?${query}`);
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(JSON.parse(res.bytes.toString()).errors)).toContain('/query/');
    }
    const res = await fetchAs(ts, government, `/api/evidence/${photoHash}?inline=yes`);
    expect(JSON.parse(res.bytes.toString()).errors[0].path).toBe('/query/inline');
  });

  it('answers a damaged or oversized photo with no thumbnail, and keeps serving', async () => {
    // A JPEG cut in the middle: still recognised as a JPEG at upload, but not decodable.
    const cut = photo.subarray(0, Math.floor(photo.length / 2));
    const { sha256: cutHash, mediaType } = await upload(ts, government, cut, 'cut.jpg', 'image/jpeg');
    expect(mediaType).toBe('image/jpeg');
    // A 200-byte PNG that declares 30,000 × 30,000 pixels: refused before it is decoded.
    const bomb = makePng(2, 2, { declared: [30_000, 30_000] });
    const { sha256: bombHash } = await upload(ts, government, bomb, 'bomb.png', 'image/png');
    for (const hash of [cutHash, bombHash, cutHash]) {
      const started = Date.now();
      const res = await fetchAs(ts, government, `/api/evidence/${hash}/thumbnail`);
      expect(res.status).toBe(404);
      expect(JSON.parse(res.bytes.toString())).toMatchObject({ code: 'no_thumbnail', detail: expect.stringContaining('cannot be read as an image') });
      expect(Date.now() - started).toBeLessThan(5000);
    }
    expect((await fetchAs(ts, government, `/api/evidence/${photoHash}/thumbnail`)).status).toBe(200);
    expect((await government.get('/api/session')).status).toBe(200);
  });

  it('sends one byte range for players that seek, and refuses one past the end', async () => {
    const first = await fetchAs(ts, government, `/api/evidence/${photoHash}`, { range: 'bytes=0-3' });
    expect(first.status).toBe(206);
    expect([...first.bytes]).toEqual([...photo.subarray(0, 4)]);
    expect(first.headers.get('content-range')).toBe(`bytes 0-3/${photo.length}`);
    expect(first.headers.get('content-length')).toBe('4');
    // The digest stays the whole file's, so a part can still be checked once put together.
    expect(first.headers.get('repr-digest')).toBe(`sha-256=:${Buffer.from(photoHash, 'hex').toString('base64')}:`);
    const tail = await fetchAs(ts, government, `/api/evidence/${photoHash}?inline=1`, { range: 'bytes=-10' });
    expect(tail.status).toBe(206);
    expect(tail.bytes.equals(photo.subarray(photo.length - 10))).toBe(true);
    const past = await fetchAs(ts, government, `/api/evidence/${photoHash}`, { range: `bytes=${photo.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${photo.length}`);
  });
});
