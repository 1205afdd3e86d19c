import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../packages/server/src/server.ts';
import type { DemoAccount } from '../packages/server/src/demo/seed.ts';
import { apiAs, ARTIFACTS, describeInChromium, launchBrowser, screenshot, sideScroll, signInAs, startDemoServer } from './browser.ts';

/**
 * The triage queue in Chromium (C3, issue 16): three reports of one shelling of Saraqib,
 * filed by two organisations, wait in the queue; the secretariat, reading Arabic, selects
 * one and its companions, is told who will be asked to reply and by when, confirms, and
 * the three leave the queue as one incident. The queue fits a phone.
 */
describeInChromium('the triage queue in Chromium', () => {
  let server: RunningServer;
  let accounts: DemoAccount[];
  let dataDir: string;
  let browser: Browser;
  const filed: string[] = [];

  const as = (who: string) => apiAs(server.url, accounts, who);

  beforeAll(async () => {
    ({ server, accounts, dataDir } = await startDemoServer(40));
    browser = await launchBrowser();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const gov = await as('officer.government');
    const russia = await as('officer.russia');
    const orgs = Object.fromEntries(((await gov('GET', '/api/organisations')) as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]));
    // An hour before the mechanism's now, so that these three are the newest in the queue.
    const now = Date.parse(((await gov('GET', '/api/session')) as { mechanism: { now: string } }).mechanism.now);
    const at = (minutes: number) => new Date(now - 3_600_000 + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const body = (minutes: number, lat: number, lon: number, description: string, language: string) => ({
      occurredAt: at(minutes),
      timePrecision: 'exact',
      location: { lat, lon, geoPrecision: 'exact' },
      sealLocation: false,
      typeCode: 'shelling',
      allegedPerpetrator: { kind: 'party', organisationId: orgs['Northern Dawn'] },
      affectedSide: { kind: 'civilians' },
      casualties: { killedCivilian: 0, killedCombatant: 0, injuredCivilian: 2, injuredCombatant: 0 },
      description,
      language,
      sources: [],
      evidence: [],
    });
    filed.push((await gov('POST', '/api/reports', body(0, 35.8647, 36.8044, 'قصف بقذائف الهاون على سوق سراقب.', 'ar'))).id);
    filed.push((await russia('POST', '/api/reports', body(10, 35.8621, 36.8071, 'Mortar rounds on the market of Saraqib.', 'en'))).id);
    filed.push((await gov('POST', '/api/reports', body(20, 35.8669, 36.8012, 'سقوط قذائف قرب مدرسة في سراقب.', 'ar'))).id);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('groups three reports of one event into one incident in Arabic, after confirming who will be asked to reply', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInAs(context, server.url, accounts, 'officer.secretariat@demo.truce.example');
    await page.getByTestId('lang-switch').selectOption('ar');
    await page.getByTestId('nav-triage').click();
    const first = page.locator(`[data-testid="triage-item"][data-id="${filed[0]}"]`);
    await first.waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await expect.poll(() => page.getByTestId('triage-total').getAttribute('data-total')).not.toBe('');
    const before = Number(await page.getByTestId('triage-total').getAttribute('data-total'));
    expect(await page.getByTestId('triage-total').textContent()).toMatch(/للفرز/);
    expect(await first.getByTestId('triage-companions').textContent()).toMatch(/بلاغين آخرين/);

    await first.getByTestId('triage-select-companions').click();
    for (const id of filed) await expect.poll(() => page.locator(`[data-testid="triage-item"][data-id="${id}"] input[type=checkbox]`).isChecked()).toBe(true);
    await page.getByTestId('triage-new').click();
    const confirm = page.getByTestId('triage-confirm');
    await confirm.waitFor();
    // The accused party is named, in the confirmation's Arabic sentence about three reports.
    expect(await confirm.textContent()).toMatch(/هذه البلاغات الثلاثة|٣|3/);
    expect(await confirm.textContent()).toMatch(/فجر الشمال|Northern Dawn/);
    await screenshot(page, 'triage-01-confirm-ar');
    await page.getByTestId('triage-confirm-yes').click();
    await page.getByTestId('triage-started').waitFor();
    expect(await page.getByTestId('triage-started').textContent()).toMatch(/3|٣/);
    for (const id of filed) await page.locator(`[data-testid="triage-item"][data-id="${id}"]`).waitFor({ state: 'detached' });
    await expect.poll(async () => Number(await page.getByTestId('triage-total').getAttribute('data-total'))).toBe(before - 3);

    await page.getByTestId('triage-started-link').click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    const incidentId = page.url().split('/').pop()!;
    const incident = (await (await page.request.get(`${server.url}/api/incidents/${incidentId}`)).json()) as { reports: { id: string }[] };
    expect(incident.reports.map((r) => r.id).sort()).toEqual([...filed].sort());
    await context.close();
  });

  it('fits a phone, and is not offered to a party', async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await signInAs(phone, server.url, accounts, 'officer.turkey@demo.truce.example');
    await page.goto(`${server.url}/triage`);
    await page.getByTestId('triage-item').first().waitFor();
    expect(await sideScroll(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'triage-02-phone');
    await phone.close();

    const party = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const partyPage = await signInAs(party, server.url, accounts, 'officer.government@demo.truce.example');
    expect(await partyPage.getByTestId('nav-triage').count()).toBe(0);
    await party.close();
  });

  it('tells the secretariat of reports to sort, and lets each person choose a daily digest for them', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInAs(context, server.url, accounts, 'officer.secretariat@demo.truce.example');
    await page.goto(`${server.url}/notifications`);
    // The demo's reports still to sort were each announced to the secretariat; the notice opens the report.
    const notice = page.getByTestId('notifications-page-item').filter({ hasText: 'A new report to sort' }).first();
    await notice.waitFor();
    expect(await notice.getByTestId('notification-report').textContent()).toMatch(/\d{4}/);
    const row = page.locator('[data-testid="email-preference"][data-kind="report.to_sort"]');
    await row.getByText('Daily digest').click();
    await expect
      .poll(async () => {
        const prefs = (await (await page.request.get(`${server.url}/api/notifications/email-preferences`)).json()) as {
          preferences: { kind: string; delivery: string }[];
        };
        return prefs.preferences.find((p) => p.kind === 'report.to_sort')?.delivery;
      })
      .toBe('digest');
    await page.reload();
    await row.waitFor();
    expect(await row.locator('input[value="digest"]').isChecked()).toBe(true);
    await screenshot(page, 'triage-03-notifications-email');
    await notice.click();
    await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
    await context.close();
  });
});
