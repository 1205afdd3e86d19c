import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';

/**
 * Matches and exchanges (C5 review, C6) through HTTP: the facilitator confirms a match,
 * a party proposes an exchange from its sought person and a person it offers, both
 * parties approve, the three guarantors endorse, and on the day the facilitator records
 * each outcome. Each side sees the persons of the exchange, never the other's lists;
 * every person's status follows, with who changed it.
 */
interface ListInfo {
  id: string;
  partyId: string;
  partyShortName: string;
  kind: 'held' | 'sought';
}

async function accept(client: Client, listId: string, csv: string) {
  const res = await client.post(`/api/detainee-lists/${listId}/uploads?fileName=list.csv`, undefined, { raw: csv, headers: { 'content-type': 'text/csv' } });
  if (!res.body.ready) throw new Error(`upload not ready: ${res.text}`);
  const done = await client.post(`/api/detainee-uploads/${res.body.id}/accept`);
  if (done.status !== 201) throw new Error(`accept failed: ${done.text}`);
}

describe.each(ENGINES)('matches and exchanges on %s', (engine) => {
  let ts: TestServer;
  let gov: Client;
  let dawn: Client;
  let facilitator: Client;
  let lists: ListInfo[];
  const list = (party: string, kind: 'held' | 'sought') => lists.find((l) => l.partyShortName === party && l.kind === kind)!;
  let exchangeId: string;

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    gov = await ts.signedIn(demo('government', 'officer'));
    dawn = await ts.signedIn(demo('north-dawn', 'officer'));
    facilitator = await ts.signedIn(demo('facilitator', 'officer'));
    lists = (await facilitator.get('/api/detainee-lists')).body.lists;
    await accept(
      gov,
      list('Government', 'held').id,
      'ref,full_name,father_name,birth_year,birth_place,category\nGH-1,محمد أحمد الحسن,أحمد,1985,حلب,civilian\nGH-2,رشا نبيل درويش,نبيل,1992,حماة,woman\n',
    );
    await accept(
      dawn,
      list('Northern Dawn', 'sought').id,
      'ref,full_name,father_name,birth_year,birth_place\nNS-1,Mohammed Ahmad al-Hassan,Ahmad,1985,Aleppo\n',
    );
    await accept(
      dawn,
      list('Northern Dawn', 'held').id,
      'ref,full_name,birth_year,category\nNH-1,Samer Adel al-Hamwi,1993,combatant\nNH-2,Yousef Ibrahim al-Ali,2001,minor\n',
    );
  });
  afterAll(() => ts.close());

  it('lets the facilitator confirm a match, not a party, and marks both persons matched', async () => {
    const decision = {
      soughtListId: list('Northern Dawn', 'sought').id,
      soughtRef: 'NS-1',
      heldListId: list('Government', 'held').id,
      heldRef: 'GH-1',
      decision: 'confirmed',
      note: 'Same father, year and city of birth',
    };
    expect((await dawn.request('PUT', '/api/match-decisions', decision)).status).toBe(403);
    const res = await facilitator.request('PUT', '/api/match-decisions', decision);
    expect(res.status, res.text).toBe(200);
    expect(res.body.version).toBe(1);
    // A second decision on the same pair must say which version it changes.
    expect((await facilitator.request('PUT', '/api/match-decisions', { ...decision, decision: 'rejected' })).status).toBe(409);
    const other = await facilitator.request('PUT', '/api/match-decisions', { ...decision, heldRef: 'GH-2' });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('already_matched');
    const sought = (await dawn.get(`/api/detainee-lists/${decision.soughtListId}/persons`)).body.persons;
    expect(sought[0].status).toBe('matched');
    const matches = (await facilitator.get('/api/matches')).body.matches;
    expect(matches).toEqual([expect.objectContaining({ soughtRef: 'NS-1', heldRef: 'GH-1' })]);
  });

  it('builds an exchange from a confirmed match and an offer, and refuses what a party may not name', async () => {
    const parties = { partyA: list('Government', 'held').partyId, partyB: list('Northern Dawn', 'held').partyId };
    const base = { title: 'Hama crossing, February', mode: 'one-for-one', ...parties, meetingDate: '2017-02-15' };
    // A party cannot name persons from the other side's held list directly.
    const peek = await dawn.post('/api/exchanges', {
      ...base,
      persons: [
        { listId: list('Government', 'held').id, ref: 'GH-2' },
        { listId: list('Northern Dawn', 'held').id, ref: 'NH-1' },
      ],
    });
    expect(peek.status).toBe(403);
    const unbalanced = await dawn.post('/api/exchanges', { ...base, persons: [{ soughtListId: list('Northern Dawn', 'sought').id, soughtRef: 'NS-1' }] });
    expect(unbalanced.status).toBe(400);
    expect(unbalanced.body.code).toBe('unbalanced');
    const res = await dawn.post('/api/exchanges', {
      ...base,
      persons: [
        { soughtListId: list('Northern Dawn', 'sought').id, soughtRef: 'NS-1' },
        { listId: list('Northern Dawn', 'held').id, ref: 'NH-1' },
      ],
    });
    expect(res.status, res.text).toBe(201);
    exchangeId = res.body.id;
    expect(res.body.status).toBe('proposed');
    expect(res.body.persons.map((p: { ref: string }) => p.ref).sort()).toEqual(['GH-1', 'NH-1']);
    // Each side sees the persons of the exchange (the other side's included), with names.
    const seenByGov = (await gov.get(`/api/exchanges/${exchangeId}`)).body;
    expect(seenByGov.persons.find((p: { ref: string }) => p.ref === 'NH-1').person.fullName).toBe('Samer Adel al-Hamwi');
    // …but still not the other side's list.
    expect((await gov.get(`/api/detainee-lists/${list('Northern Dawn', 'held').id}/persons`)).status).toBe(404);
    const orontes = await ts.signedIn(demo('orontes', 'officer'));
    expect((await orontes.get(`/api/exchanges/${exchangeId}`)).status).toBe(404);
    expect((await orontes.get('/api/exchanges')).body.exchanges).toEqual([]);
    // A person already in an exchange cannot be put in a second one.
    const twice = await dawn.post('/api/exchanges', { ...base, mode: 'list', persons: [{ listId: list('Northern Dawn', 'held').id, ref: 'NH-1' }] });
    expect(twice.status).toBe(409);
  });

  it('needs both parties, then every guarantor, before anyone is released', async () => {
    let ex = (await facilitator.get(`/api/exchanges/${exchangeId}`)).body;
    const early = await facilitator.post(`/api/exchanges/${exchangeId}/outcomes`, {
      listId: list('Government', 'held').id,
      ref: 'GH-1',
      outcome: 'confirmed',
      identityChecked: true,
      voluntary: true,
    });
    expect(early.status).toBe(409);
    const russia = await ts.signedIn(demo('russia', 'officer'));
    expect((await russia.post(`/api/exchanges/${exchangeId}/endorse`, { version: ex.version })).status).toBe(409);
    ex = (await gov.post(`/api/exchanges/${exchangeId}/approve`, { version: ex.version })).body;
    expect(ex.status).toBe('proposed');
    expect((await gov.post(`/api/exchanges/${exchangeId}/approve`, { version: ex.version - 1 })).status).toBe(409);
    ex = (await dawn.post(`/api/exchanges/${exchangeId}/approve`, { version: ex.version })).body;
    expect(ex.status).toBe('approved');
    for (const key of ['russia', 'turkey', 'iran']) {
      const g = await ts.signedIn(demo(key, 'officer'));
      const res = await g.post(`/api/exchanges/${exchangeId}/endorse`, { version: ex.version });
      expect(res.status, res.text).toBe(200);
      ex = res.body;
    }
    expect(ex.status).toBe('endorsed');
    expect(ex.guarantors.every((g: { endorsed: boolean }) => g.endorsed)).toBe(true);
    const held = (await gov.get(`/api/detainee-lists/${list('Government', 'held').id}/persons`)).body.persons;
    expect(held.find((p: { ref: string }) => p.ref === 'GH-1').status).toBe('approved');
  });

  it('records each release on the day: confirmed only with identity and consent, a reason for anything else', async () => {
    const gh1 = { listId: list('Government', 'held').id, ref: 'GH-1' };
    const nh1 = { listId: list('Northern Dawn', 'held').id, ref: 'NH-1' };
    const noConsent = await facilitator.post(`/api/exchanges/${exchangeId}/outcomes`, { ...gh1, outcome: 'confirmed', identityChecked: true });
    expect(noConsent.status).toBe(400);
    expect(noConsent.body.errors[0].path).toBe('/body/voluntary');
    expect((await gov.post(`/api/exchanges/${exchangeId}/outcomes`, { ...gh1, outcome: 'released' })).status).toBe(403);
    expect((await facilitator.post(`/api/exchanges/${exchangeId}/outcomes`, { ...gh1, outcome: 'released' })).status).toBe(200);
    const done = await facilitator.post(`/api/exchanges/${exchangeId}/outcomes`, {
      ...gh1,
      outcome: 'confirmed',
      identityChecked: true,
      voluntary: true,
      note: 'Met his brother at the crossing',
    });
    expect(done.body.completed).toBe(false);
    expect((await facilitator.post(`/api/exchanges/${exchangeId}/outcomes`, { ...nh1, outcome: 'declined' })).status).toBe(400);
    const last = await facilitator.post(`/api/exchanges/${exchangeId}/outcomes`, {
      ...nh1,
      outcome: 'declined',
      note: 'Asked to stay in Idlib with his family; interviewed alone',
    });
    expect(last.body.completed).toBe(true);
    expect((await facilitator.get(`/api/exchanges/${exchangeId}`)).body.status).toBe('completed');

    const person = (await gov.get(`/api/detainee-lists/${gh1.listId}/persons/GH-1`)).body;
    expect(person.statusHistory.map((s: { status: string }) => s.status)).toEqual(['matched', 'proposed', 'approved', 'released', 'confirmed']);
    expect(person.statusHistory.at(-1).by).toBeTruthy();
    const sought = (await dawn.get(`/api/detainee-lists/${list('Northern Dawn', 'sought').id}/persons`)).body.persons;
    expect(sought[0].status).toBe('confirmed');
    const stats = (await (await ts.signedIn(demo('osesgs', 'viewer'))).get('/api/exchange-stats')).body;
    expect(stats.exchanges.completed).toBe(1);
    expect(stats.persons.find((p: { status: string; category: string }) => p.status === 'declined' && p.category === 'combatant').count).toBe(1);
    expect(JSON.stringify(stats)).not.toContain('Samer');
  });

  it('lets the proposer or the facilitator withdraw an exchange, not the other side, a guarantor or a viewer', async () => {
    const parties = { partyA: list('Government', 'held').partyId, partyB: list('Northern Dawn', 'held').partyId };
    const proposed = await dawn.post('/api/exchanges', {
      title: 'Idlib crossing, March',
      mode: 'list',
      ...parties,
      meetingDate: '2017-03-01',
      persons: [{ listId: list('Northern Dawn', 'held').id, ref: 'NH-2' }],
    });
    expect(proposed.status, proposed.text).toBe(201);
    const id = proposed.body.id;
    const body = { version: proposed.body.version, reason: 'لم يتفق الطرفان على مكان التبادل' };
    // The policy's exchange.withdraw: refused at the route to the other party, a guarantor and a viewer of the proposer.
    expect((await gov.post(`/api/exchanges/${id}/withdraw`, body)).status).toBe(403);
    expect((await (await ts.signedIn(demo('russia', 'officer'))).post(`/api/exchanges/${id}/withdraw`, body)).status).toBe(403);
    expect((await (await ts.signedIn(demo('north-dawn', 'viewer'))).post(`/api/exchanges/${id}/withdraw`, body)).status).toBe(403);
    expect((await gov.get(`/api/exchanges/${id}`)).body.can.withdraw).toBe(false);
    expect((await dawn.get(`/api/exchanges/${id}`)).body.can.withdraw).toBe(true);

    const done = await dawn.post(`/api/exchanges/${id}/withdraw`, body);
    expect(done.status, done.text).toBe(200);
    expect((await dawn.get(`/api/exchanges/${id}`)).body.status).toBe('withdrawn');
    const person = (await dawn.get(`/api/detainee-lists/${list('Northern Dawn', 'held').id}/persons/NH-2`)).body;
    expect(person.statusHistory.at(-1).status).toBe('listed');
    // Withdrawn once: a second withdrawal is a conflict, not a second entry.
    expect((await facilitator.post(`/api/exchanges/${id}/withdraw`, { ...body, version: body.version + 1 })).status).toBe(409);
  });
});
