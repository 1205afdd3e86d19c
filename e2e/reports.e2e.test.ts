import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../packages/server/src/server.ts';
import type { DemoAccount } from '../packages/server/src/demo/seed.ts';
import { ARTIFACTS, launchBrowser, startDemoServer, screenshot, sideScroll, signInAs, describeInChromium } from './browser.ts';

/**
 * Violation reports in Chromium (C2): a government officer files a report in Arabic on a
 * phone-sized screen — place from the gazetteer, point moved on the map, exact place
 * sealed, a casualty count not known, a photo attached — finds it in the list; the
 * accused party's viewer reads it with the sealed parts withheld and said so; the
 * officer corrects it (after being told someone else saved first), sees the differences
 * between versions, and withdraws it. One screenshot per step in ./artifacts.
 */
describeInChromium('violation reports in Chromium', () => {
  let server: RunningServer;
  let accounts: DemoAccount[];
  let dataDir: string;
  let browser: Browser;
  let photo: string;
  let reportId = '';

  beforeAll(async () => {
    ({ server, accounts, dataDir } = await startDemoServer());
    browser = await launchBrowser();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    photo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'truce-e2e-files-')), 'صورة-القصف.png');
    fs.writeFileSync(photo, tinyPng());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (photo) fs.rmSync(path.dirname(photo), { recursive: true, force: true });
  });

  const shot = screenshot;
  const phone = () => browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const noSideScroll = sideScroll;

  const signIn = (context: BrowserContext, email: string) => signInAs(context, server.url, accounts, email);

  async function openReports(page: Page) {
    const link = page.getByTestId('nav-reports');
    if (!(await link.isVisible())) await page.getByTestId('nav-burger').click();
    await link.click();
    await page.getByTestId('report-filters').waitFor();
  }

  it('files a report in Arabic on a phone', async () => {
    const context = await phone();
    const page = await signIn(context, 'officer.government@demo.truce.example');
    await page.getByTestId('lang-switch').selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await openReports(page);
    await page.getByTestId('report-new').click();
    await page.getByTestId('report-form').waitFor();

    // Sending an empty form names the fields at fault instead of sending.
    await page.getByTestId('report-submit').click();
    await expect.poll(() => page.locator('[data-testid="report-description"][aria-invalid="true"]').count()).toBe(1);

    // After the demo's own reports (January–March 2017), so that it heads the list.
    await page.getByTestId('report-occurred-at').fill('2017-04-10T10:30');
    await page.getByTestId('report-time-precision').selectOption('hour');

    // The gazetteer, searched in Arabic; without it (not deployed yet) the coordinates are typed.
    await page.getByTestId('report-place-search').fill('حلب');
    const option = page.getByTestId('report-place-option').first();
    const unavailable = page.getByTestId('report-place-unavailable');
    await expect.poll(async () => (await option.isVisible()) || (await unavailable.isVisible()), { timeout: 15_000 }).toBe(true);
    if (await option.isVisible()) {
      // A town (p-code C…), not the governorate of the same name.
      await page.locator('[data-testid="report-place-option"][data-pcode^="C"]').first().click();
      await expect.poll(() => page.getByTestId('report-lat').inputValue()).not.toBe('');
      expect(await page.getByTestId('report-place-name').inputValue()).not.toBe('');
    } else {
      await page.getByTestId('report-lat').fill('36.2021');
      await page.getByTestId('report-lon').fill('37.1343');
    }
    await shot(page, 'reports-01-place-phone-ar');

    // A tap on the map moves the point: it is now an exact point of the reporter's own.
    const map = page.getByTestId('report-map');
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    const before = await page.getByTestId('report-lat').inputValue();
    await page.mouse.click(box.x + box.width / 2 + 25, box.y + box.height / 2 + 25);
    await expect.poll(() => page.getByTestId('report-lat').inputValue()).not.toBe(before);
    expect(await page.getByTestId('report-geo-precision').inputValue()).toBe('exact');
    await page.getByTestId('report-seal-location').check({ force: true });

    await page.getByTestId('report-type').selectOption({ index: 1 });
    const northDawn = await page.evaluate(
      async () => ((await (await fetch('/api/organisations')).json()) as { id: string; name: string }[]).find((o) => o.name.startsWith('Northern Dawn'))!.id,
    );
    await page.getByTestId('report-alleged').selectOption(`party:${northDawn}`);
    await page.getByTestId('report-affected').selectOption('civilians');
    // Arabic-Indic digits are read; an empty box stays "not known", which is not 0.
    await page.getByTestId('report-killed-civilian').fill('٢');
    await page.getByTestId('report-injured-civilian').fill('0');
    await page.getByTestId('report-description').fill('قصف مدفعي على الحي الشرقي صباحًا. <b>ليس وسمًا</b>');
    expect(await page.getByTestId('report-language').inputValue()).toBe('ar');
    await page.getByTestId('report-source-add').click();
    await page.getByTestId('report-source-kind').selectOption('witness');
    await page.getByTestId('report-source-detail').fill('أحد سكان الحي');
    await page.getByTestId('report-evidence-input').setInputFiles(photo);
    await page.getByTestId('report-evidence-item').waitFor({ timeout: 20_000 });
    expect(await noSideScroll(page)).toBeLessThanOrEqual(1);
    await shot(page, 'reports-02-form-phone-ar');

    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-detail').waitFor({ timeout: 20_000 });
    reportId = page.url().split('/').pop()!;
    expect(reportId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await page.getByTestId('report-saved').isVisible()).toBe(true);
    // The reporter sees everything it filed; nothing is sealed from it.
    expect(await page.getByTestId('report-sealed-note').count()).toBe(0);
    expect(await page.getByTestId('report-detail-sources').textContent()).toContain('أحد سكان الحي');
    expect(await page.getByTestId('report-evidence-line').count()).toBe(1);
    expect(await noSideScroll(page)).toBeLessThanOrEqual(1);
    await shot(page, 'reports-03-filed-phone-ar');

    // The list has it, with a link to it; filtered by period, it is the only one.
    await openReports(page);
    const row = page.locator(`[data-testid="report-row"][data-id="${reportId}"]`);
    await row.waitFor();
    // The card names the type by the taxonomy's Arabic label (issue 16), not its English one.
    const type = row.getByTestId('report-row-type');
    expect(await type.textContent()).toBe('اشتباك مسلح');
    expect(await type.getAttribute('lang')).toBe('ar');
    await page.getByTestId('report-filter-from').fill('2017-04-01');
    await expect.poll(() => page.getByTestId('report-row').count()).toBe(1);
    expect(page.url()).toContain('from=2017-04-01');
    expect(await noSideScroll(page)).toBeLessThanOrEqual(1);
    await shot(page, 'reports-04-list-phone-ar');
    await row.click();
    await page.getByTestId('report-detail').waitFor();
    await context.close();
  });

  it("shows the accused party's viewer the report with the sealed parts withheld", async () => {
    const context = await phone();
    const page = await signIn(context, 'viewer.north-dawn@demo.truce.example');
    await openReports(page);
    await page.locator(`[data-testid="report-row"][data-id="${reportId}"]`).click();
    const note = page.getByTestId('report-sealed-note');
    await note.waitFor();
    expect(await note.textContent()).toContain('The exact place and the sources are sealed: visible to the secretariat and the guarantors only');
    expect(await page.getByTestId('report-detail-sources').count()).toBe(0);
    // A viewer of the accused party may read, not correct or withdraw.
    expect(await page.getByTestId('report-correct').count()).toBe(0);
    expect(await page.getByTestId('report-withdraw').count()).toBe(0);
    // User text is text: the markup in the description is shown, never rendered.
    const description = page.getByTestId('report-detail-description');
    expect(await description.textContent()).toContain('<b>ليس وسمًا</b>');
    expect(await description.locator('b').count()).toBe(0);
    expect(await description.getAttribute('dir')).toBe('auto');
    // "Not known" is not 0.
    expect(await page.getByTestId('report-detail-casualties').textContent()).toContain('not known');
    expect(await noSideScroll(page)).toBeLessThanOrEqual(1);
    await page.getByTestId('report-map').waitFor();
    await shot(page, 'reports-05-accused-phone-en');
    await context.close();
  });

  it('corrects the report, after being told someone saved first, and withdraws it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, 'officer.government@demo.truce.example');
    await page.goto(`${server.url}/reports/${reportId}`);
    await page.getByTestId('report-detail').waitFor();
    await page.getByTestId('report-correct').click();
    await page.getByTestId('report-form').waitFor();

    // A colleague corrects the same report meanwhile (through the API, as a script would).
    const status = await page.evaluate(async (id) => {
      const r = await (await fetch(`/api/reports/${id}`)).json();
      const content = Object.fromEntries(
        [
          'occurredAt',
          'timePrecision',
          'location',
          'sealLocation',
          'typeCode',
          'allegedPerpetrator',
          'affectedSide',
          'casualties',
          'description',
          'language',
          'sources',
          'evidence',
        ].map((k) => [k, r[k]]),
      );
      const res = await fetch(`/api/reports/${id}/versions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          content: { ...content, casualties: { ...r.casualties, injuredCivilian: 4 } },
          changeNote: 'Four injured, says the hospital.',
          version: r.version,
        }),
      });
      return res.status;
    }, reportId);
    expect(status).toBe(201);

    await page.getByTestId('report-killed-combatant').fill('0');
    await page.getByTestId('report-change-note').fill('No combatants were killed.');
    await page.getByTestId('report-submit').click();
    await page.getByTestId('problem-reload').waitFor();
    await shot(page, 'reports-06-stale');
    await page.getByTestId('problem-reload').click();
    await expect.poll(() => page.getByTestId('report-version').count()).toBe(2);

    // Again, from the latest version.
    await page.getByTestId('report-correct').click();
    await page.getByTestId('report-form').waitFor();
    await page.getByTestId('report-killed-combatant').fill('0');
    await page.getByTestId('report-description').fill('Artillery shelling of the eastern quarter in the morning.');
    await page.getByTestId('report-language').selectOption('en');
    await page.getByTestId('report-change-note').fill('No combatants were killed; description in English for the guarantors.');
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-saved').waitFor();
    await expect.poll(() => page.getByTestId('report-version').count()).toBe(3);
    const last = page.locator('[data-testid="report-version"][data-version="3"]');
    const fields = await last.getByTestId('report-change').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.field));
    expect(fields).toEqual(['killedCombatant', 'description', 'language']);
    expect(await last.getByTestId('report-version-note').textContent()).toContain('No combatants were killed');
    const second = page.locator('[data-testid="report-version"][data-version="2"]');
    expect(await second.getByTestId('report-change').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.field))).toEqual(['injuredCivilian']);
    await shot(page, 'reports-07-versions');

    await page.getByTestId('report-withdraw').click();
    await page.getByTestId('report-withdraw-reason').fill('Filed in error: the same event was reported by the guarantors.');
    await page.getByTestId('report-withdraw-submit').click();
    await page.getByTestId('report-withdrawn').waitFor();
    expect(await page.getByTestId('report-correct').count()).toBe(0);
    expect(await page.getByTestId('report-version-withdrawn').isVisible()).toBe(true);
    await shot(page, 'reports-08-withdrawn');

    // The list marks it withdrawn.
    await page.goto(`${server.url}/reports`);
    await page.locator(`[data-testid="report-row"][data-id="${reportId}"] [data-testid="report-badge-withdrawn"]`).waitFor();
    await context.close();
  });

  it('shows the secretariat how many reports match and those not yet in an incident, in Arabic', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, 'officer.secretariat@demo.truce.example');
    await page.getByTestId('lang-switch').selectOption('ar');
    await openReports(page);
    // While a new filter's first page loads there is no total yet (NaN, never a count of 0).
    const totalOf = async () => Number((await page.getByTestId('report-total').getAttribute('data-total')) || Number.NaN);
    await expect.poll(totalOf).toBeGreaterThan(0);
    const all = await totalOf();
    // The switch's own input is hidden under its track: the user clicks its label.
    const switchId = await page.getByTestId('report-filter-ungrouped').getAttribute('id');
    await page.locator(`label[for="${switchId}"]`).first().click();
    await expect.poll(() => page.getByTestId('report-filter-ungrouped').isChecked()).toBe(true);
    await expect.poll(() => new URL(page.url()).searchParams.get('ungrouped')).toBe('true');
    await expect.poll(totalOf).toBeLessThan(all);
    const ungrouped = await totalOf();
    expect(ungrouped).toBeGreaterThan(0);
    // The count in Arabic words and digits of the reader's language, as the plural rules say.
    expect(await page.getByTestId('report-total').textContent()).toMatch(/بلاغ/);
    // Homs only: every row placed there.
    await page.getByTestId('report-filter-governorate').selectOption('SY04');
    await expect.poll(() => new URL(page.url()).searchParams.get('governorate')).toBe('SY04');
    await expect.poll(totalOf).toBeLessThanOrEqual(ungrouped);
    await shot(page, 'reports-09-ungrouped-homs-ar');
    await context.close();
  });
});

/** A 4×4 red PNG, made here so that the test needs no file of its own. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(4, 0);
  header.writeUInt32BE(4, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.concat(Array.from({ length: 4 }, () => Buffer.from([0, 255, 0, 0, 255, 0, 0, 255, 0, 0, 255, 0, 0])));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
