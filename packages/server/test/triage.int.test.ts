import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';
import { PLACES, reportBody } from './report-body.ts';

interface TriageItem {
  report: { id: string; placeName?: string; location: { placeName?: string } };
  incidents: { incidentId: string; viaReport: string; kmApart: number }[];
  companions: { reportId: string; kmApart: number; hoursApart: number; sameType: boolean }[];
}
interface TriagePage {
  items: TriageItem[];
  total: number;
  next: string | null;
}

describe.each(ENGINES)('the triage queue on %s', (engine) => {
  let ts: TestServer;
  let orgs: Record<string, string>;
  let secretariat: Client;
  let russia: Client;
  let government: Client;
  const ids: Record<string, string> = {};

  const file = async (who: Client, over: Record<string, unknown>) => {
    const res = await who.post('/api/reports', reportBody(orgs, over));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    secretariat = await ts.signedIn(demo('secretariat', 'officer'));
    russia = await ts.signedIn(demo('russia', 'officer'));
    government = await ts.signedIn(demo('government', 'officer'));
    orgs = Object.fromEntries(((await secretariat.get('/api/organisations')).body as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]));
    // Three accounts of one shelling of Khan Shaykhun, from two organisations, and one unrelated report in Daraa.
    ids.first = await file(government, {
      occurredAt: '2017-03-20T05:40:00Z',
      location: { lat: 35.4415, lon: 36.6489, geoPrecision: 'place', placeName: 'خان شيخون' },
      description: 'قصف مدفعي على الحي الشمالي من خان شيخون فجراً.',
      language: 'ar',
    });
    ids.second = await file(russia, {
      occurredAt: '2017-03-20T06:05:00Z',
      location: { lat: 35.4388, lon: 36.6512, geoPrecision: 'exact' },
      description: 'Artillery fire on the northern quarter of Khan Shaykhun at dawn.',
    });
    ids.third = await file(government, {
      occurredAt: '2017-03-20T06:20:00Z',
      location: { lat: 35.4431, lon: 36.6455, geoPrecision: 'exact' },
      typeCode: 'air-strike',
      description: 'Strike near the grain silos of Khan Shaykhun.',
    });
    ids.daraa = await file(russia, {
      occurredAt: '2017-03-19T14:00:00Z',
      location: { ...PLACES.daraa, geoPrecision: 'place', placeName: 'Daraa al-Balad' },
      description: 'Small-arms fire in Daraa al-Balad.',
    });
    ids.withdrawn = await file(government, {
      occurredAt: '2017-03-20T07:00:00Z',
      location: { lat: 35.4401, lon: 36.65, geoPrecision: 'exact' },
      description: 'Filed twice by mistake.',
    });
    const w = await government.post(`/api/reports/${ids.withdrawn}/withdraw`, { reason: 'Filed twice by mistake.', version: 1 });
    expect(w.status, JSON.stringify(w.body)).toBe(200);
  });
  afterAll(() => ts.close());

  it('lists the reports still to sort, newest first, with the others of the same event beside each', async () => {
    const page = (await secretariat.get('/api/incidents/triage')).body as TriagePage;
    expect(page.total).toBe(4);
    expect(page.items.map((i) => i.report.id)).toEqual([ids.third, ids.second, ids.first, ids.daraa]);
    const first = page.items.find((i) => i.report.id === ids.first)!;
    expect(first.companions.map((c) => c.reportId).sort()).toEqual([ids.second, ids.third].sort());
    expect(first.companions.every((c) => c.kmApart < 2 && c.hoursApart <= 1)).toBe(true);
    expect(first.companions.find((c) => c.reportId === ids.third)?.sameType).toBe(false);
    // The withdrawn report is not to sort, and is no one's companion.
    expect(page.items.flatMap((i) => i.companions.map((c) => c.reportId))).not.toContain(ids.withdrawn);
    expect(page.items.find((i) => i.report.id === ids.daraa)?.companions).toEqual([]);
  });

  it('pages through the queue by cursor, each report once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await secretariat.get(`/api/incidents/triage?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      const page = res.body as TriagePage;
      expect(page.total).toBe(4);
      seen.push(...page.items.map((i) => i.report.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual([ids.third, ids.second, ids.first, ids.daraa]);
  });

  it('groups three reports into one incident at once, after which they leave the queue and the incident is proposed for the rest', async () => {
    const created = await secretariat.post('/api/incidents', { reportIds: [ids.first, ids.second, ids.third] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const page = (await secretariat.get('/api/incidents/triage')).body as TriagePage;
    expect(page.total).toBe(1);
    expect(page.items.map((i) => i.report.id)).toEqual([ids.daraa]);
    expect(page.items[0].incidents).toEqual([]);

    const nearby = await file(russia, {
      occurredAt: '2017-03-20T08:00:00Z',
      location: { lat: 35.4409, lon: 36.6477, geoPrecision: 'exact' },
      description: 'Second round of shelling on Khan Shaykhun.',
    });
    const after = (await secretariat.get('/api/incidents/triage')).body as TriagePage;
    const item = after.items.find((i) => i.report.id === nearby)!;
    expect(item.incidents.map((p) => p.incidentId)).toEqual([created.body.id]);
    expect(item.companions).toEqual([]);
  });

  it('is for those who sort reports only, and refuses a cursor it did not give by name', async () => {
    expect((await government.get('/api/incidents/triage')).status).toBe(403);
    const bad = await secretariat.get('/api/incidents/triage?cursor=bm90LWEtY3Vyc29y');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('/query/cursor');
    const limit = await secretariat.get('/api/incidents/triage?limit=1000');
    expect(limit.status).toBe(400);
    expect(JSON.stringify(limit.body)).toContain('limit');
  });
});
