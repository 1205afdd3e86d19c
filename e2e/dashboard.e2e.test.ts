import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../packages/server/src/server.ts';
import type { DemoAccount } from '../packages/server/src/demo/seed.ts';
import { ARTIFACTS, launchBrowser, startDemoServer, screenshot, sideScroll, signInAs, describeInChromium } from './browser.ts';

/**
 * The dashboard and the map in Chromium (C10): the secretariat's viewer reads the totals,
 * the trend, the weekly chart (and its table), the bars and the open items for Jan–Mar
 * 2017, exports them, and opens a report from a point on the map; a party's viewer sees
 * fewer figures, in Arabic on a phone, without sideways scrolling. Screenshots in ./artifacts.
 */
describeInChromium('dashboard and map in Chromium', () => {
  let server: RunningServer;
  let accounts: DemoAccount[];
  let dataDir: string;
  let browser: Browser;
  let secretariatTotal = 0;
  const period = 'period=custom&from=2017-01-01&to=2017-03-31';

  beforeAll(async () => {
    ({ server, accounts, dataDir } = await startDemoServer());
    browser = await launchBrowser();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const shot = screenshot;
  const noSideScroll = sideScroll;
  const number = async (page: Page, testId: string) => Number((await page.getByTestId(testId).textContent())!.replace(/[^0-9]/g, ''));

  const signIn = (context: BrowserContext, email: string) => signInAs(context, server.url, accounts, email);

  async function open(page: Page, testId: 'nav-dashboard' | 'nav-map') {
    const link = page.getByTestId(testId);
    if (!(await link.isVisible())) await page.getByTestId('nav-burger').click();
    await link.click();
  }

  it('shows the secretariat the figures of a period, with the filters in the address', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await signIn(context, 'viewer.secretariat@demo.truce.example');
    await open(page, 'nav-dashboard');
    await page.getByTestId('dashboard-total-reports').waitFor();
    // The default is the last 28 days; the demo's reports are from early 2017.
    await page.goto(`${server.url}/dashboard?${period}`);
    await page.getByTestId('dashboard-week-chart').locator('svg rect').first().waitFor();
    secretariatTotal = await number(page, 'dashboard-total-reports');
    expect(secretariatTotal).toBeGreaterThan(100);
    expect(await page.getByTestId('dashboard-trend').textContent()).toMatch(/previous 90 days/);
    expect(await page.getByTestId('dashboard-week-chart').locator('svg title').first().textContent()).toBe('Reports by week and type');
    await page.getByTestId('dashboard-week-table-toggle').click();
    expect(await page.getByTestId('dashboard-week-table').locator('tbody tr').count()).toBeGreaterThanOrEqual(13);
    expect(await page.getByTestId('dashboard-party-bars').locator('li').count()).toBeGreaterThan(1);
    expect(await page.getByTestId('dashboard-governorate-bars').locator('li').count()).toBeGreaterThan(1);
    await page.getByTestId('dashboard-open').waitFor();
    await shot(page, 'dashboard-01-secretariat');

    // A filter narrows the figures and goes into the address and the export.
    const type = await page.getByTestId('dashboard-filter-type').locator('option').nth(1).getAttribute('value');
    await page.getByTestId('dashboard-filter-type').selectOption(type!);
    await expect.poll(() => number(page, 'dashboard-total-reports')).toBeLessThan(secretariatTotal);
    expect(page.url()).toContain(`type=${type}`);
    const csv = await page.getByTestId('dashboard-export-csv').getAttribute('href');
    expect(csv).toContain('from=2017-01-01');
    expect(csv).toContain(`type=${type}`);
    const answer = await page.request.get(server.url + csv!);
    expect(answer.status()).toBe(200);
    expect(await page.getByTestId('dashboard-export-geojson').getAttribute('href')).toContain('/api/reports/export.geojson?');
    await context.close();
  });

  it('draws the reports on the offline map, and a point opens its report', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, 'viewer.secretariat@demo.truce.example');
    await open(page, 'nav-map');
    await page.getByTestId('map-view').waitFor();
    const asked: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/map/')) asked.push(u.pathname);
    });
    await page.goto(`${server.url}/map?${period}`);
    await page.locator('[data-testid=map-view][data-boundaries=yes]').waitFor();
    await page.locator('[data-testid=map-view][data-features]').waitFor();
    await page.locator('.truce-cluster').first().waitFor();
    // Clusters come from the server, for the view: no list of every report is fetched.
    expect(asked).toContain('/api/map/clusters');
    expect(asked).not.toContain('/api/map/points');
    expect(Number(await page.getByTestId('map-count').getAttribute('data-count'))).toBe(secretariatTotal);
    expect(await page.getByTestId('map-attribution').textContent()).toMatch(/United Nations/);
    await shot(page, 'map-01-clusters');

    await page.getByTestId('map-mode').getByText('By governorate').click();
    await page.locator('[data-testid=map-legend][data-mode=choropleth]').waitFor();
    expect(page.url()).toContain('mode=choropleth');
    await shot(page, 'map-02-choropleth');

    // Counts per H3 hexagon: large cells for the whole country, then small ones on request.
    await page.getByTestId('map-mode').getByText('Hexagons').click();
    await page.locator('[data-testid=map-legend][data-mode=hexagons]').waitFor();
    expect(page.url()).toContain('mode=hexagons');
    await page.locator('[data-testid=map-view][data-resolution="5"][data-cells]').waitFor();
    const large = await page.locator('path.truce-cell').count();
    expect(large).toBeGreaterThan(1);
    expect(Number(await page.getByTestId('map-view').getAttribute('data-cells'))).toBe(large);
    expect(await page.getByTestId('map-legend').textContent()).toMatch(/Reports per hexagon of ~253 km²/);
    await page.locator('path.truce-cell').first().hover({ force: true });
    expect(await page.locator('.leaflet-tooltip').last().textContent()).toMatch(/^\d+ reports? · hexagon of ~253 km²$/);
    await shot(page, 'map-05-hexagons');
    await page.getByTestId('map-cell-size').selectOption('7');
    expect(page.url()).toContain('cells=7');
    await page.locator('[data-testid=map-view][data-resolution="7"][data-cells]').waitFor();
    const small = await page.locator('path.truce-cell').count();
    expect(small).toBeGreaterThan(large);
    expect(Number(await page.getByTestId('map-view').getAttribute('data-cells'))).toBe(small);
    await shot(page, 'map-06-hexagons-small');

    await page.getByTestId('map-mode').getByText('By finding').click();
    await page.locator('[data-testid=map-legend][data-mode=findings]').waitFor();
    await shot(page, 'map-03-findings');
    await page.locator('path.truce-point').last().click({ force: true });
    await page.waitForURL(/\/reports\/[0-9a-f-]+$/);
    await context.close();
  });

  it('asks the server for the clusters of each view, and a point among them opens its report', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, 'viewer.secretariat@demo.truce.example');
    const asked: { zoom: number; bbox: string }[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname === '/api/map/clusters') asked.push({ zoom: Number(u.searchParams.get('zoom')), bbox: u.searchParams.get('bbox')! });
    });
    await page.goto(`${server.url}/map?${period}`);
    await page.locator('[data-testid=map-view][data-boundaries=yes]').waitFor();
    await page.locator('[data-testid=map-view][data-features]').waitFor();
    const view = () => page.getByTestId('map-view').getAttribute('data-view');
    const zoomOf = (v: string | null) => Number(v!.split(':')[0]);

    // Small pans stay within the area already asked for (the view and a margin): no request.
    const settled = asked.length;
    await page.getByTestId('map-view').focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(600);
    expect(asked.length).toBe(settled);

    // A cluster zooms in on its reports; the next view is asked for at a closer zoom, until points show.
    // data-view is set once the answer for the current view is drawn (not while the previous one stands in).
    await page.locator('[data-testid=map-view][data-view]').waitFor();
    let before = await view();
    const first = zoomOf(before);
    for (let i = 0; i === 0 || (i < 10 && (await page.locator('path.truce-point').count()) === 0); i++) {
      await page.locator('.truce-cluster').first().dispatchEvent('click');
      const previous = before;
      let seen: string | null = null;
      await expect
        .poll(
          async () => {
            seen = await view();
            return seen !== null && seen !== previous;
          },
          { timeout: 10_000 },
        )
        .toBe(true);
      before = seen;
    }
    expect(zoomOf(before)).toBeGreaterThan(first);
    expect(asked.at(-1)!.zoom).toBe(zoomOf(before));
    const points = await page.locator('path.truce-point').count();
    expect(points).toBeGreaterThan(0);
    await shot(page, 'map-08-clusters-zoomed');
    await page.locator('path.truce-point').first().click({ force: true });
    await page.waitForURL(/\/reports\/[0-9a-f-]+$/);
    await context.close();
  });

  it('shows a party fewer figures, in Arabic on a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await signIn(context, 'viewer.north-dawn@demo.truce.example');
    await page.getByTestId('lang-switch').selectOption('ar');
    await page.goto(`${server.url}/dashboard?${period}`);
    await page.getByTestId('dashboard-week-chart').locator('svg rect').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const total = await number(page, 'dashboard-total-reports');
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(secretariatTotal);
    expect(await noSideScroll(page)).toBeLessThanOrEqual(0);
    await shot(page, 'dashboard-02-party-ar-phone');

    await page.goto(`${server.url}/map?${period}&mode=choropleth`);
    await page.locator('[data-testid=map-view][data-boundaries=yes]').waitFor();
    await page.getByTestId('map-legend').waitFor();
    expect(await noSideScroll(page)).toBeLessThanOrEqual(0);
    await shot(page, 'map-04-party-ar-phone');

    await page.goto(`${server.url}/map?${period}&mode=hexagons`);
    await page.locator('[data-testid=map-view][data-cells]').waitFor();
    expect(await page.locator('path.truce-cell').count()).toBeGreaterThan(0);
    expect(await noSideScroll(page)).toBeLessThanOrEqual(0);
    await shot(page, 'map-07-party-ar-phone-hexagons');

    await page.goto(`${server.url}/map?${period}`);
    await page.locator('[data-testid=map-view][data-features]').waitFor();
    await page.locator('.truce-cluster, path.truce-point').first().waitFor();
    expect(Number(await page.getByTestId('map-count').getAttribute('data-count'))).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('map-count').getAttribute('data-count'))).toBeLessThan(secretariatTotal);
    expect(await noSideScroll(page)).toBeLessThanOrEqual(0);
    await shot(page, 'map-09-party-ar-phone-clusters');
    await context.close();
  });
});
