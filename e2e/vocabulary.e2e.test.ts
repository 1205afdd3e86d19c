import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../packages/server/src/server.ts';
import type { DemoAccount } from '../packages/server/src/demo/seed.ts';
import { ARTIFACTS, describeInChromium, launchBrowser, screenshot, signInAs, startDemoServer } from './browser.ts';

/**
 * Vocabularies in five languages in Chromium (issue 16): the secretariat's administrator
 * edits a violation type's labels in Persian, one field per language; clearing the Persian
 * one marks it "not translated", and from then on Persian readers see the English label,
 * in English and marked EN — on the taxonomy page and on the report cards.
 */
describeInChromium('vocabularies in five languages in Chromium', () => {
  let server: RunningServer;
  let accounts: DemoAccount[];
  let dataDir: string;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, accounts, dataDir } = await startDemoServer(60));
    browser = await launchBrowser();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('edits a type’s labels per language and shows a missing one in English, marked', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInAs(context, server.url, accounts, 'admin.secretariat@demo.truce.example');
    await page.getByTestId('lang-switch').selectOption('fa');
    await page.goto(`${server.url}/mechanism/taxonomy`);
    await page.getByTestId('taxonomy-list').waitFor();
    // The demo's taxonomy is translated: no row lacks a language.
    expect(await page.locator('[data-testid^="taxonomy-missing-"]').count()).toBe(0);

    await page.getByTestId('taxonomy-edit-shelling').click();
    const persian = page.getByTestId('taxonomy-label-fa');
    expect(await persian.inputValue()).toBe('گلوله‌باران، حملهٔ توپخانه‌ای یا موشکی');
    // Each language is typed in its own direction, whatever the page's.
    expect(await persian.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    expect(await page.getByTestId('taxonomy-label-ru').evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    expect(await page.getByTestId('taxonomy-label-ar').inputValue()).toBe('قصف مدفعي أو صاروخي');
    await persian.fill('');
    await page.getByTestId('taxonomy-label-missing-fa').waitFor();
    await screenshot(page, 'vocabulary-01-form-fa');
    await page.getByTestId('taxonomy-submit').click();

    const missing = page.getByTestId('taxonomy-missing-shelling');
    await missing.waitFor();
    expect(await missing.getAttribute('data-missing')).toBe('fa');
    const row = page.getByTestId('taxonomy-row').filter({ has: missing });
    const english = row.locator('[data-untranslated] bdi[lang="en"]');
    expect(await english.textContent()).toBe('Shelling, artillery or missile attack');
    expect(await row.locator('[data-untranslated] abbr').textContent()).toBe('EN');
    await screenshot(page, 'vocabulary-02-list-fa');

    // On the report cards too: shelling reads English, marked; the other types read Persian.
    await page.goto(`${server.url}/reports?type=shelling`);
    const card = page.getByTestId('report-row-type').first();
    await card.waitFor();
    expect(await card.getAttribute('data-untranslated')).toBe('');
    expect(await card.locator('bdi[lang="en"]').textContent()).toBe('Shelling, artillery or missile attack');
    await page.goto(`${server.url}/reports?type=air-strike`);
    const other = page.getByTestId('report-row-type').first();
    await other.waitFor();
    expect(await other.textContent()).toBe('حملهٔ هوایی یا پهپادی');
    expect(await other.getAttribute('lang')).toBe('fa');
    await screenshot(page, 'vocabulary-03-cards-fa');
    await context.close();
  });
});
