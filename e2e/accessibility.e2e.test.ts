import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../packages/server/src/server.ts';
import type { DemoAccount } from '../packages/server/src/demo/seed.ts';
import { ARTIFACTS, describeInChromium, launchBrowser, screenshot, signInAs, startDemoServer } from './browser.ts';

/**
 * Every page of the web app through axe-core's WCAG 2.0 and 2.1 A and AA rules, in English
 * and in Arabic (right to left), on a desktop and on a phone screen: no serious or critical
 * violation anywhere. Each page is the one a user would see: signed in as the accounts that
 * open it with the most on it (the secretariat's administrator for the set-up and the
 * case work, a guarantor for the detainee lists and matching, a party for uploading its
 * list and proposing an exchange), after its data has loaded. A failure lists every
 * violation with its rule, page, language, screen and a few of the elements concerned.
 *
 * Also: the skip link is the first stop of the Tab key and Enter takes the focus to the
 * page's content; the focused element shows a visible outline.
 */

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SCREENS = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true },
} as const;
type Screen = keyof typeof SCREENS;
type Language = 'en' | 'ar';

/** Detail pages take their address from a link on a list page, as a user reaches them. */
const DETAIL = {
  report: /^\/reports\/[0-9a-f]{8}-[0-9a-f-]{27}$/,
  incident: /^\/incidents\/[0-9a-f]{8}-[0-9a-f-]{27}$/,
  meeting: /^\/meetings\/[0-9a-f]{8}-[0-9a-f-]{27}$/,
  list: /^\/detainees\/lists\/[0-9a-f]{8}-[0-9a-f-]{27}$/,
  person: /^\/detainees\/lists\/[0-9a-f]{8}-[0-9a-f-]{27}\/persons\/[^/]+$/,
  run: /^\/detainees\/matching\/[0-9a-f]{8}-[0-9a-f-]{27}$/,
  exchange: /^\/exchanges\/[0-9a-f]{8}-[0-9a-f-]{27}$/,
} as const;
type Detail = keyof typeof DETAIL;

/** A page to scan: its address, or a detail page found through a link on `from` (an address, or a detail page found before). */
type Visit = string | { detail: Detail; from: string | Detail; suffix?: string };

const ACCOUNTS: { email: string; visits: Visit[] }[] = [
  {
    email: 'admin.secretariat@demo.truce.example',
    visits: [
      '/',
      '/reports',
      { detail: 'report', from: '/reports' },
      '/reports/new',
      '/incidents',
      { detail: 'incident', from: '/incidents' },
      '/triage',
      '/dashboard',
      '/map',
      '/meetings',
      { detail: 'meeting', from: '/meetings' },
      '/exchanges/dashboard',
      '/publications',
      '/record',
      '/notifications',
      '/search?q=' + encodeURIComponent('قصف'),
      '/search?q=Idlib',
      '/admin/organisations',
      '/admin/users',
      '/mechanism',
      '/mechanism/agreements',
      '/mechanism/excluded-groups',
      '/mechanism/zones',
      '/mechanism/taxonomy',
      '/account/password',
      '/account/second-factor',
      '/account/tokens',
      '/no-such-page',
    ],
  },
  {
    // A guarantor assesses incidents and reviews matches across every list.
    email: 'admin.russia@demo.truce.example',
    visits: [
      { detail: 'incident', from: '/incidents' },
      '/detainees',
      { detail: 'list', from: '/detainees' },
      { detail: 'person', from: 'list' },
      '/detainees/matching',
      { detail: 'run', from: '/detainees/matching' },
      '/exchanges',
      { detail: 'exchange', from: '/exchanges' },
    ],
  },
  {
    // A party keeps its own lists, replies to incidents and proposes exchanges.
    email: 'admin.government@demo.truce.example',
    visits: ['/', { detail: 'incident', from: '/incidents' }, { detail: 'list', from: '/detainees', suffix: '/upload' }, '/exchanges/new'],
  },
];

describeInChromium('accessibility (axe-core, WCAG 2.1 A and AA) in Chromium', () => {
  let server: RunningServer;
  let accounts: DemoAccount[];
  let dataDir: string;
  let browser: Browser;

  beforeAll(async () => {
    // A few reports and short detainee lists (a twentieth of the demo's): every kind of page has something on it.
    ({ server, accounts, dataDir } = await startDemoServer(30, 0.05));
    browser = await launchBrowser();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 400_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Requests the page has open: a page is scanned only once its data has arrived. */
  function trackRequests(page: Page): () => number {
    let open = 0;
    page.on('request', () => open++);
    page.on('requestfinished', () => open--);
    page.on('requestfailed', () => open--);
    return () => open;
  }

  /** Waits until nothing loads (no request open, no loader shown) for a moment. */
  async function settle(page: Page, open: () => number) {
    let quietSince = 0;
    const until = Date.now() + 20_000;
    while (Date.now() < until) {
      const busy = open() > 0 || (await page.locator('[aria-busy="true"], .mantine-Loader-root').count()) > 0;
      if (busy) quietSince = 0;
      else if (quietSince === 0) quietSince = Date.now();
      else if (Date.now() - quietSince >= 200) return;
      await page.waitForTimeout(50);
    }
    throw new Error(`${page.url()} is still loading after 20 s`);
  }

  /**
   * Opens an address inside the running app, as following a link does (the router reads the
   * address on popstate): no reload of the whole app between pages, which keeps 160 scans quick.
   */
  async function go(page: Page, address: string) {
    await page.evaluate((to) => {
      window.history.pushState(null, '', to);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, address);
    await expect.poll(() => page.evaluate(() => window.location.pathname + window.location.search)).toBe(address);
  }

  async function setLanguage(page: Page, open: () => number, language: Language) {
    // On a phone the switch is in the header too.
    await page.getByTestId('lang-switch').selectOption(language);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
    await settle(page, open);
  }

  interface Finding {
    rule: string;
    impact: string;
    page: string;
    where: string;
    help: string;
    count: number;
    targets: string[];
  }

  async function scan(page: Page, address: string, where: string): Promise<Finding[]> {
    // Legacy mode runs axe in the page itself; the default opens a blank page per scan to put
    // the results of each frame together, which this app (no frames) does not need. Only the
    // violations come back in full.
    const result = await new AxeBuilder({ page })
      .withTags(WCAG)
      .options({ resultTypes: ['violations'] })
      .setLegacyMode()
      .analyze();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        rule: v.id,
        impact: v.impact!,
        page: address,
        where,
        help: v.help,
        count: v.nodes.length,
        targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
      }));
  }

  const describeFindings = (findings: Finding[]) =>
    findings.map((f) => `${f.rule} (${f.impact}) on ${f.page} [${f.where}], ${f.count} element(s): ${f.help}\n    ${f.targets.join('\n    ')}`).join('\n');

  async function scanAccount(context: BrowserContext, email: string, visits: Visit[], language: Language, screen: Screen): Promise<Finding[]> {
    const page = await signInAs(context, server.url, accounts, email);
    const open = trackRequests(page);
    await settle(page, open);
    await setLanguage(page, open, language);
    const found: Finding[] = [];
    const details = new Map<string, string>();
    for (const visit of visits) {
      let address: string;
      if (typeof visit === 'string') address = visit;
      else {
        if (!details.has(visit.detail)) {
          const from = visit.from in DETAIL ? details.get(visit.from) : visit.from;
          if (!from) throw new Error(`${visit.detail}: visit a ${visit.from} first`);
          await go(page, from);
          await settle(page, open);
          const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
          const href = hrefs.find((h) => DETAIL[visit.detail].test(h));
          if (!href) throw new Error(`no link to a ${visit.detail} on ${from} for ${email}`);
          details.set(visit.detail, href);
        }
        address = details.get(visit.detail)! + (visit.suffix ?? '');
      }
      await go(page, address);
      await settle(page, open);
      found.push(...(await scan(page, address, `${email.split('@')[0]}, ${language}, ${screen}`)));
    }
    await page.close();
    return found;
  }

  for (const language of ['en', 'ar'] as const) {
    for (const screen of ['desktop', 'phone'] as const) {
      it(`no serious or critical violation on any page, ${language}, ${screen}`, { timeout: 600_000 }, async () => {
        const found: Finding[] = [];
        for (const { email, visits } of ACCOUNTS) {
          const context = await browser.newContext(SCREENS[screen]);
          found.push(...(await scanAccount(context, email, visits, language, screen)));
          await context.close();
        }
        // Signed out: the sign-in page and a set-up link that is no longer valid.
        const context = await browser.newContext({ ...SCREENS[screen], locale: language });
        const page = await context.newPage();
        const open = trackRequests(page);
        for (const address of ['/sign-in', '/setup/no-longer-valid']) {
          await page.goto(server.url + address);
          await settle(page, open);
          if (address === '/sign-in') await setLanguage(page, open, language);
          found.push(...(await scan(page, address, `signed out, ${language}, ${screen}`)));
        }
        await context.close();
        expect(found, describeFindings(found)).toEqual([]);
      });
    }
  }

  it('the first Tab reaches the skip link, Enter takes the focus to the page, and the focus is visible', async () => {
    const context = await browser.newContext(SCREENS.desktop);
    const page = await signInAs(context, server.url, accounts, 'officer.secretariat@demo.truce.example');
    await page.goto(server.url + '/reports');
    await settle(page, trackRequests(page));
    await page.keyboard.press('Tab');
    const skip = page.getByTestId('skip-link');
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    // In sight once focused, with an outline or a border that a sighted keyboard user can follow.
    const box = await skip.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    await screenshot(page, 'a11y-skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('truce-main');
    // The next Tab goes into the page, not back into the header or the navigation.
    await page.keyboard.press('Tab');
    const inMain = await page.evaluate(() => !!document.activeElement?.closest('#truce-main'));
    expect(inMain).toBe(true);
    // Visible focus: the focused element looks different from the same element unfocused (an
    // outline on buttons and links, the border colour on fields).
    const look = () =>
      page.evaluate(() => {
        const style = getComputedStyle(document.activeElement ?? document.body);
        return [style.outlineStyle, style.outlineWidth, style.outlineColor, style.borderColor, style.boxShadow].join(' | ');
      });
    // Mantine fades the border colour in (0.1 s): read the look once it has settled.
    await page.waitForTimeout(400);
    const focused = await look();
    const tag = await page.evaluate(() => document.activeElement?.tagName);
    await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      el.dataset.a11yProbe = '1';
      el.blur();
    });
    await page.waitForTimeout(400);
    const unfocused = await page.evaluate(() => {
      const style = getComputedStyle(document.querySelector('[data-a11y-probe]')!);
      return [style.outlineStyle, style.outlineWidth, style.outlineColor, style.borderColor, style.boxShadow].join(' | ');
    });
    expect(focused, `the focused ${tag} looks the same as unfocused`).not.toBe(unfocused);
    await context.close();
  });
});
