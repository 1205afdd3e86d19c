import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startTestServer, type TestServer, type Client } from './harness.ts';

const GEO = path.resolve(__dirname, '../data/geo');

describe.each(ENGINES)('mechanism set-up on %s', (engine) => {
  let ts: TestServer;
  let admin: Client;
  let orgs: { id: string; name: string; kind: string }[];

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    admin = await ts.signedIn('admin.secretariat@demo.truce.example');
    orgs = (await admin.get('/api/organisations')).body;
  });
  afterAll(() => ts.close());

  it('shows the demo mechanism, its agreements, excluded groups, zone and ACLED-mapped taxonomy to every participant', async () => {
    const party = await ts.signedIn('viewer.orontes@demo.truce.example');
    const mechanism = (await party.get('/api/mechanism')).body;
    expect(mechanism).toMatchObject({ name: 'Syria ceasefire (demo)', demo: true, decisionRule: 'consensus', logOrigin: 'truce/syria-ceasefire-demo' });
    const agreements = (await party.get('/api/mechanism/agreements')).body;
    expect(agreements[0]).toMatchObject({ signedOn: '2016-12-29', effectiveFrom: '2016-12-30', effectiveTo: null });
    expect(agreements[0].signatoryIds).toHaveLength(6);
    const excluded = (await party.get('/api/mechanism/excluded-groups')).body;
    expect(excluded.map((g: { aliases: string[] }) => g.aliases).flat()).toContain('داعش');
    const zones = (await party.get('/api/mechanism/zones')).body;
    expect(zones[0].bbox[0]).toBeGreaterThan(35);
    expect(zones[0].bbox[2]).toBeLessThan(43);
    const taxonomy = (await party.get('/api/mechanism/taxonomy')).body;
    expect(taxonomy.find((t: { code: string }) => t.code === 'air-strike')).toMatchObject({
      acledEventType: 'Explosions/Remote violence',
      acledSubEventType: 'Air/drone strike',
    });
    expect((await party.patch('/api/mechanism', { decisionRule: 'majority', version: mechanism.version })).status).toBe(403);
  });

  it('changes the decision rule with optimistic concurrency', async () => {
    const { version } = (await admin.get('/api/mechanism')).body;
    const res = await admin.patch('/api/mechanism', { decisionRule: 'majority', version });
    expect(res.status).toBe(200);
    expect(res.body.decisionRule).toBe('majority');
    const stale = await admin.patch('/api/mechanism', { decisionRule: 'consensus', version });
    expect(stale.status).toBe(409);
    const badRole = await admin.patch('/api/mechanism', { mfaRequiredRoles: ['rebels:admin'], version: res.body.version });
    expect(badRole.status).toBe(400);
    expect(badRole.body.errors[0].path).toBe('/body/mfaRequiredRoles/0');
  });

  it('adds an agreement with its signatories and checks its dates and signatories', async () => {
    const russia = orgs.find((o) => o.name === 'Russian Federation')!;
    const government = orgs.find((o) => o.kind === 'party')!;
    const observer = orgs.find((o) => o.kind === 'observer')!;
    const body = {
      title: 'Memorandum on de-escalation areas (4 May 2017)',
      signedOn: '2017-05-04',
      effectiveFrom: '2017-05-06',
      signatoryIds: [russia.id, government.id],
    };
    const created = await admin.post('/api/mechanism/agreements', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: body.title, effectiveTo: null, version: 1 });

    const backwards = await admin.patch(`/api/mechanism/agreements/${created.body.id}`, { effectiveTo: '2017-05-01', version: 1 });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors[0].path).toBe('/body/effectiveTo');
    const notSignatory = await admin.post('/api/mechanism/agreements', { ...body, signatoryIds: [observer.id] });
    expect(notSignatory.status).toBe(400);
    expect(notSignatory.body.errors[0].path).toBe('/body/signatoryIds/0');
    const badDate = await admin.post('/api/mechanism/agreements', { ...body, signedOn: '2017-13-45' });
    expect(badDate.status).toBe(400);

    const ended = await admin.patch(`/api/mechanism/agreements/${created.body.id}`, { effectiveTo: '2017-11-06', version: 1 });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ effectiveTo: '2017-11-06', version: 2 });
  });

  it('takes a governorate from the OCHA boundaries as a zone and explains a broken geometry', async () => {
    const governorates = JSON.parse(fs.readFileSync(path.join(GEO, 'syr_adm1_governorates.geojson'), 'utf8'));
    const idlib = governorates.features.find((f: { properties: { name_en: string } }) => f.properties.name_en === 'Idleb');
    expect(idlib).toBeDefined();
    const created = await admin.post('/api/mechanism/zones', { name: 'Idleb de-escalation area', geometry: idlib });
    expect(created.status).toBe(201);
    const [w, s, e, n] = created.body.bbox;
    expect(w).toBeGreaterThan(35.5);
    expect(e).toBeLessThan(37.5);
    expect(s).toBeGreaterThan(35);
    expect(n).toBeLessThan(36.8);

    const open = {
      type: 'Polygon',
      coordinates: [
        [
          [36.6, 35.9],
          [36.7, 35.9],
          [36.7, 36.0],
          [36.6, 36.1],
        ],
      ],
    };
    const bad = await admin.post('/api/mechanism/zones', { name: 'Unclosed', geometry: open });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toEqual({ path: '/body/geometry/coordinates/0', message: 'a ring must end where it starts' });
    const swapped = await admin.post('/api/mechanism/zones', {
      name: 'Lat/lon swapped',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [36.6, 135.9],
            [36.7, 35.9],
            [36.7, 36.0],
            [36.6, 135.9],
          ],
        ],
      },
    });
    expect(swapped.body.errors[0].path).toBe('/body/geometry/coordinates/0/0/1');
  });

  it('edits the taxonomy and refuses a duplicate code', async () => {
    const created = await admin.post('/api/mechanism/taxonomy', {
      code: 'sniper-fire',
      label: 'Sniper fire',
      acledEventType: 'Violence against civilians',
      acledSubEventType: 'Attack',
    });
    expect(created.status).toBe(201);
    const dup = await admin.post('/api/mechanism/taxonomy', {
      code: 'sniper-fire',
      label: 'Again',
      acledEventType: 'Battles',
      acledSubEventType: 'Armed clash',
    });
    expect(dup.status).toBe(409);
    const badAcled = await admin.post('/api/mechanism/taxonomy', { code: 'x', label: 'X', acledEventType: 'Skirmish', acledSubEventType: 'Armed clash' });
    expect(badAcled.status).toBe(400);
    const off = await admin.patch(`/api/mechanism/taxonomy/${created.body.id}`, { active: false, version: 1 });
    expect(off.body.active).toBe(false);
  });

  it('records every set-up change in the log, and nothing for a refused one', async () => {
    const before = (await admin.get('/api/log/entries?limit=5')).body;
    const added = await admin.post('/api/mechanism/excluded-groups', { name: 'Hurras al-Din', aliases: ['حراس الدين'], note: 'Outside the ceasefire.' });
    expect(added.status).toBe(201);
    const after = (await admin.get('/api/log/entries?limit=5')).body;
    expect(after.size).toBe(before.size + 1);
    expect(after.entries[0].entry).toMatchObject({
      type: 'excluded_group.created',
      subject: { excluded_group: added.body.id },
      data: { name: 'Hurras al-Din' },
    });
    const refused = await admin.post('/api/mechanism/excluded-groups', { name: '   ' });
    expect(refused.status).toBe(400);
    expect((await admin.get('/api/log/entries?limit=1')).body.size).toBe(after.size);
  });
});
