import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../packages/server/src/server.ts';
import type { DemoAccount } from '../packages/server/src/demo/seed.ts';
import { ARTIFACTS, launchBrowser, startDemoServer, screenshot, sideScroll, signInAs, describeInChromium } from './browser.ts';

interface Summary {
  id: string;
  finding: unknown;
}
interface Detail {
  id: string;
  decision: { status: string; missing?: string[] };
  replies: { partyId: string; state: string }[];
  assessments: unknown[];
  adoption: { waitsForReplyUntil: string | null } | null;
}

/**
 * Incidents in Chromium (C3): the three guarantors each assess an incident — verification
 * first, then attribution — and the finding is adopted; the accused party replies to an
 * incident whose reply is due; the secretariat sees the grouping proposals on a report;
 * the Arabic list fits a phone. One screenshot per step in ./artifacts.
 */
describeInChromium('incidents in Chromium', () => {
  let server: RunningServer;
  let accounts: DemoAccount[];
  let dataDir: string;
  let browser: Browser;
  let incidentId = '';

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
  const desktop = () => browser.newContext({ viewport: { width: 1280, height: 900 } });
  const phone = () => browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const noSideScroll = sideScroll;
  const api = async <T>(page: Page, url: string) => (await (await page.request.get(server.url + url)).json()) as T;

  const signIn = (context: BrowserContext, who: string) => signInAs(context, server.url, accounts, `${who}@demo.truce.example`);

  async function openIncidents(page: Page) {
    const link = page.getByTestId('nav-incidents');
    if (!(await link.isVisible())) await page.getByTestId('nav-burger').click();
    await link.click();
    await page.getByTestId('incident-row').first().waitFor();
  }

  it('has the three guarantors assess an incident until its finding is adopted', async () => {
    const context = await desktop();
    const page = await signIn(context, 'officer.russia');
    await openIncidents(page);
    await shot(page, 'incidents-01-list');

    // An incident no guarantor has assessed yet, whose accused party has been heard (replied,
    // or the deadline passed): a finding waits for that (fair process).
    const list = (await api<{ incidents: Summary[] }>(page, '/api/incidents?limit=200')).incidents.filter((i) => !i.finding);
    for (const i of list) {
      const d = await api<Detail>(page, `/api/incidents/${i.id}`);
      if (d.decision.status === 'pending' && d.assessments.length === 0 && !d.adoption?.waitsForReplyUntil) {
        incidentId = i.id;
        break;
      }
    }
    expect(incidentId).not.toBe('');
    await context.close();

    const guarantors = ['officer.russia', 'officer.turkey', 'officer.iran'];
    for (const [n, who] of guarantors.entries()) {
      const ctx = await desktop();
      const p = await signIn(ctx, who);
      await p.goto(`${server.url}/incidents/${incidentId}`);
      await p.getByTestId('incident-assess-form').waitFor();
      expect(await p.getByTestId('incident-decision').getAttribute('data-status')).toBe('pending');
      // Attribution is asked only once the violation is corroborated.
      expect(await p.getByTestId('incident-attribution').count()).toBe(0);
      await p.getByTestId('incident-verification-corroborated').click();
      await p.getByTestId('incident-attribution').waitFor();
      await p.getByTestId('incident-attribution-alleged').click();
      await p.getByTestId('incident-reasoning').fill(`Assessment by ${who}: the reports agree on time, place and weapon.`);
      if (n === 0) await shot(p, 'incidents-02-assess-form');
      await p.getByTestId('incident-assess-submit').click();
      await p.getByTestId('incident-saved').waitFor();
      if (n < guarantors.length - 1) await expect.poll(() => p.getByTestId('incident-decision').getAttribute('data-status')).not.toBe('adopted');
      await ctx.close();
      if (n === guarantors.length - 1) {
        const ctx2 = await desktop();
        const p2 = await signIn(ctx2, 'officer.russia');
        await p2.goto(`${server.url}/incidents/${incidentId}`);
        await p2.getByTestId('incident-finding').waitFor();
        expect(await p2.getByTestId('incident-decision').getAttribute('data-status')).toBe('adopted');
        expect(await p2.getByTestId('incident-finding').getAttribute('data-verification')).toBe('corroborated');
        expect(await p2.getByTestId('incident-assess-form').count()).toBe(0);
        await p2.getByTestId('incident-timeline').scrollIntoViewIfNeeded();
        await shot(p2, 'incidents-03-adopted');
        await ctx2.close();
      }
    }
  });

  it('lets the accused party reply to an incident whose reply is due', async () => {
    const context = await desktop();
    const page = await signIn(context, 'officer.north-dawn');
    const me = await api<{ user: { organisationId: string } }>(page, '/api/session');
    const list = (await api<{ incidents: Summary[] }>(page, '/api/incidents?limit=500')).incidents;
    let due = '';
    for (const i of list) {
      const d = await api<Detail>(page, `/api/incidents/${i.id}`);
      if (d.replies.some((r) => r.partyId === me.user.organisationId && r.state === 'due')) {
        due = i.id;
        break;
      }
    }
    expect(due).not.toBe('');

    // The bell counts the unread notifications; one of them may lead here.
    await page.getByTestId('notifications-bell').click();
    // Each names its incident: type, governorate, date.
    await expect.poll(() => page.getByTestId('notification-incident').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('notification-incident').first().textContent()).toMatch(/ · .*2017/);
    await shot(page, 'incidents-04-notifications');
    await page.keyboard.press('Escape');

    await page.goto(`${server.url}/incidents/${due}`);
    await page.getByTestId('incident-reply-form').waitFor();
    await page.getByTestId('incident-reply-submit').click();
    await expect.poll(() => page.locator('[data-testid="incident-reply-text"][aria-invalid="true"]').count()).toBe(1);
    await page.getByTestId('incident-reply-text').fill('لم تكن قواتنا في المنطقة في ذلك اليوم. We were not there that day.');
    await page.getByTestId('incident-reply-submit').click();
    await page.getByTestId('incident-saved').waitFor();
    await expect.poll(() => page.getByTestId('incident-reply').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('incident-reply-form').count()).toBe(0);
    await shot(page, 'incidents-05-replied');

    // The page of all notifications: how many are unread, and "mark all read" empties the bell.
    await page.goto(`${server.url}/notifications`);
    await page.getByTestId('notifications-page-list').waitFor();
    const unreadOf = async (testId: string, attribute: string) => Number(await page.getByTestId(testId).getAttribute(attribute));
    await expect.poll(() => unreadOf('notifications-unread', 'data-unread')).toBeGreaterThan(0);
    await page.getByTestId('notifications-page-mark-all').click();
    await expect.poll(() => unreadOf('notifications-unread', 'data-unread')).toBe(0);
    await expect.poll(() => unreadOf('notifications-bell', 'data-count')).toBe(0);
    expect(await page.locator('[data-testid="notifications-page-item"][data-read="false"]').count()).toBe(0);
    await shot(page, 'incidents-06-notifications-page');
    await context.close();
  });

  it('shows the grouping proposals on a report to the secretariat', async () => {
    const context = await desktop();
    const page = await signIn(context, 'officer.secretariat');
    const reports = (await api<{ reports: { id: string }[] }>(page, '/api/reports?limit=5')).reports;
    await page.goto(`${server.url}/reports/${reports[0].id}`);
    await page.getByTestId('grouping-panel').waitFor();
    await expect
      .poll(() =>
        page
          .getByTestId('grouping-panel')
          .getByText(/incident/i)
          .count(),
      )
      .toBeGreaterThan(0);
    await page.getByTestId('grouping-panel').scrollIntoViewIfNeeded();
    await shot(page, 'incidents-06-grouping');
    await context.close();
  });

  it('pages through every incident with its total, and keeps the filters in the address', async () => {
    const context = await desktop();
    const page = await signIn(context, 'officer.secretariat');
    await openIncidents(page);
    // While a new filter's first page loads there is no total yet (NaN, never a count of 0).
    const totalOf = async () => Number((await page.getByTestId('incident-total').getAttribute('data-total')) || Number.NaN);
    await expect.poll(totalOf).toBeGreaterThan(50);
    const total = await totalOf();
    expect(await page.getByTestId('incident-total').textContent()).toContain(`${total} incidents`);
    expect(await page.getByTestId('incident-row').count()).toBe(50);
    // "Older incidents" until the end: each incident once.
    while (await page.getByTestId('incident-more').isVisible()) {
      const shown = await page.getByTestId('incident-row').count();
      await page.getByTestId('incident-more').click();
      await expect.poll(() => page.getByTestId('incident-row').count()).toBeGreaterThan(shown);
    }
    const ids = await page.getByTestId('incident-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);

    // A filter narrows the list and lives in the address: a reload shows the same list.
    await page.getByTestId('incident-filter-reply').selectOption('open');
    await expect.poll(() => new URL(page.url()).searchParams.get('reply')).toBe('open');
    await expect.poll(totalOf).toBeLessThan(total);
    const open = await totalOf();
    expect(open).toBeGreaterThan(0);
    await page.reload();
    await page.getByTestId('incident-row').first().waitFor();
    await expect.poll(totalOf).toBe(open);
    expect(await page.getByTestId('incident-filter-reply').inputValue()).toBe('open');
    const badges = await page.getByTestId('incident-badge-state').allTextContents();
    expect(badges.length).toBe(Math.min(open, 50));
    expect(new Set(badges)).toEqual(new Set(['Right of reply open']));
    await shot(page, 'incidents-09-filtered-reply-open');
    await context.close();
  });

  it('fits a phone in Arabic', async () => {
    const context = await phone();
    const page = await signIn(context, 'officer.turkey');
    await page.getByTestId('lang-switch').selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await openIncidents(page);
    expect(await noSideScroll(page)).toBeLessThanOrEqual(0);
    await shot(page, 'incidents-07-list-ar-phone');
    await page.goto(`${server.url}/incidents/${incidentId}`);
    await page.getByTestId('incident-detail').waitFor();
    await page.getByTestId('incident-finding').waitFor();
    expect(await noSideScroll(page)).toBeLessThanOrEqual(0);
    await shot(page, 'incidents-08-detail-ar-phone');
    await context.close();
  });
});
