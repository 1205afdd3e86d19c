import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../packages/server/src/server.ts';
import type { DemoAccount } from '../packages/server/src/demo/seed.ts';
import { ARTIFACTS, launchBrowser, startDemoServer, describeInChromium } from './browser.ts';

/**
 * A secretariat administrator on the demo mechanism, in Chromium: signs in, switches the
 * interface to Arabic (right to left), adds a user, and sees the record's checkpoint
 * verified by the browser itself. One screenshot per step is kept in ./artifacts.
 */
describeInChromium('Truce in Chromium', () => {
  let server: RunningServer;
  let accounts: DemoAccount[];
  let dataDir: string;
  let browser: Browser;

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

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  async function signIn(page: Page, email: string) {
    const account = accounts.find((a) => a.email === email)!;
    await page.goto(server.url + '/');
    await page.getByTestId('sign-in-email').fill(account.email);
    await page.getByTestId('sign-in-password').fill(account.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('home').waitFor();
  }

  async function openNav(page: Page, group: string | null, item: string) {
    const target = page.getByTestId(item);
    if (!(await target.isVisible())) {
      if (await page.getByTestId('nav-burger').isVisible()) await page.getByTestId('nav-burger').click();
      if (group && !(await target.isVisible())) await page.getByTestId(group).click();
    }
    await target.click();
  }

  it('signs in, switches to Arabic right to left, adds a user and verifies the record', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    await signIn(page, 'admin.secretariat@demo.truce.example');
    await expect.poll(() => page.getByTestId('demo-banner').isVisible()).toBe(true);
    expect(await page.getByTestId('current-user').textContent()).toContain('Secretariat');
    await shot(page, '01-home-en');

    // Arabic: the whole document turns right to left and the navigation moves to the right.
    await page.getByTestId('lang-switch').selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ar');
    const nav = await page.getByTestId('nav-home').boundingBox();
    expect(nav!.x).toBeGreaterThan(1280 / 2);
    await shot(page, '02-home-ar');

    // The choice is remembered across a reload.
    await page.reload();
    await page.getByTestId('home').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');

    // A new user for the Government of Syria, with an Arabic name.
    await openNav(page, 'nav-administration', 'nav-users');
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-name').fill('رنا يوسف الحلبي');
    await page.getByTestId('user-email').fill('rana.youssef@gov-sy.example');
    await page.getByTestId('user-organisation').selectOption({ label: 'Government of the Syrian Arab Republic' });
    await page.getByTestId('user-role').selectOption('officer');
    await page.getByTestId('user-submit').click();
    const temporary = (await page.getByTestId('user-temp-password').textContent())?.trim() ?? '';
    expect(temporary).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    await shot(page, '03-user-created-ar');
    await page.getByTestId('user-created-close').click();
    await expect.poll(() => page.locator('[data-testid="user-row"][data-email="rana.youssef@gov-sy.example"]').count()).toBe(1);

    // The new account works with its one-time password (through the API, as a script would).
    const res = await fetch(server.url + '/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'rana.youssef@gov-sy.example', password: temporary }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).user.mustChangePassword).toBe(true);

    // The Record page verifies the latest checkpoint in the browser.
    await openNav(page, null, 'nav-record');
    const status = page.getByTestId('checkpoint-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 20_000 }).toBe('verified');
    await shot(page, '04-record-ar');
    await context.close();
  });

  it('works on a phone-sized screen', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, 'viewer.orontes@demo.truce.example');
    expect(await page.getByTestId('nav-burger').isVisible()).toBe(true);
    await openNav(page, null, 'nav-record');
    await expect.poll(() => page.getByTestId('checkpoint-status').getAttribute('data-state'), { timeout: 20_000 }).toBe('verified');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(page, '05-record-phone');
    await context.close();
  });
});
