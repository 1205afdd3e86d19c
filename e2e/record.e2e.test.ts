import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../packages/server/src/server.ts';
import type { DemoAccount } from '../packages/server/src/demo/seed.ts';
import { ARTIFACTS, describeInChromium, launchBrowser, screenshot, signInAs, sideScroll, startDemoServer } from './browser.ts';

/**
 * A readable record (issue 16 item 6), in Chromium on the demo: a secretariat officer
 * reads the Record page in Arabic, where every change is named in Arabic, filters it by
 * a type (the filter stays in the address), opens the raw entry, and follows an entry's
 * subject to its incident and to its report. A party's viewer sees as plain references
 * the incidents the record does not show concern it.
 */
describeInChromium('the Record page, readable', () => {
  let server: RunningServer;
  let accounts: DemoAccount[];
  let dataDir: string;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, accounts, dataDir } = await startDemoServer(120));
    browser = await launchBrowser();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function inArabic(context: BrowserContext, email: string): Promise<Page> {
    const page = await signInAs(context, server.url, accounts, email);
    await page.getByTestId('lang-switch').selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    return page;
  }

  const rowTypes = (page: Page) =>
    page.locator('[data-testid="entry-row"] [data-testid="entry-type"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
  const rowNames = (page: Page) => page.locator('[data-testid="entry-row"] [data-testid="entry-type"]').allTextContents();

  it('names every change in Arabic, filters by type and follows a subject to its incident and its report', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await inArabic(context, 'officer.secretariat@demo.truce.example');
    await page.goto(`${server.url}/record`);
    await expect.poll(() => page.getByTestId('entry-row').count(), { timeout: 20_000 }).toBe(25);

    // Every listed change has an Arabic name, none its raw type.
    const names = await rowNames(page);
    for (const name of names) {
      expect(name).toMatch(/[\u0600-\u06FF]/);
      expect(name).not.toMatch(/[a-z]+\.[a-z_]+/);
    }

    // Only the incidents opened: the filter lands in the address, the list holds that type alone.
    await page.getByTestId('record-filter-type').selectOption('incident.created');
    await expect.poll(() => new URL(page.url()).searchParams.get('type')).toBe('incident.created');
    await expect.poll(async () => [...new Set(await rowTypes(page))]).toEqual(['incident.created']);
    expect(new Set(await rowNames(page))).toEqual(new Set(['فتح حادثة']));
    await screenshot(page, 'record-01-incidents-ar');

    // The raw entry is one click away.
    const first = page.getByTestId('entry-row').first();
    const index = await first.getAttribute('data-index');
    await page.getByTestId(`entry-expand-${index}`).click();
    await expect.poll(() => page.getByTestId('entry-canonical').textContent(), { timeout: 10_000 }).toContain('"type":"incident.created"');

    // A reload keeps the filter; the subject is a link to the incident's page.
    await page.reload();
    await expect.poll(async () => [...new Set(await rowTypes(page))], { timeout: 20_000 }).toEqual(['incident.created']);
    const incidentLink = page.getByTestId('entry-row').first().getByTestId('entry-subject-incident');
    const href = await incidentLink.getAttribute('data-href');
    expect(href).toMatch(/^\/incidents\/[0-9a-f-]{36}$/);
    await incidentLink.click();
    await page.getByTestId('incident-detail').waitFor();
    expect(new URL(page.url()).pathname).toBe(href);
    expect(await page.getByTestId('incident-detail').getAttribute('data-id')).toBe(href!.split('/').pop());

    // Back on the record: what one guarantor's users wrote, and nothing written after today.
    await page.goBack();
    await page.getByTestId('record-filter-type').selectOption('');
    const russia = await page
      .getByTestId('record-filter-organisation')
      .locator('option')
      .evaluateAll((options) => options.find((o) => o.textContent?.includes('روسي'))?.getAttribute('value'));
    expect(russia).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByTestId('record-filter-organisation').selectOption(russia!);
    await expect.poll(() => new URL(page.url()).searchParams.get('organisation')).toBe(russia);
    await expect.poll(async () => [...new Set(await page.locator('[data-testid="entry-row"] [data-testid="entry-org"]').allTextContents())]).toEqual(['روسيا']);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('record-filter-since').fill(tomorrow);
    await page.getByTestId('entry-none').waitFor();
    await page.getByTestId('record-filter-clear').click();
    await expect.poll(() => page.getByTestId('entry-row').count()).toBe(25);

    // The reports filed, each linked to its report.
    await page.getByTestId('record-filter-type').selectOption('report.filed');
    await expect.poll(async () => [...new Set(await rowTypes(page))], { timeout: 20_000 }).toEqual(['report.filed']);
    expect(new Set(await rowNames(page))).toEqual(new Set(['تقديم بلاغ عن انتهاك']));
    const reportLink = page.getByTestId('entry-row').first().getByTestId('entry-subject-report');
    const reportHref = await reportLink.getAttribute('data-href');
    expect(reportHref).toMatch(/^\/reports\/[0-9a-f-]{36}$/);
    await reportLink.click();
    await page.getByTestId('report-detail').waitFor();
    expect(new URL(page.url()).pathname).toBe(reportHref);
    await context.close();
  });

  it('shows a party the incidents it is not shown to be in as plain references, and fits a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await inArabic(context, 'viewer.orontes@demo.truce.example');
    // The filter from a link: the same list as the secretariat's.
    await page.goto(`${server.url}/record?type=incident.created`);
    await expect.poll(async () => [...new Set(await rowTypes(page))], { timeout: 20_000 }).toEqual(['incident.created']);
    const subjects = page.locator('[data-testid="entry-row"] [data-testid="entry-subject-incident"]');
    expect(await subjects.count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="entry-row"] a[data-testid="entry-subject-incident"]').count()).toBe(0);
    expect(await subjects.first().textContent()).toMatch(/^الحادثة …[0-9a-f]{8}$/);
    expect(await sideScroll(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'record-02-party-phone-ar');
    await context.close();
  });
});
