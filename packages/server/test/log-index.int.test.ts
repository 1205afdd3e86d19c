import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, ENGINES, startTestServer, type Client, type Res, type TestServer } from './harness.ts';
import { makePng } from './evidence-files.ts';

/**
 * Every write that records something answers with `logIndex`, the place in the log of
 * the entry it wrote (C9): the entry at that index is the change, with its subject.
 */
describe.each(ENGINES)('logIndex on write answers on %s', (engine) => {
  let ts: TestServer;
  let secretariat: Client;
  let gov: Client;
  let accused: Client;
  let russia: Client;
  let orgs: Record<string, string>;

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    secretariat = await ts.signedIn(demo('secretariat', 'officer'));
    gov = await ts.signedIn(demo('government', 'officer'));
    accused = await ts.signedIn(demo('north-dawn', 'officer'));
    russia = await ts.signedIn(demo('russia', 'officer'));
    orgs = Object.fromEntries(((await secretariat.get('/api/organisations')).body as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]));
  });
  afterAll(() => ts.close());

  /** The entry an answer's logIndex names, read back as the secretariat. */
  async function entryOf(res: Res, status = 201) {
    expect(res.status, res.text).toBe(status);
    expect(res.body.logIndex, `logIndex in ${res.text.slice(0, 200)}`).toEqual(expect.any(Number));
    const entry = await secretariat.get(`/api/log/entries/${res.body.logIndex}`);
    expect(entry.status).toBe(200);
    return entry.body.entry as { type: string; subject: Record<string, string> };
  }

  const report = {
    occurredAt: '2017-02-03T21:10:00Z',
    timePrecision: 'exact',
    sealLocation: false,
    typeCode: 'shelling',
    location: { lat: 35.9306, lon: 36.6339, geoPrecision: 'place', placeName: 'إدلب' },
    allegedPerpetrator: { kind: 'party', organisationId: '' },
    affectedSide: { kind: 'civilians' },
    casualties: { killedCivilian: 1, killedCombatant: 0, injuredCivilian: 4, injuredCombatant: 0 },
    description: 'قذائف هاون على السوق الشعبي في مدينة إدلب قرابة التاسعة مساءً.',
    language: 'ar',
    sources: [],
    evidence: [] as string[],
  };

  it('names the entry of a report, its correction and withdrawal, an evidence file, an incident, a reply and an assessment', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(makePng(8, 6, { rgb: [180, 60, 40] }))], { type: 'image/png' }), 'idlib-market.png');
    const upload = await fetch(`${ts.url}/api/evidence`, { method: 'POST', headers: { cookie: gov.cookie! }, body: form });
    const uploaded = { status: upload.status, body: await upload.json(), text: '' } as Res;
    expect(await entryOf(uploaded)).toMatchObject({ type: 'evidence.uploaded', subject: { evidence: uploaded.body.sha256 } });

    const filed = await gov.post('/api/reports', {
      ...report,
      allegedPerpetrator: { kind: 'party', organisationId: orgs['Northern Dawn'] },
      evidence: [uploaded.body.sha256],
    });
    expect(await entryOf(filed)).toMatchObject({ type: 'report.filed', subject: { report: filed.body.id } });

    const content = {
      ...report,
      allegedPerpetrator: { kind: 'party', organisationId: orgs['Northern Dawn'] },
      description: `${report.description} وأصيب أربعة مدنيين.`,
    };
    const corrected = await gov.post(`/api/reports/${filed.body.id}/versions`, { content, changeNote: 'عدد الإصابات', version: 1 });
    expect(await entryOf(corrected)).toMatchObject({ type: 'report.corrected', subject: { report: filed.body.id } });

    const incident = await secretariat.post('/api/incidents', { reportIds: [filed.body.id] });
    expect(await entryOf(incident)).toMatchObject({ type: 'incident.created', subject: { incident: incident.body.id } });

    const reply = await accused.post(`/api/incidents/${incident.body.id}/replies`, { text: 'لم تكن قواتنا في المنطقة في ذلك الوقت.', evidence: [] });
    expect(await entryOf(reply)).toMatchObject({ type: 'incident.replied', subject: { incident: incident.body.id } });

    const assessment = await russia.post(`/api/incidents/${incident.body.id}/assessments`, {
      verification: 'corroborated',
      attribution: { kind: 'alleged' },
      reasoning: 'شهادات متطابقة وصور للسوق بعد القصف.',
    });
    expect(await entryOf(assessment)).toMatchObject({ type: 'incident.assessed', subject: { incident: incident.body.id } });

    const other = await gov.post('/api/reports', { ...report, allegedPerpetrator: { kind: 'party', organisationId: orgs['Northern Dawn'] } });
    const withdrawn = await gov.post(`/api/reports/${other.body.id}/withdraw`, { reason: 'بلاغ مكرر', version: 1 });
    expect(await entryOf(withdrawn, 200)).toMatchObject({ type: 'report.withdrawn', subject: { report: other.body.id } });
  });

  it('names the entry of a list version, a match decision, an approval, a confirmed release, a decision, its approval and a publication', async () => {
    const facilitator = await ts.signedIn(demo('facilitator', 'officer'));
    const dawn = accused;
    const accept = async (client: Client, listId: string, csv: string) => {
      const up = await client.post(`/api/detainee-lists/${listId}/uploads?fileName=list.csv`, undefined, { raw: csv, headers: { 'content-type': 'text/csv' } });
      return client.post(`/api/detainee-uploads/${up.body.id}/accept`);
    };
    const lists = (await facilitator.get('/api/detainee-lists')).body.lists as { id: string; partyShortName: string; kind: string }[];
    const list = (party: string, kind: string) => lists.find((l) => l.partyShortName === party && l.kind === kind)!.id;
    const version = await accept(gov, list('Government', 'held'), 'ref,full_name,birth_year,birth_place\nGH-7,خالد محمود العلي,1988,دوما\n');
    expect(await entryOf(version)).toMatchObject({ type: 'detainees.list.version', subject: { list: list('Government', 'held') } });
    await accept(dawn, list('Northern Dawn', 'sought'), 'ref,full_name,birth_year,birth_place\nNS-7,خالد محمود العلي,1988,دوما\n');
    await accept(dawn, list('Northern Dawn', 'held'), 'ref,full_name,birth_year\nNH-7,باسل يوسف الحمصي,1990\n');
    const match = await facilitator.request('PUT', '/api/match-decisions', {
      soughtListId: list('Northern Dawn', 'sought'),
      soughtRef: 'NS-7',
      heldListId: list('Government', 'held'),
      heldRef: 'GH-7',
      decision: 'confirmed',
    });
    expect(await entryOf(match, 200)).toMatchObject({ type: 'detainees.match.decided' });
    let ex = (
      await dawn.post('/api/exchanges', {
        title: 'تبادل دوما',
        mode: 'one-for-one',
        partyA: orgs.Government,
        partyB: orgs['Northern Dawn'],
        persons: [
          { soughtListId: list('Northern Dawn', 'sought'), soughtRef: 'NS-7' },
          { listId: list('Northern Dawn', 'held'), ref: 'NH-7' },
        ],
      })
    ).body;
    const approval = await gov.post(`/api/exchanges/${ex.id}/approve`, { version: ex.version });
    expect(await entryOf(approval, 200)).toMatchObject({ type: 'exchange.approved', subject: { exchange: ex.id } });
    ex = (await dawn.post(`/api/exchanges/${ex.id}/approve`, { version: approval.body.version })).body;
    for (const key of ['russia', 'turkey', 'iran'])
      ex = (await (await ts.signedIn(demo(key, 'officer'))).post(`/api/exchanges/${ex.id}/endorse`, { version: ex.version })).body;
    const release = await facilitator.post(`/api/exchanges/${ex.id}/outcomes`, {
      listId: list('Government', 'held'),
      ref: 'GH-7',
      outcome: 'confirmed',
      identityChecked: true,
      voluntary: true,
    });
    expect(await entryOf(release, 200)).toMatchObject({ type: 'exchange.outcome', subject: { exchange: ex.id } });

    const participants = ['Russia', 'Türkiye', 'Iran', 'Government'].map((k) => ({ organisationId: orgs[k], delegates: [] as string[] }));
    let meeting = (await secretariat.post('/api/meetings', { title: 'اجتماع أستانا', startsAt: '2030-05-02T07:00:00Z', venue: 'أستانا', participants })).body;
    meeting = (
      await secretariat.request('PUT', `/api/meetings/${meeting.id}/attendance`, {
        version: meeting.version,
        attendance: participants.map((p) => ({ organisationId: p.organisationId, present: true })),
      })
    ).body;
    const recorded = await secretariat.post(`/api/meetings/${meeting.id}/decisions`, { text: 'تمديد وقف إطلاق النار في دوما.', partyIds: [orgs.Government] });
    const decision = recorded.body.decisions[0];
    expect(await entryOf(recorded)).toMatchObject({ type: 'meeting.decision_recorded', subject: { decision: decision.id } });
    expect(await entryOf(await russia.post(`/api/decisions/${decision.id}/approve`, { version: decision.version }), 200)).toMatchObject({
      type: 'meeting.decision_approved',
      subject: { decision: decision.id },
    });

    const today = new Date().toISOString().slice(0, 10);
    const issued = await secretariat.post('/api/publications', { kind: 'issg', from: today, to: today, language: 'ar' });
    expect(await entryOf(issued)).toMatchObject({ type: 'publication.issued', subject: { publication: issued.body.id } });
  });

  it('gives different answers different indexes, in the order they were made', async () => {
    const indexes: number[] = [];
    for (const name of ['مراقب ١', 'مراقب ٢', 'مراقب ٣']) {
      const res = await secretariat.post('/api/account/tokens', { name });
      expect(await entryOf(res)).toMatchObject({ type: 'user.token_created' });
      indexes.push(res.body.logIndex);
    }
    expect([...indexes].sort((a, b) => a - b)).toEqual(indexes);
    expect(new Set(indexes).size).toBe(3);
  });
});
