import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../packages/server/src/server.ts';
import type { DemoAccount } from '../packages/server/src/demo/seed.ts';
import { ARTIFACTS, launchBrowser, startDemoServer, screenshot, sideScroll, signInAs, describeInChromium } from './browser.ts';

/**
 * One violation from report to finding, as the people involved would go through it
 * (C2, C3, C10): a government officer files it in Arabic on a phone with the place from
 * the gazetteer; the secretariat opens an incident for it; the accused party replies on
 * its phone; the three guarantors assess it and the finding is adopted; the report is
 * on the map with its finding, and the incident's timeline tells the whole story.
 */
describeInChromium('from report to finding in Chromium', () => {
  let server: RunningServer;
  let accounts: DemoAccount[];
  let dataDir: string;
  let browser: Browser;
  let reportId = '';
  let incidentId = '';

  beforeAll(async () => {
    // A few demo reports (January–March 2017) around the new one (April 2017).
    ({ server, accounts, dataDir } = await startDemoServer(40));
    browser = await launchBrowser();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const phone = () => browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const desktop = () => browser.newContext({ viewport: { width: 1280, height: 900 } });
  const signIn = (context: BrowserContext, who: string) => signInAs(context, server.url, accounts, `${who}@demo.truce.example`);
  const arabic = async (page: Page) => {
    await page.getByTestId('lang-switch').selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  };

  it('files the report in Arabic on a phone, with the place from the gazetteer', async () => {
    const context = await phone();
    const page = await signIn(context, 'officer.government');
    await arabic(page);
    await page.goto(`${server.url}/reports/new`);
    await page.getByTestId('report-form').waitFor();

    await page.getByTestId('report-occurred-at').fill('2017-04-10T10:30');
    await page.getByTestId('report-time-precision').selectOption('hour');
    await page.getByTestId('report-place-search').fill('الأتارب');
    // A town (p-code C…) from the gazetteer, chosen by its Arabic name.
    const town = page.locator('[data-testid="report-place-option"][data-pcode^="C"]').first();
    await town.waitFor({ timeout: 15_000 });
    const pcode = await town.getAttribute('data-pcode');
    await town.click();
    await expect.poll(() => page.getByTestId('report-lat').inputValue()).not.toBe('');
    expect(await page.getByTestId('report-place-name').inputValue()).toContain('الأتارب');

    await page.getByTestId('report-type').selectOption('shelling');
    const northDawn = await page.evaluate(
      async () => ((await (await fetch('/api/organisations')).json()) as { id: string; name: string }[]).find((o) => o.name.startsWith('Northern Dawn'))!.id,
    );
    await page.getByTestId('report-alleged').selectOption(`party:${northDawn}`);
    await page.getByTestId('report-affected').selectOption('civilians');
    await page.getByTestId('report-killed-civilian').fill('١');
    await page.getByTestId('report-injured-civilian').fill('٣');
    await page.getByTestId('report-killed-combatant').fill('0');
    await page.getByTestId('report-injured-combatant').fill('0');
    await page.getByTestId('report-description').fill('سقطت أربع قذائف على السوق الشعبي في الأتارب قرابة العاشرة والنصف صباحًا.');
    expect(await sideScroll(page)).toBeLessThanOrEqual(1);
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-detail').waitFor({ timeout: 20_000 });
    reportId = page.url().split('/').pop()!;
    expect(reportId).toMatch(/^[0-9a-f-]{36}$/);
    const filed = await page.evaluate(
      async (id) => (await (await fetch(`/api/reports/${id}`)).json()) as { location: { pcode?: string }; areas: { adm1?: { nameEn: string } } },
      reportId,
    );
    expect(filed.location.pcode).toBe(pcode);
    expect(filed.areas.adm1?.nameEn).toBe('Aleppo');
    await screenshot(page, 'chain-01-filed-phone-ar');
    await context.close();
  });

  it('has the secretariat open an incident for it, whose timeline starts with the report', async () => {
    const context = await desktop();
    const page = await signIn(context, 'officer.secretariat');
    await page.goto(`${server.url}/reports/${reportId}`);
    await page.getByTestId('grouping-panel').waitFor();
    await page.getByTestId('grouping-new').click();
    // Starting the reply clock is asked twice, naming who must reply.
    await page.getByTestId('grouping-confirm').waitFor();
    expect(await page.getByTestId('grouping-confirm').textContent()).toMatch(
      /Northern Dawn Brigades \(fictional\) will be notified and asked to reply within 72 hours/,
    );
    await page.getByTestId('grouping-new-confirm').click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]+$/);
    incidentId = page.url().split('/').pop()!;
    await page.getByTestId('incident-detail').waitFor();
    await expect.poll(() => page.locator('[data-testid="incident-timeline"] [data-kind="report"]').count()).toBe(1);
    expect(await page.getByTestId('incident-decision').getAttribute('data-status')).toBe('pending');
    await screenshot(page, 'chain-02-incident');
    await context.close();
  });

  it('lets the accused party reply from its phone, in Arabic', async () => {
    const context = await phone();
    const page = await signIn(context, 'officer.north-dawn');
    await arabic(page);
    await page.goto(`${server.url}/incidents/${incidentId}`);
    await page.getByTestId('incident-reply-form').waitFor();
    await page.getByTestId('incident-reply-text').fill('لم يكن لقواتنا أي وجود مدفعي في محيط الأتارب في ذلك اليوم.');
    await page.getByTestId('incident-reply-submit').click();
    await page.getByTestId('incident-saved').waitFor();
    await expect.poll(() => page.getByTestId('incident-reply').count()).toBe(1);
    expect(await sideScroll(page)).toBeLessThanOrEqual(1);
    await screenshot(page, 'chain-03-reply-phone-ar');
    await context.close();
  });

  it('has the three guarantors assess it until the finding is adopted', async () => {
    for (const who of ['officer.russia', 'officer.turkey', 'officer.iran']) {
      const context = await desktop();
      const page = await signIn(context, who);
      await page.goto(`${server.url}/incidents/${incidentId}`);
      await page.getByTestId('incident-assess-form').waitFor();
      // The reply is there for each guarantor to weigh.
      expect(await page.getByTestId('incident-reply').count()).toBe(1);
      await page.getByTestId('incident-verification-corroborated').click();
      await page.getByTestId('incident-attribution-alleged').click();
      await page
        .getByTestId('incident-reasoning')
        .fill(`${who}: the report, the craters photographed by the local council and the timing agree; the reply gives no alternative account.`);
      await page.getByTestId('incident-assess-submit').click();
      await page.getByTestId('incident-saved').waitFor();
      await context.close();
    }
    const context = await desktop();
    const page = await signIn(context, 'viewer.osesgs');
    await page.goto(`${server.url}/incidents/${incidentId}`);
    await page.getByTestId('incident-finding').waitFor();
    expect(await page.getByTestId('incident-decision').getAttribute('data-status')).toBe('adopted');
    expect(await page.getByTestId('incident-finding').getAttribute('data-verification')).toBe('corroborated');
    const kinds = await page.locator('[data-testid="incident-timeline"] [data-kind]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['report', 'reply', 'assessment', 'assessment', 'assessment', 'finding']);
    await page.getByTestId('incident-timeline').scrollIntoViewIfNeeded();
    await screenshot(page, 'chain-04-adopted');
    await context.close();
  });

  it('shows the report on the map with its finding, and the point opens it', async () => {
    const context = await desktop();
    const page = await signIn(context, 'officer.secretariat');
    await page.goto(`${server.url}/map?period=custom&from=2017-04-10&to=2017-04-10&mode=findings`);
    await page.locator('[data-testid=map-legend][data-mode=findings]').waitFor();
    await expect.poll(() => page.locator('path.truce-point').count()).toBe(1);
    await screenshot(page, 'chain-05-map');
    await page.locator('path.truce-point').click({ force: true });
    await page.waitForURL(new RegExp(`/reports/${reportId}$`));
    await context.close();
  });
});
