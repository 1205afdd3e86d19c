import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../packages/server/src/server.ts';
import type { DemoAccount } from '../packages/server/src/demo/seed.ts';
import { ARTIFACTS, describeInChromium, launchBrowser, screenshot, sideScroll, signInAs, startDemoServer } from './browser.ts';

/**
 * Search in Chromium (issue 16): a secretariat officer reading Arabic types words in the
 * header's box, spelt without ta marbuta or shadda, and sees the Government's report with
 * the words marked; on a phone the header's button opens the same search, in Persian.
 */
describeInChromium('search in Chromium', () => {
  let server: RunningServer;
  let accounts: DemoAccount[];
  let dataDir: string;
  let browser: Browser;
  let reportId = '';

  beforeAll(async () => {
    ({ server, accounts, dataDir } = await startDemoServer(20));
    browser = await launchBrowser();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    // The Government files a report through the API, as its field system would.
    const account = accounts.find((a) => a.email === 'officer.government@demo.truce.example')!;
    const session = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: account.email, password: account.password }),
    });
    const cookie = session.headers
      .getSetCookie()
      .find((c) => c.startsWith('truce_session='))!
      .split(';')[0];
    const orgs = (await (await fetch(`${server.url}/api/organisations`, { headers: { cookie } })).json()) as { id: string; shortName: string }[];
    const filed = await fetch(`${server.url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        occurredAt: '2017-02-14T07:30:00Z',
        timePrecision: 'exact',
        location: { lat: 35.7256156, lon: 36.7122087, geoPrecision: 'place', placeName: 'معرة النعمان' },
        sealLocation: false,
        typeCode: 'shelling',
        allegedPerpetrator: { kind: 'party', organisationId: orgs.find((o) => o.shortName === 'Northern Dawn')!.id },
        affectedSide: { kind: 'civilians' },
        casualties: { killedCivilian: 0, killedCombatant: 0, injuredCivilian: 3, injuredCombatant: 0 },
        description: 'قصفٌ مدفعيّ على مدرسة الزهراء في معرّة النعمان صباحاً، وإصابة ثلاثة تلاميذ.',
        language: 'ar',
        sources: [],
        evidence: [],
      }),
    });
    expect(filed.status).toBe(201);
    reportId = ((await filed.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('searches from the header in Arabic and sees the report with its words marked', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInAs(context, server.url, accounts, 'officer.secretariat@demo.truce.example');
    await page.getByTestId('lang-switch').selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByTestId('header-search').fill('مدرسه الزهراء معره');
    await page.getByTestId('header-search').press('Enter');
    await page.waitForURL(/\/search\?q=/);
    const hit = page.locator(`[data-testid="search-hit"][data-id="${reportId}"]`);
    await hit.waitFor();
    expect(await hit.locator('mark').allTextContents()).toEqual(['مدرسة', 'الزهراء', 'معرّة']);
    expect(await page.getByTestId('search-total').getAttribute('data-total')).not.toBe('');
    // The address keeps the words: reloading shows the same results.
    await page.reload();
    await hit.waitFor();
    await screenshot(page, 'search-ar-desktop');
    await hit.click();
    await page.waitForURL(new RegExp(`/reports/${reportId}$`));
    await context.close();
  });

  it('opens the search from the header on a phone, in Persian, without sideways scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await signInAs(context, server.url, accounts, 'officer.secretariat@demo.truce.example');
    await page.getByTestId('lang-switch').selectOption('fa');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.getByTestId('header-search').isVisible()).toBe(false);
    await page.getByTestId('header-search-open').click();
    await page.getByTestId('search-input').fill('قصف مدفعی الزهراء');
    await page.getByTestId('search-submit').click();
    const hit = page.locator(`[data-testid="search-hit"][data-id="${reportId}"]`);
    await hit.waitFor();
    expect(await hit.locator('mark').allTextContents()).toEqual(['قصفٌ', 'مدفعيّ', 'الزهراء']);
    // Meetings only: the kind chips narrow the search, and no meeting says this.
    // The chip's input lies hidden under its label: click the label, as a person would.
    const chip = await page.getByTestId('search-kind-meeting').getAttribute('id');
    await page.locator(`label[for="${chip}"]`).click();
    await page.waitForURL(/kinds=meeting/);
    await page.getByTestId('search-none').waitFor();
    expect(await sideScroll(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'search-fa-phone');
    await context.close();
  });
});
