import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';

/**
 * The demo's detainee lists (demo/detainees-seed.ts), loaded small: every screen of C4–C6
 * has something real-looking, through the same services as users' requests.
 */
describe.each(ENGINES)('the demo detainee lists on %s', (engine) => {
  let ts: TestServer;
  let facilitator: Client;

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true, demoDetainees: 0.1 });
    facilitator = await ts.signedIn(demo('facilitator', 'viewer'));
  });
  afterAll(() => ts.close());

  it('gives both main parties a held and a sought list in two versions, with Arabic and Latin names', async () => {
    const lists = (await facilitator.get('/api/detainee-lists')).body.lists as {
      id: string;
      partyShortName: string;
      kind: string;
      version: number;
      personCount: number;
    }[];
    const filled = lists.filter((l) => l.personCount > 0);
    expect(filled.map((l) => `${l.partyShortName} ${l.kind}`).sort()).toEqual([
      'Government held',
      'Government sought',
      'Northern Dawn held',
      'Northern Dawn sought',
    ]);
    expect(filled.every((l) => l.version === 2)).toBe(true);
    const govHeld = filled.find((l) => l.partyShortName === 'Government' && l.kind === 'held')!;
    const page = (await facilitator.get(`/api/detainee-lists/${govHeld.id}/persons?limit=200`)).body.persons as { fullName?: string; givenName?: string }[];
    const names = page.map((p) => p.fullName ?? p.givenName ?? '').join(' ');
    expect(names).toMatch(/[\u0600-\u06ff]/);
  });

  it('has matching runs done, candidates confirmed, rejected and still open', async () => {
    const reviewer = await ts.signedIn(demo('facilitator', 'officer'));
    expect((await facilitator.get('/api/match-runs')).status, 'a viewer does not review').toBe(403);
    const runs = (await reviewer.get('/api/match-runs')).body.runs as { id: string; kind: string; status: string }[];
    const matches = runs.filter((r) => r.kind === 'match');
    expect(matches.length).toBeGreaterThanOrEqual(2);
    expect(runs.every((r) => r.status === 'done')).toBe(true);
    const decisions = new Set<string>();
    for (const run of matches) {
      const { candidates } = (await reviewer.get(`/api/match-runs/${run.id}/candidates?limit=200`)).body;
      for (const c of candidates as { decision: { decision: string } | null }[]) decisions.add(c.decision?.decision ?? 'open');
    }
    expect([...decisions].sort()).toEqual(['confirmed', 'open', 'rejected']);
  });

  it('has one completed exchange with every kind of outcome and one waiting for approval', async () => {
    const exchanges = (await facilitator.get('/api/exchanges')).body.exchanges as { id: string; status: string; outcomes: Record<string, number> }[];
    expect(exchanges.map((e) => e.status).sort()).toEqual(['completed', 'proposed']);
    const done = exchanges.find((e) => e.status === 'completed')!;
    expect(Object.keys(done.outcomes).sort()).toEqual(['confirmed', 'declined', 'not_found']);
    const stats = (await (await ts.signedIn(demo('osesgs', 'viewer'))).get('/api/exchange-stats')).body;
    const statuses = new Set((stats.persons as { status: string }[]).map((p) => p.status));
    for (const s of ['listed', 'matched', 'proposed', 'confirmed', 'declined', 'not_found']) expect(statuses, s).toContain(s);
  });
});
