import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processNotifications } from '../src/notifications/processor.ts';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';

/** Saraqab, Idleb governorate, as the shipped gazetteer (data/geo) places it. */
const SARAQIB = { lat: 35.8660402, lon: 36.8033603, pcode: 'C3916', placeName: 'سراقب' };

/**
 * The notifications page (issue 16): every notification of an organisation a page at a
 * time, how many are unread in all, and "mark all read"; nobody reads or marks another
 * organisation's.
 */
describe.each(ENGINES)('the notifications of an organisation on %s', (engine) => {
  let ts: TestServer;
  let secretariat: Client;
  let dawn: Client;
  let gov: Client;
  let orgs: Record<string, string>;

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    secretariat = await ts.signedIn(demo('secretariat', 'officer'));
    dawn = await ts.signedIn(demo('north-dawn', 'officer'));
    gov = await ts.signedIn(demo('government', 'officer'));
    orgs = Object.fromEntries(((await gov.get('/api/organisations')).body as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]));
    // Five incidents accusing Northern Dawn: five replies requested of it.
    for (let day = 1; day <= 5; day++) {
      const filed = await gov.post('/api/reports', {
        occurredAt: `2017-02-0${day}T05:00:00Z`,
        timePrecision: 'hour',
        location: { ...SARAQIB, geoPrecision: 'place' },
        typeCode: 'shelling',
        allegedPerpetrator: { kind: 'party', organisationId: orgs['Northern Dawn'] },
        affectedSide: { kind: 'civilians' },
        casualties: { killedCivilian: null, killedCombatant: null, injuredCivilian: day, injuredCombatant: null },
        description: 'قصف مدفعي على الأحياء الشرقية لسراقب.',
        language: 'ar',
      });
      expect(filed.status).toBe(201);
      expect((await secretariat.post('/api/incidents', { reportIds: [filed.body.id] })).status).toBe(201);
    }
    await processNotifications(ts.server.ctx);
  });
  afterAll(() => ts?.close());

  it('pages through them with the unread count, naming each incident', async () => {
    const all = (await dawn.get('/api/notifications')).body;
    expect(all.unread).toBe(5);
    expect(all.notifications).toHaveLength(5);
    expect(all.next).toBeNull();
    for (const n of all.notifications) {
      expect(n.kind).toBe('reply.requested');
      expect(n.details.incident).toMatchObject({ typeCodes: ['shelling'], adm1: 'SY07', allegedPartyIds: [orgs['Northern Dawn']] });
    }
    const paged: string[] = [];
    let before: string | null = null;
    do {
      const page: { notifications: { id: string }[]; next: string | null; unread: number } = (
        await dawn.get(`/api/notifications?limit=2${before ? `&before=${before}` : ''}`)
      ).body;
      expect(page.unread).toBe(5);
      paged.push(...page.notifications.map((n) => n.id));
      before = page.next;
    } while (before);
    expect(paged).toEqual(all.notifications.map((n: { id: string }) => n.id));
  });

  it('marks one, then all, read; the other organisations keep theirs', async () => {
    const govUnread = (await gov.get('/api/notifications')).body.unread as number;
    const [first] = (await dawn.get('/api/notifications?unread=true&limit=1')).body.notifications;
    expect((await dawn.post(`/api/notifications/${first.id}/read`)).status).toBe(204);
    expect((await dawn.get('/api/notifications')).body.unread).toBe(4);
    // Another organisation can neither read nor page with Northern Dawn's notifications.
    expect((await gov.post(`/api/notifications/${first.id}/read`)).status).toBe(404);
    const foreign = await gov.get(`/api/notifications?before=${first.id}`);
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].path).toBe('/query/before');

    const marked = await dawn.post('/api/notifications/read-all');
    expect(marked.status).toBe(200);
    expect(marked.body).toEqual({ marked: 4 });
    const after = (await dawn.get('/api/notifications')).body;
    expect(after.unread).toBe(0);
    expect(after.notifications.every((n: { readAt: string | null }) => n.readAt !== null)).toBe(true);
    expect((await dawn.post('/api/notifications/read-all')).body).toEqual({ marked: 0 });
    expect((await gov.get('/api/notifications')).body.unread).toBe(govUnread);
    expect((await ts.client().post('/api/notifications/read-all')).status).toBe(401);
  });
});
