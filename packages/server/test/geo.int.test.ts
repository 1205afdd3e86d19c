import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';

const SHARED = path.resolve(__dirname, '../../../../shared/data/geo');
const SHIPPED = path.resolve(__dirname, '../data/geo');

describe('the geography files that ship with the server', () => {
  // A user's clone has no ../shared: the server reads its own copy, which must be the real data.
  it.skipIf(!fs.existsSync(SHARED))('are byte for byte those of shared/data/geo', () => {
    for (const file of [
      'SOURCES.md',
      'syr_adm0_country.geojson',
      'syr_adm1_governorates.geojson',
      'syr_adm2_districts.geojson',
      'syr_populated_places.tsv',
      'syr_populated_places.geojson',
    ]) {
      expect(fs.readFileSync(path.join(SHIPPED, file)).equals(fs.readFileSync(path.join(SHARED, file))), file).toBe(true);
    }
  });

  // Runs in every clone: the two forms of the gazetteer hold the same places, names whole.
  it('give the same places, with the same names, in the gazetteer TSV and GeoJSON, none with a damaged character', () => {
    const [header, ...rows] = fs
      .readFileSync(path.join(SHIPPED, 'syr_populated_places.tsv'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => line.split('\t'));
    const column = (name: string) => header.indexOf(name);
    const fromTsv = rows.map((r) => ({
      pcode: r[column('pcode')],
      nameEn: r[column('name_en')],
      nameAr: r[column('name_ar')],
      lat: Number(r[column('lat')]),
      lon: Number(r[column('lon')]),
    }));
    const geojson = JSON.parse(fs.readFileSync(path.join(SHIPPED, 'syr_populated_places.geojson'), 'utf8')) as {
      features: { geometry: { coordinates: [number, number] }; properties: { pcode: string; name_en: string; name_ar: string } }[];
    };
    const fromGeojson = geojson.features.map(({ geometry, properties: p }) => ({
      pcode: p.pcode,
      nameEn: p.name_en,
      nameAr: p.name_ar,
      lat: geometry.coordinates[1],
      lon: geometry.coordinates[0],
    }));
    expect(fromTsv.length).toBeGreaterThan(5000);
    expect(fromGeojson.map(({ pcode, nameEn, nameAr }) => ({ pcode, nameEn, nameAr }))).toEqual(
      fromTsv.map(({ pcode, nameEn, nameAr }) => ({ pcode, nameEn, nameAr })),
    );
    fromGeojson.forEach((g, i) => {
      expect(g.lat, g.pcode).toBeCloseTo(fromTsv[i].lat, 5);
      expect(g.lon, g.pcode).toBeCloseTo(fromTsv[i].lon, 5);
    });
    // Six Arabic names were cut mid-character in the source and mended (SOURCES.md): none may end in U+FFFD again.
    const damaged = fromTsv.filter((p) => /\uFFFD/.test(p.nameAr + p.nameEn)).map((p) => p.pcode);
    expect(damaged).toEqual([]);
    for (const pcode of ['C1466', 'C2327', 'C2929', 'C2931', 'C3935', 'C5770']) {
      expect(fromTsv.find((p) => p.pcode === pcode)?.nameAr, pcode).toMatch(/[\u0621-\u064A]$/); // ends in a whole Arabic letter
    }
  });
});

describe.each(ENGINES)('geography on %s', (engine) => {
  let ts: TestServer;
  let viewer: Client;
  const places = async (query: string) => {
    const res = await viewer.get(`/api/geo/places?${query}`);
    expect(res.status, `${query}: ${res.text.slice(0, 200)}`).toBe(200);
    return res.body.places as {
      pcode: string;
      kind: string;
      nameEn: string;
      nameAr: string;
      lat: number;
      lon: number;
      adm1: { pcode: string };
      adm2?: { pcode: string };
      adm3?: { pcode: string };
    }[];
  };
  const q = (text: string) => `q=${encodeURIComponent(text)}`;

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    viewer = await ts.signedIn('viewer.orontes@demo.truce.example');
  });
  afterAll(() => ts.close());

  it('answers 401 without a session on every geography route', async () => {
    const anonymous = ts.client();
    for (const url of ['/api/geo/places?q=Aleppo', '/api/geo/areas?level=1', '/api/geo/locate?lat=36.2&lon=37.1', '/api/geo/attribution']) {
      const res = await anonymous.get(url);
      expect(res.status, url).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('finds the same governorate and city whether asked in Arabic or in any transliteration', async () => {
    const groups: [string, string, string[]][] = [
      ['SY02', 'C1007', ['Aleppo', 'Halab', 'حلب']],
      ['SY07', 'C3871', ['Idleb', 'Idlib', 'إدلب', 'ادلب']],
      ['SY09', 'C5086', ['Deir-ez-Zor', 'Dayr az Zawr', 'Deir Ezzor', 'دير الزور']],
      ['SY11', 'C5710', ['Ar-Raqqa', 'Raqqa', 'الرقة', 'الرقه']],
      ['SY12', 'C5993', ['Daraa', "Dar'a", 'درعا']],
      ['SY13', 'C6147', ['As-Sweida', 'Suwayda', 'السويداء']],
    ];
    for (const [governorate, city, spellings] of groups) {
      for (const spelling of spellings) {
        const found = await places(`${q(spelling)}&limit=3`);
        expect(found[0], spelling).toMatchObject({ pcode: governorate, kind: 'governorate', adm1: { pcode: governorate } });
        expect(
          found.map((p) => p.pcode),
          spelling,
        ).toContain(city);
      }
    }
  });

  it('returns places with their p-codes, position and administrative units', async () => {
    const found = await places(`${q('خان شيخون')}&limit=1`);
    expect(found).toEqual([
      {
        pcode: 'C3987',
        kind: 'place',
        nameEn: 'Khan Shaykun',
        nameAr: 'خان شيخون',
        lat: 35.4430863,
        lon: 36.6453303,
        adm1: { pcode: 'SY07', nameEn: 'Idleb', nameAr: 'إدلب' },
        adm2: { pcode: 'SY0702', nameEn: "Al Ma'ra", nameAr: 'معرة النعمان' },
        adm3: expect.objectContaining({ pcode: expect.stringMatching(/^SY07\d{4}$/) }),
      },
    ]);
    expect((await places(`${q('Khan Sheikhoun')}&limit=3`)).map((p) => p.pcode)).toContain('C3987');
    const district = (await places(`${q('Jisr al-Shughur')}&limit=2`)).find((p) => p.kind === 'district');
    expect(district).toMatchObject({ pcode: 'SY0704', adm1: { pcode: 'SY07' }, adm2: { pcode: 'SY0704' } });
    expect(district!.adm3).toBeUndefined();
  });

  it('filters by governorate and limits the number of places', async () => {
    const tiba = await places(`q=Tiba&adm1=SY12&limit=50`);
    expect(tiba.length).toBeGreaterThan(1);
    expect(tiba.every((p) => p.adm1.pcode === 'SY12')).toBe(true);
    expect(await places('q=Tal')).toHaveLength(10);
    expect(await places('q=Tal&limit=2')).toHaveLength(2);
    expect(await places('q=%20%20')).toEqual([]);
  });

  it('says which query parameter is wrong', async () => {
    const cases: [string, string][] = [
      ['', '/query/q'],
      [`q=${'x'.repeat(101)}`, '/query/q'],
      ['q=Homs&limit=51', '/query/limit'],
      ['q=Homs&limit=0', '/query/limit'],
      ['q=Homs&limit=ten', '/query/limit'],
      ['q=Homs&adm1=SY99', '/query/adm1'],
      ['q=Homs&adm1=Aleppo', '/query/adm1'],
      ['q=Homs&sort=name', '/query/sort'],
    ];
    for (const [query, field] of cases) {
      const res = await viewer.get(`/api/geo/places?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors[0].path, query).toBe(field);
    }
  });

  it('serves governorates and districts as GeoJSON with a long cache, an ETag and gzip', async () => {
    const res = await viewer.get('/api/geo/areas?level=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d{6,}/);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(res.body.type).toBe('FeatureCollection');
    expect(res.body.features.map((f: { properties: { pcode: string } }) => f.properties.pcode)).toEqual(
      Array.from({ length: 14 }, (_, i) => `SY${String(i + 1).padStart(2, '0')}`),
    );
    expect(res.body.features[1].properties).toEqual({ pcode: 'SY02', name_en: 'Aleppo', name_ar: 'حلب' });
    expect(res.body.features[1].geometry.type).toBe('Polygon');
    expect(res.body.crs).toBeUndefined(); // RFC 7946: WGS84 lon/lat, no crs member

    const again = await viewer.get('/api/geo/areas?level=1', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');

    const districts = await viewer.get('/api/geo/areas?level=2', { headers: { 'accept-encoding': 'gzip' } });
    expect(districts.status).toBe(200);
    expect(districts.headers.get('content-encoding')).toBe('gzip');
    expect(districts.headers.get('etag')).not.toBe(etag);
    expect(districts.body.features).toHaveLength(61);
    expect(districts.body.features.find((f: { properties: { pcode: string } }) => f.properties.pcode === 'SY0702').properties).toEqual({
      pcode: 'SY0702',
      name_en: "Al Ma'ra",
      name_ar: 'معرة النعمان',
      adm1_pcode: 'SY07',
    });

    for (const level of ['3', '', 'one']) {
      const bad = await viewer.get(`/api/geo/areas?level=${level}`);
      expect(bad.status, level).toBe(400);
      expect(bad.body.errors[0].path).toBe('/query/level');
    }
  });

  it('locates a point in its governorate and district', async () => {
    const aleppo = await viewer.get('/api/geo/locate?lat=36.2031147&lon=37.140868');
    expect(aleppo.status).toBe(200);
    expect(aleppo.body).toEqual({
      adm1: { pcode: 'SY02', nameEn: 'Aleppo', nameAr: 'حلب' },
      adm2: { pcode: 'SY0200', nameEn: 'Jebel Saman', nameAr: 'جبل سمعان' },
    });
    // Damascus lies in a hole of Rural Damascus.
    expect((await viewer.get('/api/geo/locate?lat=33.5102&lon=36.29128')).body.adm1.pcode).toBe('SY01');
    expect((await viewer.get('/api/geo/locate?lat=33.4859&lon=36.3478')).body.adm1.pcode).toBe('SY03');
    const beirut = await viewer.get('/api/geo/locate?lat=33.8938&lon=35.5018');
    expect(beirut.status).toBe(404);
    expect(beirut.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses impossible or malformed coordinates, naming the field', async () => {
    const cases: [string, string][] = [
      ['lat=95&lon=36', '/query/lat'],
      ['lat=-90.5&lon=36', '/query/lat'],
      ['lat=35&lon=200', '/query/lon'],
      ['lat=abc&lon=36', '/query/lat'],
      ['lat=1e2&lon=36', '/query/lat'],
      ['lat=35', '/query/lon'],
      ['lat=35&lon=', '/query/lon'],
    ];
    for (const [query, field] of cases) {
      const res = await viewer.get(`/api/geo/locate?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.errors[0].path, query).toBe(field);
    }
  });

  it('gives the attribution the OCHA data requires', async () => {
    const res = await viewer.get('/api/geo/attribution');
    expect(res.status).toBe(200);
    expect(res.body.text).toMatch(/^Administrative boundaries and populated places: United Nations Cartographic Section \(UNCS\) and UN OCHA/);
    expect(res.body.text).toContain('CC BY-IGO');
  });
});
