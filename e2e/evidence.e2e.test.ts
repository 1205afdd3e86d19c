import fs from 'node:fs';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../packages/server/src/server.ts';
import type { DemoAccount } from '../packages/server/src/demo/seed.ts';
import { makePdf } from '../packages/server/test/evidence-files.ts';
import { ARTIFACTS, describeInChromium, launchBrowser, screenshot, sideScroll, signInAs, startDemoServer } from './browser.ts';

/**
 * Evidence you can see (issue 16 item 7), in Chromium: a government officer files a report
 * with a phone photo (taken sideways, with its GPS position), a PDF and a sound recording; a
 * guarantor opens the report and sees the photo's thumbnail, opens it full size in a dialog
 * and closes it with Escape, plays the recording in the page and opens the PDF in a new tab.
 * The accused party, which may not open the government's files, gets none of them.
 */

/** A 1600 × 1000 photo, red above and blue below, stored sideways (EXIF orientation 6), taken in Douma. */
async function phonePhoto(): Promise<Buffer> {
  const width = 1600;
  const height = 1000;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels.set(y < height / 2 ? [190, 40, 40] : [40, 60, 190], (y * width + x) * 3);
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '33/1 34/1 16/1', GPSLongitudeRef: 'E', GPSLongitude: '36/1 24/1 9/1' } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** One second of a quiet 440 Hz tone, 8 kHz 16-bit mono WAV: a sound recording a browser plays. */
function recording(): Buffer {
  const rate = 8000;
  const samples = Buffer.alloc(rate * 2);
  for (let i = 0; i < rate; i++) samples.writeInt16LE(Math.round(2000 * Math.sin((2 * Math.PI * 440 * i) / rate)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + samples.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(samples.length, 40);
  return Buffer.concat([header, samples]);
}

/** Uploads files and files a report on them, through the API from the signed-in page (its session cookie). */
async function fileReportWith(page: Page, files: { name: string; type: string; base64: string }[]): Promise<{ id: string; hashes: string[] }> {
  return page.evaluate(async (files) => {
    const hashes: string[] = [];
    for (const f of files) {
      const form = new FormData();
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      form.append('file', new Blob([bytes], { type: f.type }), f.name);
      const res = await fetch('/api/evidence', { method: 'POST', body: form, headers: { accept: 'application/json' } });
      if (res.status !== 201) throw new Error(`upload of ${f.name}: ${res.status} ${await res.text()}`);
      hashes.push(((await res.json()) as { sha256: string }).sha256);
    }
    const orgs = (await (await fetch('/api/organisations')).json()) as { id: string; shortName: string }[];
    const res = await fetch('/api/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        occurredAt: '2017-02-14T07:20:00Z',
        timePrecision: 'exact',
        location: { lat: 33.5711, lon: 36.4028, geoPrecision: 'exact' },
        sealLocation: false,
        typeCode: 'shelling',
        allegedPerpetrator: { kind: 'party', organisationId: orgs.find((o) => o.shortName === 'Northern Dawn')!.id },
        affectedSide: { kind: 'civilians' },
        casualties: { killedCivilian: 0, killedCombatant: 0, injuredCivilian: 2, injuredCombatant: 0 },
        description: 'قذائف هاون سقطت قرب السوق في دوما صباحًا.',
        language: 'ar',
        sources: [{ kind: 'witness', detail: 'صاحب محل في السوق' }],
        evidence: hashes,
      }),
    });
    if (res.status !== 201) throw new Error(`report: ${res.status} ${await res.text()}`);
    return { id: ((await res.json()) as { id: string }).id, hashes };
  }, files);
}

describeInChromium('evidence in Chromium', () => {
  let server: RunningServer;
  let accounts: DemoAccount[];
  let dataDir: string;
  let browser: Browser;
  let reportId: string;
  let photoHash: string;

  beforeAll(async () => {
    ({ server, accounts, dataDir } = await startDemoServer(20));
    browser = await launchBrowser();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const context = await browser.newContext();
    const page = await signInAs(context, server.url, accounts, 'officer.government@demo.truce.example');
    const filed = await fileReportWith(page, [
      { name: 'سوق-دوما.jpg', type: 'image/jpeg', base64: (await phonePhoto()).toString('base64') },
      { name: 'محضر المعاينة.pdf', type: 'application/pdf', base64: makePdf('Site visit, Douma market, 14 February 2017').toString('base64') },
      { name: 'شهادة-صوتية.wav', type: 'audio/wav', base64: recording().toString('base64') },
    ]);
    reportId = filed.id;
    photoHash = filed.hashes[0];
    await context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows a guarantor the photo's thumbnail, opens it full size, plays the recording and opens the PDF", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInAs(context, server.url, accounts, 'viewer.russia@demo.truce.example');
    await page.goto(`${server.url}/reports/${reportId}`);
    await page.getByTestId('report-detail').waitFor();
    await expect.poll(() => page.getByTestId('report-evidence-line').count()).toBe(3);

    // The thumbnail: loaded through the session cookie, at most 320 px, upright (taller than wide), named for screen readers.
    const thumb = page.getByTestId('evidence-thumbnail');
    const img = thumb.locator('img');
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
    const size = await img.evaluate((el: HTMLImageElement) => [el.naturalWidth, el.naturalHeight]);
    expect(size).toEqual([200, 320]);
    expect(await img.getAttribute('alt')).toBe('Photo: سوق-دوما.jpg');
    expect(await img.getAttribute('loading')).toBe('lazy');
    // The file's name and SHA-256 stay in view, for parties to check the file.
    expect(await page.getByTestId('report-detail-evidence').textContent()).toMatch(/SHA-256 [0-9a-f]{64}/);
    await screenshot(page, 'evidence-01-thumbnails');

    // Full size in a dialog, reached and closed from the keyboard.
    await thumb.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    const full = page.getByTestId('evidence-full-image');
    await expect.poll(() => full.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
    // The whole photo, shown upright as the camera meant (1000 wide, 1600 high).
    expect(await full.evaluate((el: HTMLImageElement) => [el.naturalWidth, el.naturalHeight])).toEqual([1000, 1600]);
    await screenshot(page, 'evidence-02-full-size');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => thumb.evaluate((el) => el === document.activeElement)).toBe(true);

    // The recording plays in the page: its length is read from the server with the session.
    const audio = page.getByTestId('evidence-audio');
    expect(await audio.getAttribute('aria-label')).toBe('Sound recording: شهادة-صوتية.wav');
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.duration), { timeout: 10_000 }).toBeCloseTo(1, 1);

    // The PDF has an icon and opens in a new tab, shown by the browser, not saved.
    expect(await page.locator('[data-testid="evidence-icon"][data-kind="pdf"]').getAttribute('aria-label')).toBe('PDF document');
    const [tab] = await Promise.all([context.waitForEvent('page'), page.getByTestId('evidence-open-pdf').click()]);
    await tab.waitForLoadState();
    expect(tab.url()).toMatch(/\/api\/evidence\/[0-9a-f]{64}\?inline=1$/);
    expect(await tab.evaluate(() => document.contentType)).toBe('application/pdf');
    await context.close();
  });

  it('works in Arabic on a phone: the photo named in Arabic, full screen, closed with Escape, no sideways scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await signInAs(context, server.url, accounts, 'officer.secretariat@demo.truce.example');
    await page.getByTestId('lang-switch').selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.goto(`${server.url}/reports/${reportId}`);
    await page.getByTestId('report-detail').waitFor();
    const img = page.getByTestId('evidence-thumbnail').locator('img');
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(200);
    expect(await img.getAttribute('alt')).toBe('صورة: سوق-دوما.jpg');
    expect(await page.getByTestId('evidence-audio').getAttribute('aria-label')).toBe('تسجيل صوتي: شهادة-صوتية.wav');
    expect(await page.getByTestId('evidence-open-pdf').textContent()).toBe('فتح ملف PDF في علامة تبويب جديدة');
    expect(await sideScroll(page)).toBeLessThanOrEqual(1);
    await screenshot(page, 'evidence-03-phone-ar');

    await page.getByTestId('evidence-thumbnail').tap();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const full = page.getByTestId('evidence-full-image');
    await expect.poll(() => full.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1000);
    // Full screen on a phone, the picture within it.
    const box = (await full.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(375);
    expect(await page.getByRole('button', { name: 'إغلاق' }).count()).toBe(1);
    await screenshot(page, 'evidence-04-full-size-phone-ar');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await context.close();
  });

  it('shows the accused party, which may not open the files, their hashes only', async () => {
    const context = await browser.newContext();
    const page = await signInAs(context, server.url, accounts, 'viewer.north-dawn@demo.truce.example');
    await page.goto(`${server.url}/reports/${reportId}`);
    await page.getByTestId('report-detail').waitFor();
    await expect.poll(() => page.getByTestId('report-evidence-line').count()).toBe(3);
    await expect.poll(() => page.getByTestId('report-detail-evidence').textContent()).toContain('Only the organisation that uploaded this file');
    for (const id of ['evidence-thumbnail', 'evidence-audio', 'evidence-open-pdf', 'evidence-download']) expect(await page.getByTestId(id).count(), id).toBe(0);
    // Asked directly, the server answers as for a file that does not exist.
    const answers = await page.evaluate(
      async (hash) => Promise.all([`/api/evidence/${hash}/thumbnail`, `/api/evidence/${hash}?inline=1`].map(async (url) => (await fetch(url)).status)),
      photoHash,
    );
    expect(answers).toEqual([404, 404]);
    await context.close();
  });
});
