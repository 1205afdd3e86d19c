import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';

/** Limits an installation sets for itself (README, "Configuration"). */
describe.each(ENGINES)('configurable limits on %s', (engine) => {
  let ts: TestServer;
  let gov: Client;
  let report: Record<string, unknown>;

  beforeAll(async () => {
    ts = await startTestServer(engine, {
      demo: true,
      env: { TRUCE_TEXT_MAX_CHARS: '1000', TRUCE_JSON_MAX_BYTES: '65536', TRUCE_EVIDENCE_MAX_BYTES: '200000' },
    });
    gov = await ts.signedIn(demo('government', 'officer'));
    const orgs = Object.fromEntries(((await gov.get('/api/organisations')).body as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]));
    report = {
      occurredAt: '2017-03-02T04:00:00Z',
      timePrecision: 'hour',
      location: { lat: 35.9306, lon: 36.6339, geoPrecision: 'place', placeName: 'إدلب' },
      typeCode: 'shelling',
      allegedPerpetrator: { kind: 'party', organisationId: orgs['Northern Dawn'] },
      affectedSide: { kind: 'civilians' },
      casualties: { killedCivilian: 0, killedCombatant: 0, injuredCivilian: 1, injuredCombatant: 0 },
      language: 'ar',
    };
  });
  afterAll(() => ts.close());

  it('tells a signed-in user the limits, and no one else', async () => {
    expect((await ts.client().get('/api/limits')).status).toBe(401);
    const limits = (await gov.get('/api/limits')).body;
    expect(limits).toMatchObject({ textMaxChars: 1000, jsonMaxBytes: 65536, evidenceMaxBytes: 200000 });
    expect(limits.evidenceTypes).toContain('image/jpeg');
  });

  it('takes a description of exactly the limit and refuses one character more, naming the field', async () => {
    const atLimit = 'ق'.repeat(1000);
    expect((await gov.post('/api/reports', { ...report, description: atLimit })).status).toBe(201);
    const over = await gov.post('/api/reports', { ...report, description: atLimit + 'ق' });
    expect(over.status).toBe(400);
    expect(over.body.errors[0].path).toBe('/body/description');
  });

  it('refuses a body larger than TRUCE_JSON_MAX_BYTES with 413', async () => {
    const res = await gov.post('/api/reports', { ...report, description: 'x'.repeat(70_000) });
    expect(res.status).toBe(413);
  });

  it('refuses limits out of range when the server starts', () => {
    expect(() => loadConfig({ TRUCE_TEXT_MAX_CHARS: '10' })).toThrow(/TRUCE_TEXT_MAX_CHARS must be a whole number from 500 to 200000/);
    expect(() => loadConfig({ TRUCE_JSON_MAX_BYTES: 'lots' })).toThrow(/TRUCE_JSON_MAX_BYTES/);
  });
});
