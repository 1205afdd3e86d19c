import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SCAN_LIMIT } from '../src/log/list-entries.ts';
import { prepareEntry } from '../src/log/record.ts';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';
import { PLACES, reportBody } from './report-body.ts';

interface Listed {
  index: number;
  entry: { type?: string; time?: string; actor?: { organisation: string } | null; subject?: Record<string, string> };
}
interface Page {
  size: number;
  entries: Listed[];
  next: string | null;
  scannedTo: number | null;
}

/**
 * The Record page's list (issue 16 item 6): newest first, filtered by type, by the writer's
 * organisation and by UTC day on the server, paged by a cursor that reaches every matching
 * entry once; bad filters and cursors are refused by name.
 */
describe.each(ENGINES)('the record listed by type, organisation and day on %s', (engine) => {
  let ts: TestServer;
  let secretariat: Client;
  let gov: Client;
  let orgs: Record<string, string>;
  /** Every entry, read oldest first through `from`: what the filtered lists are checked against. */
  let all: Listed[];

  const everything = async (): Promise<Listed[]> => {
    const out: Listed[] = [];
    for (let from = 0; ; from += 500) {
      const page = (await secretariat.get(`/api/log/entries?from=${from}&limit=500`)).body as Page;
      out.push(...page.entries);
      if (from + 500 >= page.size) return out;
    }
  };

  /** Follows `next` from the first page to the last; returns the entries and the pages' lengths. */
  const follow = async (query: string, limit: number) => {
    const entries: Listed[] = [];
    const pages: Page[] = [];
    let url = `/api/log/entries?limit=${limit}${query ? `&${query}` : ''}`;
    for (let guard = 0; guard < 1000; guard++) {
      const res = await secretariat.get(url);
      expect(res.status, res.text).toBe(200);
      const page = res.body as Page;
      pages.push(page);
      entries.push(...page.entries);
      if (!page.next) return { entries, pages };
      url = `/api/log/entries?limit=${limit}${query ? `&${query}` : ''}&cursor=${page.next}`;
    }
    throw new Error('the cursor never ran out');
  };

  const indexes = (entries: Listed[]) => entries.map((e) => e.index);
  const newestFirst = (entries: Listed[]) => indexes(entries).sort((a, b) => b - a);

  const file = (client: Client, place: keyof typeof PLACES, placeName: string, description: string) =>
    client.post(
      '/api/reports',
      reportBody(orgs, {
        occurredAt: '2017-02-11T06:40:00Z',
        location: { ...PLACES[place], geoPrecision: 'place', placeName },
        affectedSide: { kind: 'party', organisationId: orgs.Government },
        description,
      }),
    );

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    secretariat = await ts.signedIn(demo('secretariat', 'officer'));
    gov = await ts.signedIn(demo('government', 'officer'));
    orgs = Object.fromEntries(((await secretariat.get('/api/organisations')).body as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]));
    const russia = await ts.signedIn(demo('russia', 'officer'));

    // Reports written on three days: the server stamps entries with its own clock, set back here.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-02T09:15:00Z') });
    try {
      expect((await file(gov, 'aleppo', 'حلب — الشيخ مقصود', 'قصف مدفعي على حي الشيخ مقصود في حلب.')).status).toBe(201);
      vi.setSystemTime(new Date('2026-03-05T23:59:00Z'));
      expect((await file(gov, 'idlib', 'إدلب', 'سقوط قذائف هاون قرب دوار المحراب في إدلب.')).status).toBe(201);
      vi.setSystemTime(new Date('2026-03-06T00:01:00Z'));
      expect((await file(russia, 'homs', 'حمص — الوعر', 'Shelling reported in al-Waer, Homs.')).status).toBe(201);
      vi.setSystemTime(new Date('2026-03-09T12:00:00Z'));
      expect((await file(gov, 'daraa', 'درعا البلد', 'إطلاق نار من قناصة على درعا البلد.')).status).toBe(201);
    } finally {
      vi.useRealTimers();
    }
    await ts.server.ctx.sequencer.flush();
    all = await everything();
  });
  afterAll(() => ts.close());

  it('pages through the whole record newest first, every entry once', async () => {
    const { entries, pages } = await follow('', 7);
    expect(indexes(entries)).toEqual(newestFirst(all));
    expect(pages.at(-1)!.entries.at(-1)!.index).toBe(0);
    // The first page without a cursor is the newest entries, as before.
    const first = (await secretariat.get('/api/log/entries?limit=3')).body as Page;
    expect(indexes(first.entries)).toEqual(newestFirst(all).slice(0, 3));
    expect(first.size).toBe(all.length);
  });

  it('lists only the entries of the types asked for, reaching every one of them', async () => {
    const filed = all.filter((e) => e.entry.type === 'report.filed');
    expect(filed.length).toBe(4);
    const { entries } = await follow('type=report.filed', 3);
    expect(indexes(entries)).toEqual(newestFirst(filed));

    const several = all.filter((e) => e.entry.type === 'user.created' || e.entry.type === 'organisation.created');
    expect(several.length).toBeGreaterThan(10);
    const both = await follow('type=user.created,organisation.created', 4);
    expect(indexes(both.entries)).toEqual(newestFirst(several));

    // A known type that was never written: an empty list, not an error.
    const none = (await secretariat.get('/api/log/entries?type=exchange.withdrawn')).body as Page;
    expect(none.entries).toEqual([]);
    expect(none.next).toBeNull();
  });

  it("lists what one organisation's users wrote", async () => {
    const mine = all.filter((e) => e.entry.actor?.organisation === orgs.Government);
    expect(mine.length).toBe(3);
    const { entries } = await follow(`organisation=${orgs.Government}`, 2);
    expect(indexes(entries)).toEqual(newestFirst(mine));
    expect(entries.every((e) => e.entry.type === 'report.filed')).toBe(true);
    const ofRussia = await follow(`organisation=${orgs.Russia}&type=report.filed`, 10);
    expect(ofRussia.entries.map((e) => e.entry.time)).toEqual(['2026-03-06T00:01:00.000Z']);
  });

  it('lists the entries of a period of UTC days, both ends included', async () => {
    const days = async (query: string) => (await follow(query, 50)).entries.map((e) => e.entry.time);
    expect(await days('since=2026-03-05&until=2026-03-06')).toEqual(['2026-03-06T00:01:00.000Z', '2026-03-05T23:59:00.000Z']);
    expect(await days('since=2026-03-02&until=2026-03-02')).toEqual(['2026-03-02T09:15:00.000Z']);
    expect(await days('until=2026-03-05')).toEqual(['2026-03-05T23:59:00.000Z', '2026-03-02T09:15:00.000Z']);
    expect(await days(`since=2026-03-06&until=2026-03-31&organisation=${orgs.Government}`)).toEqual(['2026-03-09T12:00:00.000Z']);
    const today = new Date().toISOString().slice(0, 10);
    const sinceToday = await follow(`since=${today}`, 50);
    expect(sinceToday.entries.length).toBe(all.length - 4);
  });

  it('refuses bad filters and cursors by name, and lists nothing to a stranger', async () => {
    const page = (await secretariat.get('/api/log/entries?limit=2')).body as Page;
    const tampered = Buffer.from(Buffer.from(page.next!, 'base64url').toString('utf8').replace(/\d+$/, '99999999')).toString('base64url');
    const cases: [string, string, RegExp?][] = [
      ['type=report.filled', '/query/type', /report\.filled/],
      ['type=report.filed,incident.opened', '/query/type', /incident\.opened/],
      ['type=Report.Filed', '/query/type'],
      ['type=' + 'report.filed,'.repeat(100) + 'report.filed', '/query/type'],
      ['organisation=Government', '/query/organisation'],
      ['since=2026-02-30', '/query/since'],
      ['since=yesterday', '/query/since'],
      ['until=2026-3-9', '/query/until'],
      ['since=2026-03-09&until=2026-03-01', '/query/until'],
      ['cursor=not-a-cursor', '/query/cursor'],
      [`cursor=${page.next!.slice(0, -2)}`, '/query/cursor'],
      [`cursor=${tampered}`, '/query/cursor'],
      ['cursor=a+b', '/query/cursor'],
      ['from=0&type=report.filed', '/query/from'],
      ['limit=0', '/query/limit'],
      ['limit=ten', '/query/limit'],
      ['colour=red', '/query/colour'],
    ];
    for (const [query, path, detail] of cases) {
      const res = await secretariat.get(`/api/log/entries?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type'), query).toContain('application/problem+json');
      expect(JSON.stringify(res.body.errors), query).toContain(path);
      if (detail) expect(res.body.detail, query).toMatch(detail);
    }
    expect((await ts.client().get('/api/log/entries?type=report.filed')).status).toBe(401);
  });

  it(`looks at most ${SCAN_LIMIT} entries back per page, and following next still finds every rare entry once`, async () => {
    // Many entries of one type with a few of another among them, as a busy record has:
    // the rare ones sit further apart than one page looks.
    const rare = new Set([50, SCAN_LIMIT + 700, 2 * SCAN_LIMIT + 10]);
    const count = 2 * SCAN_LIMIT + 200;
    const rows = Array.from({ length: count }, (_, i) => {
      const rareOne = rare.has(i);
      const { body } = prepareEntry({
        type: rareOne ? 'incident.merged' : 'detainees.person.viewed',
        actor: null,
        subject: rareOne ? { incident: `0190f7a2-0000-7000-8000-${String(i).padStart(12, '0')}` } : { list: 'صيدنايا' },
      });
      return { body, created_at: new Date() };
    });
    for (let i = 0; i < rows.length; i += 1000)
      await ts.server.ctx.db
        .insertInto('log_entries')
        .values(rows.slice(i, i + 1000))
        .execute();
    await ts.server.ctx.sequencer.flush();
    all = await everything();

    const started = performance.now();
    const { entries, pages } = await follow('type=incident.merged', 50);
    const elapsed = performance.now() - started;
    expect(indexes(entries)).toEqual(newestFirst(all.filter((e) => e.entry.type === 'incident.merged')));
    expect(entries.length).toBe(3);
    // Some page came back short with a cursor: the bound was met, and the next page went on from it.
    expect(pages.some((p) => p.entries.length < 50 && p.next !== null)).toBe(true);
    for (const p of pages) if (p.next !== null) expect(p.scannedTo).toBeGreaterThanOrEqual(all.length - SCAN_LIMIT * pages.length);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await secretariat.get('/api/log/entries?type=incident.merged&limit=50');
      times.push(performance.now() - t0);
    }
    console.log(
      `${engine}: ${all.length} entries, type filter followed over ${pages.length} pages in ${elapsed.toFixed(0)} ms; ` +
        `one page (${SCAN_LIMIT} entries read) median ${times.sort((a, b) => a - b)[2].toFixed(0)} ms`,
    );

    // And the unfiltered list still reaches everything, once.
    const whole = await follow('', 500);
    expect(indexes(whole.entries)).toEqual(newestFirst(all));
  });
});
