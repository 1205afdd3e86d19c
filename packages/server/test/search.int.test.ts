import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fold } from '@truce/core/search/fold';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';
import { reportBody } from './report-body.ts';

/** Jarada, in the Ma'arrat an-Nu'man district of Idlib (data/geo), and Saraqib nearby. */
const MAARAT = { lat: 35.7256156, lon: 36.7122087, geoPrecision: 'place', placeName: 'معرة النعمان' };
const SARAQIB = { lat: 35.8617, lon: 36.8006, geoPrecision: 'place', placeName: 'سراقب' };

interface Hit {
  kind: string;
  id: string;
  title: string;
  snippet: { text: string; highlights: [number, number][] };
  date: string;
  meetingId?: string;
  place?: string;
}
interface Found {
  total: number;
  items: Hit[];
  next: string | null;
}
const marked = (h: Hit) => h.snippet.highlights.map(([s, e]) => h.snippet.text.slice(s, e));

/**
 * Search (issue 16): Arabic spelling variants and Latin typos find the words a report was
 * written with; ranked; the matching words marked; a reader never finds what it may not
 * see; bad input is refused by name. Both engines, the same answers.
 */
describe.each(ENGINES)('search on %s', (engine) => {
  let ts: TestServer;
  let gov: Client;
  let orontes: Client;
  let secretariat: Client;
  let orgs: Record<string, string>;
  let school: string;
  let latin: string;
  let hidden: string;

  const find = async (c: Client, params: Record<string, string>) => {
    const res = await c.get(`/api/search?${new URLSearchParams(params)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Found;
  };

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    gov = await ts.signedIn(demo('government', 'officer'));
    orontes = await ts.signedIn(demo('orontes', 'officer'));
    secretariat = await ts.signedIn(demo('secretariat', 'officer'));
    orgs = Object.fromEntries(((await gov.get('/api/organisations')).body as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]));
    const file = async (c: Client, fields: Record<string, unknown>) => {
      const res = await c.post('/api/reports', reportBody(orgs, fields));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    // The Government's report, written with diacritics and hamza as a careful writer would.
    school = await file(gov, {
      occurredAt: '2017-02-14T07:30:00Z',
      location: MAARAT,
      description: 'قصفٌ مدفعيّ على مدرسة في معرّة النعمان، وإصابة أطفال وموظفين في مؤسسة الإغاثة قرب المستشفى.',
      language: 'ar',
    });
    latin = await file(gov, {
      occurredAt: '2017-02-15T10:00:00Z',
      location: MAARAT,
      description: "Artillery shelling hit the school in Ma'arrat al-Nu'man; two teachers injured.",
    });
    // Orontes Front's report accuses Southern Union: the Government may not read it.
    hidden = await file(orontes, {
      occurredAt: '2017-02-16T09:00:00Z',
      location: SARAQIB,
      allegedPerpetrator: { kind: 'party', organisationId: orgs['Southern Union'] },
      description: 'سقوط قذائف هاون على مدرسة ابتدائية في سراقب.',
      language: 'ar',
    });
  });
  afterAll(() => ts?.close());

  it('folds in SQL exactly as in TypeScript (the index and the query agree)', async () => {
    const variants = [
      'مَعَرَّةُ النُّعْمَان',
      'مدرســـة',
      'أإآٱ ؤ ئ ى ة',
      'ی ک ۰۱۲ ٣٤٥',
      "Ma'arrat al-Nu’man",
      'ÉCOLE Çay İzmir ŞIŞLI',
      'Москва Ёлка',
      'e\u0301cole',
      'ḤALAB Dayr az-Zawr',
    ];
    for (const v of variants) {
      const { rows } = await sql<{ f: string }>`select truce_search_fold(${v}) as f`.execute(ts.server.ctx.db);
      expect(rows[0].f, v).toBe(fold(v));
    }
  });

  it('finds an Arabic report by its words however they are spelt, and marks them', async () => {
    for (const q of ['معره النعمان', 'مدرسه', 'مَدْرَسَة', 'مدرســة', 'اطفال', 'موسسه الاغاثه', 'المستشفي', 'معرة']) {
      const found = await find(gov, { q, kinds: 'report' });
      expect(
        found.items.map((i) => i.id),
        q,
      ).toContain(school);
    }
    const [hit] = (await find(gov, { q: 'مدرسه في معره النعمان', kinds: 'report' })).items;
    expect(hit.id).toBe(school);
    expect(marked(hit)).toEqual(expect.arrayContaining(['مدرسة', 'معرّة', 'النعمان']));
    expect(hit.place).toBe('معرة النعمان');
  });

  it('tolerates a Latin typo and transliteration, and ranks the closer match first', async () => {
    const found = await find(gov, { q: 'artilery Maarat', kinds: 'report' });
    expect(found.items.map((i) => i.id)).toEqual([latin]);
    expect(marked(found.items[0])).toEqual(['Artillery', "Ma'arrat"]);
    // Every word must match: a word found nowhere finds nothing.
    expect((await find(gov, { q: 'artillery submarine' })).total).toBe(0);
  });

  it("never shows a reader another party's report or incident, and says nothing of them", async () => {
    const mine = await find(gov, { q: 'مدرسة' });
    expect(mine.items.map((i) => i.id)).not.toContain(hidden);
    expect(mine.total).toBe(mine.items.length);
    const all = await find(secretariat, { q: 'مدرسة', kinds: 'report' });
    expect(all.items.map((i) => i.id).sort()).toEqual([school, hidden].sort());
    expect(all.total).toBe(2);
    expect((await find(orontes, { q: 'معره النعمان' })).total).toBe(0);

    // An incident is found by its reports' words, by those who may see it.
    const incident = await secretariat.post('/api/incidents', { reportIds: [school] });
    expect(incident.status, JSON.stringify(incident.body)).toBe(201);
    const byGov = await find(gov, { q: 'قصف مدرسه', kinds: 'incident' });
    expect(byGov.items.map((i) => [i.kind, i.id])).toEqual([['incident', incident.body.id]]);
    expect((await find(orontes, { q: 'قصف مدرسه', kinds: 'incident' })).total).toBe(0);
    const other = await secretariat.post('/api/incidents', { reportIds: [hidden] });
    expect(other.status).toBe(201);
    expect((await find(gov, { q: 'سراقب' })).total).toBe(0);
    expect((await find(secretariat, { q: 'سراقب', kinds: 'incident' })).items.map((i) => i.id)).toEqual([other.body.id]);
  });

  it('applies the list filters where they apply', async () => {
    expect((await find(secretariat, { q: 'مدرسة', kinds: 'report', governorate: 'SY07' })).total).toBe(2);
    expect((await find(secretariat, { q: 'مدرسة', kinds: 'report', governorate: 'SY04' })).total).toBe(0);
    expect((await find(secretariat, { q: 'مدرسة', kinds: 'report', from: '2017-02-15', to: '2017-02-28' })).items.map((i) => i.id)).toEqual([hidden]);
    expect((await find(secretariat, { q: 'مدرسة', allegedParty: orgs['Southern Union'] })).items.map((i) => [i.kind, i.id])).toEqual(
      [
        ['incident', expect.any(String)],
        ['report', hidden],
      ].sort((a, b) => (a[0] < b[0] ? -1 : 1)) as never,
    );
  });

  it('finds meetings and decisions as the meetings module shows them to each reader', async () => {
    const meetings = await find(secretariat, { q: 'monitoring group', kinds: 'meeting' });
    expect(meetings.total).toBeGreaterThanOrEqual(2);
    expect(meetings.items.every((i) => i.kind === 'meeting' && marked(i).includes('monitoring'))).toBe(true);
    // A typo in a place name finds the decision on the exchange at Qalaat al-Madiq.
    const decisions = await find(secretariat, { q: 'Madik crossing', kinds: 'decision' });
    expect(decisions.items).toHaveLength(1);
    const decision = decisions.items[0];
    expect(marked(decision)).toEqual(['Madiq', 'crossing']);
    for (const reader of [gov, orontes]) {
      const meeting = await reader.get(`/api/meetings/${decision.meetingId}`);
      const sees = meeting.status === 200 && (meeting.body.decisions as { id: string }[]).some((d) => d.id === decision.id);
      expect((await find(reader, { q: 'Madik crossing', kinds: 'decision' })).items.map((i) => i.id)).toEqual(sees ? [decision.id] : []);
    }
  });

  it('pages through every item once', async () => {
    const all = await find(secretariat, { q: 'مدرسة' });
    expect(all.total).toBe(4);
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const page: Found = await find(secretariat, { q: 'مدرسة', limit: '1', ...(next ? { cursor: next } : {}) });
      seen.push(...page.items.map((i) => `${i.kind}:${i.id}`));
      next = page.next;
    } while (next);
    expect(seen).toEqual(all.items.map((i) => `${i.kind}:${i.id}`));
  });

  it('refuses bad input with a 400 that names the parameter, never a 500', async () => {
    const first = await find(secretariat, { q: 'مدرسة', limit: '1' });
    const tampered = Buffer.from(Buffer.from(first.next!, 'base64url').toString().replace(/\|1\|/, '|7|')).toString('base64url');
    const cases: [Record<string, string>, string][] = [
      [{ q: 'shelling '.repeat(1_112).slice(0, 10_000) }, '/query/q'],
      [{ q: '؟!... ،،، ---' }, '/query/q'],
      [{ q: '' }, '/query/q'],
      [{}, '/query/q'],
      [{ q: 'مدرسة', kinds: 'report,rumour' }, '/query/kinds'],
      [{ q: 'مدرسة', cursor: 'bm90LWEtY3Vyc29y' }, '/query/cursor'],
      [{ q: 'مدرسة', limit: '1', cursor: tampered }, '/query/cursor'],
      [{ q: 'مدرسة', limit: '2', cursor: first.next! }, '/query/cursor'],
      [{ q: 'مدرسة', governorate: 'Idlib' }, '/query/governorate'],
      [{ q: 'مدرسة', from: '2017-13-45' }, '/query/from'],
    ];
    for (const [params, path] of cases) {
      const res = await secretariat.get(`/api/search?${new URLSearchParams(params)}`);
      expect(res.status, `${JSON.stringify(params).slice(0, 80)} ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.errors[0].path).toBe(path);
    }
    // 10,000 Arabic letters are 60 KB once percent-encoded: more than an HTTP request line may
    // carry here (Node's 16 KB header limit), refused before any route with 431.
    expect((await secretariat.get(`/api/search?${new URLSearchParams({ q: 'ش'.repeat(10_000) })}`)).status).toBe(431);
    expect((await ts.client().get('/api/search?q=x')).status).toBe(401);
  });
});
