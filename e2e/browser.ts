import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { describe, inject } from 'vitest';
import { loadConfig } from '../packages/server/src/config.ts';
import { startServer, type RunningServer } from '../packages/server/src/server.ts';
import type { DemoAccount } from '../packages/server/src/demo/seed.ts';

/**
 * Debian's Chromium, never a downloaded browser (ARCHITECTURE "Chromium in tests"), as found
 * by the project's global set-up (testing/programs.setup.ts). Without it the browser tests
 * are skipped with one line saying how to install it; CI makes that a failure.
 */
const programs = inject('systemPrograms');
export const CHROMIUM = programs.chromium ?? '/usr/bin/chromium';
/** A describe block for a browser test: skipped where there is no Chromium. */
export const describeInChromium = describe.skipIf(!programs.chromium);
/** The same, for a browser test that also reads a PDF back with poppler. */
export const describeInChromiumWithPoppler = describe.skipIf(!programs.chromium || !programs.poppler);

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Screenshots are kept as test artefacts in ./artifacts (not in git). */
export const ARTIFACTS = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'artifacts');

/**
 * A demo server with a few hundred fictional reports: enough for every screen, quick to load.
 * `demoWitnesses` also runs the guarantors' three witnesses, which cosign its checkpoints.
 */
export async function startDemoServer(
  demoReports = 150,
  demoDetainees = 0,
  { demoWitnesses = false }: { demoWitnesses?: boolean } = {},
): Promise<{ server: RunningServer; accounts: DemoAccount[]; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'truce-e2e-'));
  const server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', TRUCE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
    demo: true,
    demoReports,
    demoDetainees,
    demoWitnesses,
    serveWeb: true,
  });
  const accounts = JSON.parse(fs.readFileSync(server.demoAccountsFile!, 'utf8')) as DemoAccount[];
  return { server, accounts, dataDir };
}

/** Signs a demo account in through the sign-in page, as a person would; returns the page at Home. */
export async function signInAs(context: BrowserContext, url: string, accounts: DemoAccount[], email: string): Promise<Page> {
  const page = await context.newPage();
  const account = accounts.find((a) => a.email === email);
  if (!account) throw new Error(`no demo account ${email}`);
  await page.goto(url + '/');
  await page.getByTestId('sign-in-email').fill(account.email);
  await page.getByTestId('sign-in-password').fill(account.password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('home').waitFor();
  return page;
}

/** A full-page screenshot kept as a test artefact. */
export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(process.env.TRUCE_SHOTS ?? ARTIFACTS, `${name}.png`), fullPage: true });

/** How far the page scrolls sideways: a phone layout must not. */
export const sideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/**
 * A signed-in API caller for setting a scene (the browser does the part under test): signs
 * the demo account `who` (e.g. officer.government) in and answers each call's JSON, throwing
 * on anything but success.
 */
export async function apiAs(url: string, accounts: DemoAccount[], who: string) {
  const account = accounts.find((a) => a.email === `${who}@demo.truce.example`);
  if (!account) throw new Error(`no demo account ${who}`);
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('truce_session='))!
    .split(';')[0];
  return async (method: string, path: string, body?: unknown) => {
    const r = await fetch(url + path, {
      method,
      headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await r.json();
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
}
