import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parsePolicy, verifyProof } from '@truce/core/log/index';
import type { RunningServer } from '../packages/server/src/server.ts';
import type { DemoAccount } from '../packages/server/src/demo/seed.ts';
import { apiAs, ARTIFACTS, describeInChromium, launchBrowser, screenshot, sideScroll, signInAs, startDemoServer } from './browser.ts';
import { waitFor } from '../testing/wait.ts';

const WITNESSES = ['witness.russia.demo.truce.example', 'witness.turkiye.demo.truce.example', 'witness.iran.demo.truce.example'];
const RECEIPT_HEADER = 'c2sp.org/tlog-proof@v1\n';

/**
 * The witnesses in Chromium (issue 14): with the demo's three guarantors' witnesses running,
 * the Record page checks each cosignature of the served checkpoint in the browser and shows
 * the three witnesses and "quorum met", in English and in Arabic (right to left); receipts
 * download from a report, an incident reply and a meeting decision's adoption, each a
 * c2sp.org/tlog-proof file that verifies against the served policy.
 */
describeInChromium('witnesses and receipts in Chromium', () => {
  let server: RunningServer;
  let accounts: DemoAccount[];
  let dataDir: string;
  let browser: Browser;
  let incidentId = '';
  let replyId = '';

  /** A signed-in API caller for setting the scene (the browser does the part under test). */
  const as = (who: string) => apiAs(server.url, accounts, who);

  /** Waits until the served (cosigned) checkpoint covers the item's entry, so that its receipt is ready. */
  async function receiptReady(page: Page, name: string, value: string) {
    await waitFor(
      `a cosigned checkpoint covering ${name}/${value}`,
      () =>
        page.evaluate(
          async ([n, v]) => {
            const { entries } = (await (await fetch(`/api/log/subjects/${n}/${v}`)).json()) as { entries: { index: number }[] };
            if (entries.length === 0) return false;
            return (await fetch(`/api/log/entries/${entries[entries.length - 1].index}/receipt`)).status === 200;
          },
          [name, value] as const,
        ),
      90_000,
    );
  }

  async function download(page: Page, testId: string) {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).first().click()]);
    expect(file.suggestedFilename()).toMatch(/^truce-entry-\d+\.tlog-proof$/);
    return fs.readFileSync((await file.path())!, 'utf8');
  }

  beforeAll(async () => {
    ({ server, accounts, dataDir } = await startDemoServer(20, 0, { demoWitnesses: true }));
    browser = await launchBrowser();
    fs.mkdirSync(process.env.TRUCE_SHOTS ?? ARTIFACTS, { recursive: true });

    // An incident the accused party has replied to: the second kind of item with a receipt.
    const secretariat = await as('officer.secretariat');
    const gov = await as('officer.government');
    const orgs = Object.fromEntries(((await secretariat('GET', '/api/organisations')) as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]));
    const report = await gov('POST', '/api/reports', {
      occurredAt: '2017-04-02T21:10:00Z',
      timePrecision: 'exact',
      location: { lat: 35.9306, lon: 36.6339, geoPrecision: 'place', placeName: 'Idlib city' },
      sealLocation: false,
      typeCode: 'shelling',
      allegedPerpetrator: { kind: 'party', organisationId: orgs['Northern Dawn'] },
      affectedSide: { kind: 'party', organisationId: orgs.Government },
      casualties: { killedCivilian: 0, killedCombatant: 0, injuredCivilian: 1, injuredCombatant: 0 },
      description: 'Mortar fire near the eastern checkpoint of Idlib.',
      language: 'en',
      sources: [],
      evidence: [],
    });
    incidentId = (await secretariat('POST', '/api/incidents', { reportIds: [report.id] })).id;
    await (await as('officer.north-dawn'))('POST', `/api/incidents/${incidentId}/replies`, {
      text: 'Our mortars had been withdrawn from that sector.',
      evidence: [],
    });
    const incident = await secretariat('GET', `/api/incidents/${incidentId}`);
    replyId = (incident as { replyTexts: { id: string }[] }).replyTexts[0].id;

    // The three witnesses cosign on their own; the page is opened once they all have.
    await waitFor(
      'a checkpoint cosigned by the three witnesses',
      async () => {
        const note = await (await fetch(`${server.url}/log/checkpoint`)).text();
        return WITNESSES.every((w) => note.includes(`\n\u2014 ${w} `));
      },
      90_000,
    );
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows the three guarantors' witnesses cosigning and the quorum met, in English and in Arabic", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInAs(context, server.url, accounts, 'officer.government@demo.truce.example');
    await page.goto(`${server.url}/record`);
    await page.getByTestId('witnesses').waitFor();
    expect(await page.getByTestId('checkpoint-status').getAttribute('data-state')).toBe('verified');

    const rows = page.getByTestId('witness-row');
    expect(await rows.evaluateAll((els) => els.map((e) => [e.getAttribute('data-name'), e.getAttribute('data-state')]))).toEqual(
      WITNESSES.map((w) => [w, 'cosigned']),
    );
    for (const time of await page.getByTestId('witness-time').evaluateAll((els) => els.map((e) => e.getAttribute('data-time'))))
      expect(Date.parse(time!)).toBeGreaterThan(0);
    const quorum = page.getByTestId('witness-quorum');
    expect([await quorum.getAttribute('data-met'), await quorum.getAttribute('data-need'), await quorum.getAttribute('data-of')]).toEqual(['true', '2', '3']);
    expect(await quorum.innerText()).toMatch(/Quorum met: 2 of 3 witnesses must cosign, 3 did/);
    expect(await page.getByTestId('witness-lagging').count()).toBe(0);
    // Pinned on first use, then recognised.
    expect(await page.getByTestId('policy-pin').getAttribute('data-state')).toBe('first-use');
    expect(await page.evaluate(() => localStorage.getItem('truce.log.policy'))).toMatch(/^log .*\nwitness witness\.russia\.demo\.truce\.example /);
    await screenshot(page, 'witnesses-01-record-en');

    await page.reload();
    await page.getByTestId('witnesses').waitFor();
    expect(await page.getByTestId('policy-pin').getAttribute('data-state')).toBe('pinned');

    // Had this browser remembered another quorum (3 of 3), it says the policy changed, checks with the remembered one, and can be told to trust the new one.
    const pinned = (await page.evaluate(() => localStorage.getItem('truce.log.policy')))!;
    await page.evaluate((text) => localStorage.setItem('truce.log.policy', text), pinned.replace(/^group guarantors 2 /m, 'group guarantors 3 '));
    await page.reload();
    await page.getByTestId('policy-changed').waitFor();
    expect([await quorum.getAttribute('data-need'), await quorum.getAttribute('data-of')]).toEqual(['3', '3']);
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('policy-accept').click();
    await expect.poll(() => page.getByTestId('policy-pin').getAttribute('data-state')).toBe('pinned');
    expect(await page.evaluate(() => localStorage.getItem('truce.log.policy'))).toBe(pinned);

    await page.getByTestId('lang-switch').selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => quorum.innerText()).toMatch(/النصاب مكتمل/);
    expect(await page.getByTestId('witness-state').first().innerText()).toBe('وقّع');
    expect(await sideScroll(page)).toBeLessThanOrEqual(0);
    await page.evaluate(() => window.scrollTo(0, 0)); // a full-page shot after a scroll draws the fixed header mid-page
    await screenshot(page, 'witnesses-02-record-ar');
    await context.close();
  });

  it('downloads the receipt of a report and of an incident reply, each a tlog-proof that verifies', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await signInAs(context, server.url, accounts, 'officer.government@demo.truce.example');
    const policy = parsePolicy(await (await fetch(`${server.url}/log/policy`)).text());

    const reportId = await page.evaluate(async () => ((await (await fetch('/api/reports?limit=1')).json()) as { reports: { id: string }[] }).reports[0].id);
    await receiptReady(page, 'report', reportId);
    await page.goto(`${server.url}/reports/${reportId}`);
    const reportReceipt = await download(page, 'report-receipt');
    expect(reportReceipt.startsWith(RECEIPT_HEADER)).toBe(true);
    expect(JSON.parse(new TextDecoder().decode(verifyProof(reportReceipt, policy).entry)).subject.report).toBe(reportId);

    await receiptReady(page, 'reply', replyId);
    await page.goto(`${server.url}/incidents/${incidentId}`);
    await page.getByTestId('incident-reply').waitFor();
    const replyReceipt = await download(page, 'reply-receipt');
    expect(replyReceipt.startsWith(RECEIPT_HEADER)).toBe(true);
    const entry = JSON.parse(new TextDecoder().decode(verifyProof(replyReceipt, policy).entry));
    expect([entry.type, entry.subject.reply, entry.subject.incident]).toEqual(['incident.replied', replyId, incidentId]);
    await page.getByTestId('incident-reply').scrollIntoViewIfNeeded();
    await screenshot(page, 'witnesses-03-reply-receipt');
    await context.close();
  });

  it("downloads the receipt of a meeting decision's adoption: of the decision's entries, the adoption", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await signInAs(context, server.url, accounts, 'officer.russia@demo.truce.example');
    const policy = parsePolicy(await (await fetch(`${server.url}/log/policy`)).text());
    const found = await page.evaluate(async () => {
      const { meetings } = (await (await fetch('/api/meetings')).json()) as { meetings: { id: string }[] };
      for (const m of meetings) {
        const meeting = (await (await fetch(`/api/meetings/${m.id}`)).json()) as { decisions: { id: string; status: string }[] };
        const adopted = meeting.decisions.find((d) => d.status === 'adopted');
        if (adopted) return { meeting: m.id, decision: adopted.id };
      }
      return null;
    });
    expect(found, 'the demo has an adopted decision').not.toBeNull();
    await receiptReady(page, 'decision', found!.decision);
    await page.goto(`${server.url}/meetings/${found!.meeting}`);
    const card = page
      .locator(`[data-testid="decision"][data-status="adopted"]`)
      .filter({ has: page.getByTestId('decision-receipt') })
      .first();
    await card.waitFor();
    const [file] = await Promise.all([page.waitForEvent('download'), card.getByTestId('decision-receipt').click()]);
    const receipt = fs.readFileSync((await file.path())!, 'utf8');
    expect(receipt.startsWith(RECEIPT_HEADER)).toBe(true);
    const entry = JSON.parse(new TextDecoder().decode(verifyProof(receipt, policy).entry));
    expect(entry.type).toBe('meeting.decision_adopted');
    await context.close();
  });
});
