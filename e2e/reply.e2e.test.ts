import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../packages/server/src/server.ts';
import type { DemoAccount } from '../packages/server/src/demo/seed.ts';
import { makePng } from '../packages/server/test/evidence-files.ts';
import { apiAs, ARTIFACTS, describeInChromium, launchBrowser, screenshot, sideScroll, signInAs, startDemoServer } from './browser.ts';

/**
 * The right of reply in Chromium (C3, fair process): the guarantors have assessed an
 * incident and agree, but the finding waits for the accused party's reply, and the page
 * says so; the accused party, on a phone, uploads a photo in the reply form and sends the
 * reply; the finding is adopted then, with the photo listed under the reply.
 */
describeInChromium('the right of reply in Chromium', () => {
  let server: RunningServer;
  let accounts: DemoAccount[];
  let dataDir: string;
  let browser: Browser;
  let incidentId = '';

  /** A signed-in API caller for setting the scene (the browser does the part under test). */
  const as = (who: string) => apiAs(server.url, accounts, who);

  beforeAll(async () => {
    ({ server, accounts, dataDir } = await startDemoServer(20));
    browser = await launchBrowser();
    fs.mkdirSync(ARTIFACTS, { recursive: true });

    // The Government reports shelling by Northern Dawn; the secretariat opens an incident; the three guarantors agree.
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
      casualties: { killedCivilian: 0, killedCombatant: 1, injuredCivilian: 2, injuredCombatant: 0 },
      description: 'Mortar fire on the checkpoint at the eastern entrance of Idlib.',
      language: 'en',
      sources: [],
      evidence: [],
    });
    incidentId = (await secretariat('POST', '/api/incidents', { reportIds: [report.id] })).id;
    for (const g of ['russia', 'turkey', 'iran']) {
      const assessed = await (await as(`officer.${g}`))('POST', `/api/incidents/${incidentId}/assessments`, {
        verification: 'corroborated',
        attribution: { kind: 'alleged' },
        reasoning: `${g}: the craters and two witnesses agree on the direction of fire.`,
      });
      expect(assessed.finding).toBeNull();
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the guarantors that adoption waits for the reply', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInAs(context, server.url, accounts, 'officer.russia@demo.truce.example');
    await page.goto(`${server.url}/incidents/${incidentId}`);
    await page.getByTestId('incident-adoption-waits').waitFor();
    expect(await page.getByTestId('incident-finding').count()).toBe(0);
    expect(await page.getByTestId('incident-finding-pending').count()).toBe(1);
    expect(await page.getByTestId('incident-adoption-waits').innerText()).toMatch(/only once the accused party has replied/);
    await screenshot(page, 'reply-01-adoption-waits');
    await context.close();
  });

  it('lets the accused party upload a photo in the reply form on a phone and send the reply', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await signInAs(context, server.url, accounts, 'officer.north-dawn@demo.truce.example');
    await page.goto(`${server.url}/incidents/${incidentId}`);
    await page.getByTestId('incident-reply-form').waitFor();
    await page.getByTestId('incident-adoption-waits').waitFor();
    expect(await page.getByTestId('incident-reply-party').getAttribute('data-state')).toBe('due');

    const photo = makePng(64, 48, { rgb: [120, 90, 60], noise: true });
    await page.getByTestId('incident-reply-evidence-input').setInputFiles({ name: 'checkpoint-north.png', mimeType: 'image/png', buffer: photo });
    await expect.poll(() => page.getByTestId('incident-reply-evidence-item').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('incident-reply-evidence-item').innerText()).toContain('checkpoint-north.png');
    await page
      .getByTestId('incident-reply-text')
      .fill('Our mortars were withdrawn from that sector on 30 March; the photo shows the empty position on 2 April.');
    expect(await sideScroll(page)).toBeLessThanOrEqual(0);
    await page.getByTestId('incident-reply-form').scrollIntoViewIfNeeded();
    await screenshot(page, 'reply-02-form-with-photo-phone');

    await page.getByTestId('incident-reply-submit').click();
    await page.getByTestId('incident-saved').waitFor();
    // Heard: the finding is adopted now, and the photo is listed with the reply.
    await page.getByTestId('incident-finding').waitFor();
    expect(await page.getByTestId('incident-adoption-waits').count()).toBe(0);
    await expect.poll(() => page.getByTestId('incident-reply').count()).toBe(1);
    await expect.poll(() => page.getByTestId('incident-reply').getByText('checkpoint-north.png').count()).toBe(1);
    expect(await sideScroll(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'reply-03-replied-phone');
    await context.close();
  });

  it('says in Arabic, right to left, that a finding waits for the reply', async () => {
    const secretariat = await as('officer.secretariat');
    const gov = await as('officer.government');
    const orgs = Object.fromEntries(((await secretariat('GET', '/api/organisations')) as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]));
    const report = await gov('POST', '/api/reports', {
      occurredAt: '2017-04-05T06:00:00Z',
      timePrecision: 'hour',
      location: { lat: 36.2021, lon: 37.1343, geoPrecision: 'place', placeName: 'Aleppo' },
      sealLocation: false,
      typeCode: 'shelling',
      allegedPerpetrator: { kind: 'party', organisationId: orgs['Northern Dawn'] },
      affectedSide: { kind: 'civilians' },
      casualties: { killedCivilian: 0, killedCombatant: 0, injuredCivilian: 1, injuredCombatant: 0 },
      description: 'Shells near the market.',
      language: 'en',
      sources: [],
      evidence: [],
    });
    const id = (await secretariat('POST', '/api/incidents', { reportIds: [report.id] })).id;
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await signInAs(context, server.url, accounts, 'officer.north-dawn@demo.truce.example');
    await page.getByTestId('lang-switch').selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.goto(`${server.url}/incidents/${id}`);
    await page.getByTestId('incident-adoption-waits').waitFor();
    expect(await page.getByTestId('incident-adoption-waits').innerText()).toContain('لا يُعتمد أي استنتاج');
    expect(await sideScroll(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'reply-04-waits-ar-phone');
    await context.close();
  });
});
