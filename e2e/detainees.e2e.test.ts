import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../packages/server/src/server.ts';
import type { DemoAccount } from '../packages/server/src/demo/seed.ts';
import { ARTIFACTS, launchBrowser, screenshot, sideScroll, signInAs, startDemoServer, describeInChromium } from './browser.ts';

/**
 * Detainee lists, match review and an exchange in Chromium (C4, C5, C6), as the people
 * involved would go through them: the Government officer uploads its held list from a
 * CSV with Arabic headers and names, on a phone in Arabic (a first file with an error is
 * refused whole); the Northern Dawn officer uploads its sought list in Latin
 * transliterations and adds one person it holds by form; the facilitator runs the
 * matcher and confirms a candidate side by side, by keyboard; Northern Dawn proposes a
 * one-for-one exchange, both parties approve, the three guarantors endorse, and on the
 * day the facilitator confirms one release (identity checked, return voluntary) and
 * records the other person's refusal with its reason; an observer sees the figures and
 * no list. Screenshots in ./artifacts.
 */

const HELD_HEADER = 'الرقم,الاسم الكامل,اسم الأب,اسم الأم,الجنس,تاريخ الميلاد,مكان الولادة,الرقم الوطني,تاريخ الاعتقال,مكان الاعتقال,الفئة';
const HELD_ROWS = [
  'G-001,محمد أحمد الحسن,أحمد,فاطمة,ذكر,1985-03-12,حلب,02010012345,2016-11-02,سجن حماة المركزي,مدني',
  'G-002,عبد الرحمن خالد الأسعد,خالد,مريم,ذكر,1990,إدلب,,2016-12-20,حماة,مقاتل',
  'G-003,فاطمة علي الخطيب,علي,زينب,أنثى,1978-07-12,حمص,,2017-01-05,حمص,امرأة',
  'G-004,يوسف إبراهيم العلي,إبراهيم,هدى,ذكر,2001-09-30,دير الزور,,2016-10-11,دمشق,قاصر',
];
const BOM = '\uFEFF';
const HELD_CSV = BOM + [HELD_HEADER, ...HELD_ROWS].join('\r\n') + '\r\n';
// The same list with an impossible date in row 3: nothing of it may be imported.
const HELD_BAD_CSV = BOM + [HELD_HEADER, HELD_ROWS[0], HELD_ROWS[1].replace(',1990,', ',1990-02-30,'), ...HELD_ROWS.slice(2)].join('\r\n') + '\r\n';
const SOUGHT_CSV = [
  'ref,given_name,father_name,family_name,mother_name,birth_year,birth_place',
  'ND-S-1,Mohammed,Ahmad,al-Hassan,Fatima,1985,Aleppo',
  'ND-S-2,Abdulrahman,Khaled,Al Asaad,Mariam,1990,Idlib',
  'ND-S-3,Rasha,Nabil,Darwish,,1992,Hama',
].join('\n');

describeInChromium('detainee lists, match review and an exchange in Chromium', () => {
  let server: RunningServer;
  let accounts: DemoAccount[];
  let dataDir: string;
  let filesDir: string;
  let browser: Browser;
  let exchangeId = '';
  let runId = '';

  beforeAll(async () => {
    ({ server, accounts, dataDir } = await startDemoServer(10));
    browser = await launchBrowser();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'truce-e2e-lists-'));
    fs.writeFileSync(path.join(filesDir, 'محتجزون-شباط.csv'), HELD_CSV);
    fs.writeFileSync(path.join(filesDir, 'محتجزون-خطأ.csv'), HELD_BAD_CSV);
    fs.writeFileSync(path.join(filesDir, 'mafqudin.csv'), SOUGHT_CSV);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
  });

  const phone = () => browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const desktop = () => browser.newContext({ viewport: { width: 1280, height: 900 } });
  const signIn = (context: BrowserContext, who: string) => signInAs(context, server.url, accounts, `${who}@demo.truce.example`);
  const arabic = async (page: Page) => {
    await page.getByTestId('lang-switch').selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  };
  /** Follows a navigation entry, opening the menu first on a phone. */
  const nav = async (page: Page, testId: string) => {
    const link = page.getByTestId(testId);
    if (!(await link.isVisible())) await page.getByTestId('nav-burger').click();
    await link.click();
  };
  const openList = async (page: Page, kind: 'held' | 'sought') => {
    await nav(page, 'nav-detainees');
    await page.locator(`[data-testid=detainee-list-card][data-kind=${kind}]`).click();
    await page.getByTestId('detainee-list').waitFor();
  };

  it('has the Government officer upload its held list in Arabic on a phone, after a file with an error is refused whole', async () => {
    const context = await phone();
    const page = await signIn(context, 'officer.government');
    await arabic(page);
    await openList(page, 'held');
    expect(await page.getByTestId('detainee-list').getAttribute('data-version')).toBe('0');
    await page.getByTestId('detainee-upload').click();

    // A file with an impossible date: the row and column are named, nothing is imported.
    await page.getByTestId('upload-file-input').setInputFiles(path.join(filesDir, 'محتجزون-خطأ.csv'));
    await page.locator('[data-testid=upload-preview][data-ready=false]').waitFor({ timeout: 20_000 });
    await page.getByTestId('upload-nothing-imported').waitFor();
    const error = page.getByTestId('upload-error').first();
    expect(await error.getAttribute('data-row')).toBe('3');
    expect(await error.getAttribute('data-column')).toBe('تاريخ الميلاد');
    expect(await page.getByTestId('upload-accept').isDisabled()).toBe(true);
    expect(await sideScroll(page)).toBeLessThanOrEqual(1);
    await screenshot(page, 'detainees-01-upload-errors-phone-ar');

    // The corrected file: Arabic headers mapped by the server, four persons to add.
    await page.getByTestId('upload-another').click();
    await page.getByTestId('upload-file-input').setInputFiles(path.join(filesDir, 'محتجزون-شباط.csv'));
    await page.locator('[data-testid=upload-preview][data-ready=true]').waitFor({ timeout: 20_000 });
    const mapped = async (header: string) => page.locator(`[data-testid=upload-mapping-row][data-header="${header}"] select`).inputValue();
    expect(await mapped('الرقم')).toBe('ref');
    expect(await mapped('الاسم الكامل')).toBe('full_name');
    expect(await mapped('اسم الأب')).toBe('father_name');
    expect(await mapped('الفئة')).toBe('category');
    expect(await page.getByTestId('upload-count-added').getAttribute('data-n')).toBe('4');
    expect(await sideScroll(page)).toBeLessThanOrEqual(1);
    await screenshot(page, 'detainees-02-upload-preview-phone-ar');
    await page.getByTestId('upload-accept').click();

    await page.getByTestId('detainee-saved').waitFor();
    await expect.poll(() => page.getByTestId('detainee-person-row').count()).toBe(4);
    expect(await page.getByTestId('detainee-persons').getAttribute('data-layout')).toBe('cards');
    expect(await sideScroll(page)).toBeLessThanOrEqual(1);
    await screenshot(page, 'detainees-03-list-phone-ar');

    // One person's record: the version, the status, and this very view on the record.
    await page.locator('[data-testid=detainee-person-row][data-ref=G-001]').click();
    await page.getByTestId('person-detail').waitFor();
    expect(await page.locator('[data-testid=person-current] [data-field=fullName]').innerText()).toContain('محمد أحمد الحسن');
    await expect.poll(() => page.getByTestId('person-view').count()).toBeGreaterThan(0);
    expect(await sideScroll(page)).toBeLessThanOrEqual(1);
    await screenshot(page, 'detainees-04-person-phone-ar');
    await context.close();
  });

  it('has the Northern Dawn officer upload its sought list in Latin letters and add a person it holds by form', async () => {
    const context = await desktop();
    const page = await signIn(context, 'officer.north-dawn');
    await nav(page, 'nav-detainees');
    // A party sees its own two lists, never the other side's.
    await expect.poll(() => page.getByTestId('detainee-list-card').count()).toBe(2);
    expect(await page.locator('[data-testid=detainee-list-card][data-party=Government]').count()).toBe(0);

    await openList(page, 'sought');
    await page.getByTestId('detainee-upload').click();
    await page.getByTestId('upload-file-input').setInputFiles(path.join(filesDir, 'mafqudin.csv'));
    await page.locator('[data-testid=upload-preview][data-ready=true]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid=upload-mapping-row][data-header=given_name] select').inputValue()).toBe('given_name');
    await page.getByTestId('upload-accept').click();
    await page.getByTestId('detainee-saved').waitFor();
    await expect.poll(() => page.getByTestId('detainee-person-row').count()).toBe(3);
    expect(await page.getByTestId('detainee-persons').getAttribute('data-layout')).toBe('table');
    await page.getByTestId('detainee-search').fill('Rasha');
    await expect.poll(() => page.getByTestId('detainee-person-row').count()).toBe(1);

    await page.goto(`${server.url}/detainees`);
    await page.locator('[data-testid=detainee-list-card][data-kind=held]').click();
    await page.getByTestId('detainee-add-person').click();
    await page.getByTestId('person-form').waitFor();
    await page.getByTestId('person-ref').fill('ND-H-1');
    await page.getByTestId('person-fullName').fill('Samer Adel al-Hamwi');
    await page.getByTestId('person-birthYear').fill('1993');
    await page.getByTestId('person-category').selectOption('combatant');
    await page.getByTestId('person-submit').click();
    await page.getByTestId('person-detail').waitFor();
    expect(await page.getByTestId('person-detail').getAttribute('data-ref')).toBe('ND-H-1');
    await context.close();
  });

  it('has the facilitator run the matcher and confirm a candidate side by side, by keyboard', async () => {
    const context = await desktop();
    const page = await signIn(context, 'officer.facilitator');
    await nav(page, 'nav-matching');
    await page.getByTestId('run-queue').waitFor();
    const lists = await page.evaluate(
      async () => ((await (await fetch('/api/detainee-lists')).json()) as { lists: { id: string; partyShortName: string; kind: string }[] }).lists,
    );
    const soughtId = lists.find((l) => l.partyShortName === 'Northern Dawn' && l.kind === 'sought')!.id;
    const heldId = lists.find((l) => l.partyShortName === 'Government' && l.kind === 'held')!.id;
    await page.getByTestId('run-sought').selectOption(soughtId);
    await page.getByTestId('run-held').selectOption(heldId);
    await page.getByTestId('run-queue-submit').click();
    await page.getByTestId('run-queued').waitFor();
    // The run queued last is at the top; the list refreshes itself until it is done.
    const run = page.locator('[data-testid=run-row][data-kind=match]').first();
    await run.locator('[data-testid=run-status][data-status=done]').waitFor({ timeout: 30_000 });
    runId = (await run.getAttribute('data-id'))!;
    await run.getByTestId('run-open').click();
    await page.getByTestId('run-page').waitFor();
    await page.locator('[data-testid=candidates], [data-testid=candidates-none]').first().waitFor();

    // The engine itself must have found the person Northern Dawn seeks in the Government's list.
    await page.getByTestId('candidates').waitFor();

    const pair = page.locator('[data-testid=candidate][data-sought=ND-S-1][data-held=G-001]');
    await pair.waitFor({ timeout: 15_000 });
    // Each compared field says how it came out in words, not only in colour; names keep their direction.
    expect(await pair.locator('[data-testid=comparison-outcome]').count()).toBeGreaterThan(2);
    expect(await pair.locator('[data-testid=candidate-held-value]').first().getAttribute('dir')).toBe('auto');
    expect(await pair.getByTestId('candidate-score').innerText()).toMatch(/%/);
    await screenshot(page, 'detainees-05-match-review');

    // By keyboard: focus the pair, press C.
    await pair.focus();
    await page.keyboard.press('c');
    await pair.waitFor({ state: 'detached' });
    const matches = await page.evaluate(
      async () => ((await (await fetch('/api/matches')).json()) as { matches: { soughtRef: string; heldRef: string }[] }).matches,
    );
    expect(matches).toEqual([expect.objectContaining({ soughtRef: 'ND-S-1', heldRef: 'G-001' })]);
    await context.close();
  });

  it('shows the review on a phone in Arabic, each field with its outcome in words', async () => {
    const context = await phone();
    const page = await signIn(context, 'officer.facilitator');
    await arabic(page);
    await page.goto(`${server.url}/detainees/matching/${runId}?decision=`);
    const pair = page.locator('[data-testid=candidate][data-sought=ND-S-1][data-decision=confirmed]');
    await pair.waitFor();
    expect(await pair.getByTestId('candidate-fields').evaluate((el) => el.tagName)).toBe('DIV');
    expect(await sideScroll(page)).toBeLessThanOrEqual(1);
    await screenshot(page, 'detainees-05b-match-review-phone-ar');
    await context.close();
  });

  it('has Northern Dawn propose a one-for-one exchange: the person it seeks, matched, for one it holds', async () => {
    const context = await desktop();
    const page = await signIn(context, 'officer.north-dawn');
    await nav(page, 'nav-exchanges');
    await page.getByTestId('exchange-new').click();
    await page.getByTestId('exchange-form').waitFor();
    await page.getByTestId('exchange-title').fill('Hama crossing, February');
    await page.getByTestId('exchange-party-b').selectOption({ label: 'Government of the Syrian Arab Republic' });
    await page.getByTestId('exchange-meeting-date').fill('2017-02-15');
    // Only persons with a confirmed match can be named from the sought list.
    await expect.poll(() => page.locator('[data-testid=pick-sought] [data-testid=pick-person]').count()).toBe(1);
    await page.locator('[data-testid=pick-sought] [data-testid=pick-person][data-ref=ND-S-1]').check();
    await page.locator('[data-testid=pick-offer] [data-testid=pick-person][data-ref=ND-H-1]').check();
    expect(await page.getByTestId('exchange-unbalanced').count()).toBe(0);
    await page.getByTestId('exchange-submit').click();
    await page.waitForURL(/\/exchanges\/[0-9a-f-]{36}$/);
    exchangeId = page.url().split('/').pop()!;
    await page.locator('[data-testid=exchange-detail][data-state=proposed]').waitFor();
    expect(await page.getByTestId('exchange-person').count()).toBe(2);
    await page.getByTestId('exchange-approve').click();
    await expect.poll(() => page.locator('[data-testid=exchange-approval][data-approved=true]').count()).toBe(1);
    await context.close();
  });

  it('has the Government approve it on a phone in Arabic', async () => {
    const context = await phone();
    const page = await signIn(context, 'officer.government');
    await arabic(page);
    await nav(page, 'nav-exchanges');
    await page.locator(`[data-testid=exchange-row][data-id="${exchangeId}"]`).click();
    await page.getByTestId('exchange-approve').click();
    await page.locator('[data-testid=exchange-detail][data-state=approved]').waitFor();
    expect(await sideScroll(page)).toBeLessThanOrEqual(1);
    await screenshot(page, 'detainees-06-exchange-approved-phone-ar');
    await context.close();
  });

  it('has the three guarantors endorse it', async () => {
    for (const [i, who] of ['officer.russia', 'officer.turkey', 'officer.iran'].entries()) {
      const context = await desktop();
      const page = await signIn(context, who);
      await page.goto(`${server.url}/exchanges/${exchangeId}`);
      await page.getByTestId('exchange-endorse').click();
      await expect.poll(() => page.locator('[data-testid=exchange-endorsement][data-endorsed=true]').count()).toBe(i + 1);
      await context.close();
    }
  });

  it('has the facilitator confirm a release on the day, and record the other person’s refusal with its reason', async () => {
    const context = await desktop();
    const page = await signIn(context, 'officer.facilitator');
    await page.goto(`${server.url}/exchanges/${exchangeId}`);
    await page.locator('[data-testid=exchange-detail][data-state=endorsed]').waitFor();
    const g001 = page.locator('[data-testid=exchange-person][data-ref=G-001]');
    await g001.getByTestId('outcome-confirmed').click();
    await page.getByTestId('outcome-form').waitFor();
    // Not without both ticks.
    await page.getByTestId('outcome-submit').click();
    await expect.poll(() => page.locator('[data-testid=outcome-form] .mantine-Checkbox-error').count()).toBe(2);
    await page.getByTestId('outcome-identity').check();
    await page.getByTestId('outcome-voluntary').check();
    await page.getByTestId('outcome-note').fill('Met his brother at the crossing; interviewed alone.');
    await page.getByTestId('outcome-submit').click();
    await page.locator('[data-testid=exchange-person][data-ref=G-001][data-outcome=confirmed]').waitFor();

    const nh1 = page.locator('[data-testid=exchange-person][data-ref=ND-H-1]');
    await nh1.getByTestId('outcome-declined').click();
    await page.getByTestId('outcome-submit').click();
    await page.locator('[data-testid=outcome-form] textarea[aria-invalid=true]').waitFor();
    await page.getByTestId('outcome-note').fill('Asked to stay in Idlib with his family; interviewed alone by the committee.');
    await page.getByTestId('outcome-submit').click();
    await page.locator('[data-testid=exchange-detail][data-state=completed]').waitFor();
    await page.locator('.mantine-Modal-content').waitFor({ state: 'detached' });
    await screenshot(page, 'detainees-07-exchange-completed');
    await context.close();
  });

  it('shows the Government the person’s history to the release, and an observer the figures but no list', async () => {
    let context = await desktop();
    let page = await signIn(context, 'officer.government');
    await openList(page, 'held');
    await page.locator('[data-testid=detainee-person-row][data-ref=G-001]').getByRole('link').first().click();
    await page.getByTestId('person-detail').waitFor();
    const statuses = await page.locator('[data-testid=person-status-event]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(statuses).toEqual(['matched', 'proposed', 'approved', 'confirmed']);
    expect(await page.locator('[data-testid=person-status-history] a[href^="/exchanges/"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'detainees-08-person-history');
    await context.close();

    context = await phone();
    page = await signIn(context, 'viewer.osesgs');
    await page.getByTestId('nav-burger').click();
    expect(await page.getByTestId('nav-detainees').count()).toBe(0);
    expect(await page.getByTestId('nav-exchanges').count()).toBe(0);
    await page.getByTestId('nav-exchange-figures').click();
    await page.locator('[data-testid=figures-exchanges] [data-state=completed][data-n="1"]').waitFor();
    expect(await page.locator('[data-testid=figures-status] [data-key=confirmed]').getAttribute('data-held')).toBe('1');
    expect(await sideScroll(page)).toBeLessThanOrEqual(1);
    expect(await page.content()).not.toContain('Samer');
    await screenshot(page, 'detainees-09-figures-phone');
    await context.close();
  });
});
