import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../packages/server/src/server.ts';
import type { DemoAccount } from '../packages/server/src/demo/seed.ts';
import { ARTIFACTS, launchBrowser, screenshot, signInAs, startDemoServer, describeInChromiumWithPoppler } from './browser.ts';

/**
 * Meetings and the report to the UN in Chromium (C7, C8): the secretariat schedules a
 * meeting, takes an item from the agenda the system proposes, records who came and a
 * decision; the three guarantors each approve it in the app and it is adopted, with each
 * approval on the record. Then the secretariat issues the UN report in Arabic and opens
 * its web page and its PDF, whose text reads back in logical order.
 */
describeInChromiumWithPoppler('meetings and the report to the UN in Chromium', () => {
  let server: RunningServer;
  let accounts: DemoAccount[];
  let dataDir: string;
  let browser: Browser;
  let meetingUrl = '';

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

  const desktop = () => browser.newContext({ viewport: { width: 1280, height: 900 } });
  const signIn = (context: BrowserContext, who: string) => signInAs(context, server.url, accounts, `${who}@demo.truce.example`);

  async function openMeetings(page: Page) {
    const link = page.getByTestId('nav-meetings');
    if (!(await link.isVisible())) await page.getByTestId('nav-burger').click();
    await link.click();
    await page.getByTestId('meeting-list').waitFor();
  }

  it('has the secretariat schedule a meeting, set its agenda from what is pending and record a decision', async () => {
    const context = await desktop();
    const page = await signIn(context, 'officer.secretariat');
    await openMeetings(page);
    await page.getByTestId('meeting-new').click();
    await page.getByTestId('meeting-title').fill('الاجتماع الدوري لمجموعة العمل المشتركة');
    await page.getByTestId('meeting-starts').fill('2026-12-20T09:00');
    await page.getByTestId('meeting-venue').fill('Astana, Rixos President Hotel');
    await page.getByTestId('meeting-schedule-submit').click();
    await page.getByTestId('meeting-page').waitFor();
    meetingUrl = page.url();
    expect(meetingUrl).toMatch(/\/meetings\/[0-9a-f-]{36}$/);
    // The three guarantors were invited by default.
    await expect.poll(() => page.getByTestId('participant').count()).toBeGreaterThanOrEqual(3);

    // The agenda proposed from pending items: take the first one and save.
    await page.getByTestId('agenda-open').click();
    await page.getByTestId('agenda-proposed-item').first().waitFor();
    const proposed = (await page.getByTestId('agenda-proposed-item').first().innerText()).split('\n')[0];
    await page.getByTestId('agenda-take').first().click();
    await expect.poll(() => page.getByTestId('agenda-draft-item').count()).toBe(1);
    await page.getByTestId('agenda-submit').click();
    await expect.poll(() => page.getByTestId('agenda-item').count()).toBe(1);
    expect(await page.getByTestId('agenda-item').first().innerText()).toContain(proposed.slice(0, 20));

    // Everyone invited came.
    await page.getByTestId('attendance-open').click();
    const boxes = page.getByTestId('attendance-present');
    for (let i = 0; i < (await boxes.count()); i++) if (!(await boxes.nth(i).isChecked())) await boxes.nth(i).check();
    await page.getByTestId('attendance-submit').click();
    await expect.poll(() => page.locator('[data-testid="participant"][data-attendance="present"]').count()).toBeGreaterThanOrEqual(3);

    await page.getByTestId('decision-open').click();
    await page.getByTestId('decision-text').fill('يتفق الضامنون على إرسال فريق تحقق مشترك إلى ريف حماة الشمالي قبل الاجتماع المقبل.');
    await page.getByTestId('decision-submit').click();
    await expect.poll(() => page.getByTestId('decision').first().getAttribute('data-status')).toBe('proposed');
    await screenshot(page, 'meetings-01-decision-proposed');
    // The secretariat records decisions; it does not approve them.
    expect(await page.getByTestId('decision-approve').count()).toBe(0);
    await context.close();
  });

  it('adopts the decision once the three guarantors present have approved it, each approval on the record', async () => {
    expect(meetingUrl).not.toBe('');
    const guarantors = ['officer.russia', 'officer.turkey', 'officer.iran'];
    for (const [n, who] of guarantors.entries()) {
      const context = await desktop();
      const page = await signIn(context, who);
      await page.goto(meetingUrl);
      const decision = page.getByTestId('decision').first();
      await decision.waitFor();
      expect(await decision.getAttribute('data-status')).toBe('proposed');
      await decision.getByTestId('decision-approve').click();
      await expect.poll(() => decision.getByTestId('decision-approvals').locator('li').count()).toBe(n + 1);
      if (n < guarantors.length - 1) {
        expect(await decision.getAttribute('data-status')).toBe('proposed');
        // Approved once: the button is gone for this guarantor.
        await expect.poll(() => decision.getByTestId('decision-approve').count()).toBe(0);
      } else {
        await expect.poll(() => decision.getAttribute('data-status')).toBe('adopted');
        await screenshot(page, 'meetings-02-decision-adopted');
      }
      await context.close();
    }

    // A party that took no part sees neither the meeting's decision nor an approve button.
    const context = await desktop();
    const page = await signIn(context, 'officer.government');
    const res = await page.request.get(server.url + '/api' + new URL(meetingUrl).pathname);
    if (res.ok()) {
      const body = (await res.json()) as { decisions: { canApprove: boolean }[] };
      expect(body.decisions.every((d) => !d.canApprove)).toBe(true);
    } else expect([403, 404]).toContain(res.status());
    await context.close();
  });

  it('issues the report to the UN in Arabic, opens its page and its PDF, and reads the Arabic back from the PDF', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await signIn(context, 'officer.secretariat');
    const link = page.getByTestId('nav-publications');
    if (!(await link.isVisible())) await page.getByTestId('nav-burger').click();
    await link.click();
    await page.getByTestId('publication-issue').waitFor();
    await page.getByTestId('publication-from').fill('2017-01-01');
    await page.getByTestId('publication-to').fill('2017-03-31');
    await page.getByTestId('publication-language').selectOption('ar');
    await page.getByTestId('publication-submit').click();
    await page.getByTestId('publication-issued').waitFor({ timeout: 60_000 });
    const row = page.locator('[data-testid="publication-row"][data-kind="un"]').first();
    await row.waitFor();
    expect(await row.getAttribute('data-version')).toBe('1');
    await screenshot(page, 'meetings-03-report-issued');

    // The web page: right to left, with the log checkpoint the figures were drawn from.
    const [html] = await Promise.all([context.waitForEvent('page'), row.getByTestId('publication-open').click()]);
    await html.waitForLoadState();
    expect(await html.locator('html').getAttribute('dir')).toBe('rtl');
    const pageText = await html.locator('body').innerText();
    expect(pageText).toContain('تقرير عن انتهاكات وقف إطلاق النار');
    const list = (await (await page.request.get(server.url + '/api/publications')).json()) as {
      publications: { kind: string; checkpoint: { size: number; rootHash: string } }[];
    };
    const issued = list.publications.find((p) => p.kind === 'un')!;
    expect(pageText).toContain(issued.checkpoint.rootHash);
    await screenshot(html, 'meetings-04-report-page');

    // The PDF, as downloaded: its text, extracted, reads in logical order.
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('publication-pdf').click()]);
    const file = path.join(dataDir, 'report-un-ar.pdf');
    await download.saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
      .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
      .replace(/\s+/g, ' ');
    expect(text).toContain('تقرير عن انتهاكات وقف إطلاق النار');
    expect(text).toContain('إلى الأمم المتحدة');
    // The hash without its base64 padding: pdftotext rebuilds an Arabic line in its own
    // order and may put the neutral '=' before the Latin run it ends.
    expect(text).toContain(issued.checkpoint.rootHash.replace(/=+$/, ''));
    await context.close();
  });
});
