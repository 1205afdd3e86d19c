import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCheckpoint } from '@truce/core/log/index';
import { runVerify } from '../src/log/cli-verify.ts';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';
import { noteText } from '../../../testing/wait.ts';

/** The demo's fictional reports and incidents (demo/incidents-seed.ts), loaded small. */
describe.each(ENGINES)('the demo reports and incidents on %s', (engine) => {
  let ts: TestServer;
  let secretariat: Client;
  let orgs: Record<string, string>;
  let reports: any[];
  let incidents: any[];

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true, demoReports: 200, demoClock: true });
    secretariat = await ts.signedIn(demo('secretariat', 'viewer'));
    orgs = Object.fromEntries(((await secretariat.get('/api/organisations')).body as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]));
    reports = (await secretariat.get('/api/reports?limit=500')).body.reports;
    const list = (await secretariat.get('/api/incidents?limit=500')).body.incidents as { id: string }[];
    incidents = [];
    for (const i of list) incidents.push((await secretariat.get(`/api/incidents/${i.id}`)).body);
  });
  afterAll(() => ts?.close());

  it('spreads the reports over January–March 2017 and the governorates', () => {
    expect(reports).toHaveLength(200);
    const months = new Set(reports.map((r) => r.occurredAt.slice(0, 7)));
    expect([...months].sort()).toEqual(['2017-01', '2017-02', '2017-03']);
    const governorates = new Set(reports.map((r) => r.areas.adm1?.pcode).filter(Boolean));
    expect(governorates.size).toBeGreaterThanOrEqual(8);
    // Real places from the gazetteer, in the reporter's language.
    expect(reports.every((r) => /^(C\d+|SY\d+)$/.test(r.location.pcode) && r.location.placeName)).toBe(true);
    expect(new Set(reports.map((r) => r.language))).toEqual(new Set(['ar', 'en', 'ru', 'tr', 'fa']));
    expect(reports.filter((r) => r.language === 'ar').every((r) => /[\u0600-\u06FF]/.test(r.description))).toBe(true);
    const types = reports.map((r) => r.typeCode);
    expect(types.filter((t) => t === 'shelling' || t === 'armed-clash').length).toBeGreaterThan(reports.length / 3);
    expect(reports.some((r) => r.allegedPerpetrator.kind === 'excluded')).toBe(true);
    expect(reports.some((r) => r.casualties.killedCivilian === null)).toBe(true);
    expect(reports.some((r) => r.sealLocation)).toBe(true);
    expect(reports.some((r) => r.sources.length > 0)).toBe(true);
    expect(reports.some((r) => r.version === 2)).toBe(true);
    expect(reports.some((r) => r.withdrawn)).toBe(true);
  });

  it('groups most reports into incidents and leaves some awaiting grouping', () => {
    expect(incidents.length).toBeGreaterThan(50);
    const grouped = new Set(incidents.flatMap((i) => i.reports.map((r: { id: string }) => r.id)));
    const ungrouped = reports.filter((r) => !grouped.has(r.id));
    expect(ungrouped.length).toBeGreaterThan(0);
    expect(ungrouped.length).toBeLessThan(reports.length / 4);
    expect(incidents.some((i) => i.reports.length >= 2)).toBe(true);
    // Reports of one incident are of the same event: within a few hours of each other.
    for (const i of incidents) {
      const times = i.reports.map((r: { occurredAt: string }) => Date.parse(r.occurredAt));
      expect(Math.max(...times) - Math.min(...times)).toBeLessThanOrEqual(24 * 3_600_000);
    }
  });

  it('has findings in every state, replies and missed deadlines', () => {
    const adopted = incidents.filter((i) => i.decision.status === 'adopted').map((i) => i.finding.finding.verification);
    expect(new Set(adopted)).toEqual(new Set(['corroborated', 'not-corroborated', 'outside-agreement', 'inadmissible']));
    expect(incidents.some((i) => i.decision.status === 'disagreement')).toBe(true);
    expect(incidents.some((i) => i.decision.status === 'pending' && i.assessments.length === 0)).toBe(true);
    expect(incidents.some((i) => i.decision.status === 'pending' && i.assessments.length > 0)).toBe(true);
    expect(incidents.some((i) => i.findingHistory.some((f: { reopenedAt: string | null }) => f.reopenedAt !== null) && i.round === 2)).toBe(true);
    const states = incidents.flatMap((i) => i.replies.map((r: { state: string }) => r.state));
    expect(states).toContain('replied');
    expect(states).toContain('no-reply');
    expect(states).toContain('due');
    expect(states.filter((s) => s === 'no-reply').length).toBeGreaterThan(states.filter((s) => s === 'due').length);
  });

  it('tells its story through the use cases, each action at its time of 2017 and under its rules', async () => {
    // The demo's today is the week after its story, and its clock runs on from there.
    const now = Date.parse((await secretariat.get('/api/session')).body.mechanism.now);
    expect(new Date(now).toISOString().slice(0, 10)).toBe('2017-04-12');
    const inStory = (t: string) => t >= '2017-01-01' && Date.parse(t) <= now;
    // Filed after the event (a day without a time counts from its first moment), before today.
    expect(reports.every((r) => inStory(r.filedAt) && Date.parse(r.filedAt) >= Date.parse(r.occurredAt))).toBe(true);
    let waiting = 0;
    for (const i of incidents) {
      expect(inStory(i.createdAt)).toBe(true);
      // The reply deadline runs from the grouping, by the mechanism's hours; the replies came before it.
      expect(Date.parse(i.replyDeadline) - Date.parse(i.createdAt)).toBe(72 * 3_600_000);
      for (const r of i.replies) if (r.repliedAt) expect(Date.parse(r.repliedAt)).toBeLessThanOrEqual(Date.parse(i.replyDeadline));
      if (Date.parse(i.replyDeadline) > now) waiting++;
      // A finding is adopted by the rule at the assessment that met it, after the reply period.
      if (i.finding) {
        expect(inStory(i.finding.adoptedAt)).toBe(true);
        expect(Date.parse(i.finding.adoptedAt)).toBeGreaterThanOrEqual(Date.parse(i.replyDeadline));
      }
    }
    // Some accused parties can still reply today.
    expect(waiting).toBeGreaterThan(0);
  });

  it('records every change in the log, which verifies', async () => {
    const checkpoint = parseCheckpoint(noteText((await ts.client().get('/log/checkpoint')).text));
    const admin = await ts.signedIn(demo('secretariat', 'admin'));
    const types: string[] = [];
    for (let from = 0; from < checkpoint.size; from += 500) {
      const page = (await admin.get(`/api/log/entries?from=${from}&limit=500`)).body;
      types.push(...page.entries.map((e: { entry: { type: string } }) => e.entry.type));
    }
    expect(types).toHaveLength(checkpoint.size);
    expect(types.filter((t) => t === 'report.filed')).toHaveLength(200);
    expect(types.filter((t) => t === 'incident.created')).toHaveLength(incidents.length);
    for (const t of ['report.corrected', 'report.withdrawn', 'incident.replied', 'incident.assessed', 'finding.adopted', 'finding.reopened'])
      expect(types).toContain(t);
    const token = (await admin.post('/api/account/tokens', { name: 'verifier' })).body.token;
    const state = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'truce-demo-verify-')), 'state');
    const lines: string[] = [];
    expect(await runVerify(['--url', ts.url, '--token', token, '--state', state], (l) => lines.push(l))).toBe(0);
    expect(lines.at(-1)).toMatch(/^OK: .* \d+ entries verified$/);
  });

  it('shows a party only what concerns it', async () => {
    const party = orgs['Northern Dawn'];
    const client = await ts.signedIn(demo('north-dawn', 'viewer'));
    const seen = (await client.get('/api/reports?limit=500')).body.reports as any[];
    const concerns = (r: any) => r.reporterOrganisationId === party || r.allegedPerpetrator.organisationId === party || r.affectedSide.organisationId === party;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every(concerns)).toBe(true);
    expect(seen).toHaveLength(reports.filter(concerns).length);
    expect(seen.every((r) => r.sources.length === 0 || r.reporterOrganisationId === party)).toBe(true);
    const other = reports.find((r) => !concerns(r))!;
    expect((await client.get(`/api/reports/${other.id}`)).status).toBe(404);

    const visible = (await client.get('/api/incidents?limit=500')).body.incidents as { id: string }[];
    const expected = incidents.filter(
      (i) =>
        i.allegedPartyIds.includes(party) ||
        i.affectedPartyIds.includes(party) ||
        i.reports.some((r: any) => r.reporterOrganisationId === party) ||
        i.finding !== null,
    );
    expect(new Set(visible.map((i) => i.id))).toEqual(new Set(expected.map((i) => i.id)));
    const hidden = incidents.find((i) => !expected.includes(i));
    if (hidden) expect((await client.get(`/api/incidents/${hidden.id}`)).status).toBe(404);
  });
});
