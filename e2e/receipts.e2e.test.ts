import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parsePolicy, verifyProof } from '@truce/core/log/index';
import type { RunningServer } from '../packages/server/src/server.ts';
import type { DemoAccount } from '../packages/server/src/demo/seed.ts';
import { launchBrowser, startDemoServer, signInAs, describeInChromium } from './browser.ts';

/**
 * Receipts in Chromium (issue 14): a party's officer opens a report it filed and downloads
 * its receipt, a c2sp.org/tlog-proof file that verifies against the policy the server serves.
 */
describeInChromium('receipts in Chromium', () => {
  let server: RunningServer;
  let accounts: DemoAccount[];
  let dataDir: string;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, accounts, dataDir } = await startDemoServer(20));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('downloads the receipt of a report from its page, and the receipt verifies', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await signInAs(context, server.url, accounts, 'officer.government@demo.truce.example');
    const id = await page.evaluate(async () => ((await (await fetch('/api/reports?limit=1')).json()) as { reports: { id: string }[] }).reports[0].id);
    await page.goto(`${server.url}/reports/${id}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-receipt').click()]);
    expect(download.suggestedFilename()).toMatch(/^truce-entry-\d+\.tlog-proof$/);
    const receipt = fs.readFileSync((await download.path())!, 'utf8');
    const policy = parsePolicy(await (await fetch(`${server.url}/log/policy`)).text());
    const ok = verifyProof(receipt, policy);
    expect(JSON.parse(new TextDecoder().decode(ok.entry)).subject.report).toBe(id);
    await context.close();
  });
});
