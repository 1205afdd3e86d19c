import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAdminAreas } from './areas.ts';
import { Gazetteer, parsePlacesTsv, type PlaceRow } from './gazetteer.ts';

const GEO = path.resolve(__dirname, '../../../server/data/geo');
const read = (file: string) => fs.readFileSync(path.join(GEO, file), 'utf8');
const places = parsePlacesTsv(read('syr_populated_places.tsv'));
const gazetteer = new Gazetteer(places, [
  ...readAdminAreas(JSON.parse(read('syr_adm1_governorates.geojson')), 1),
  ...readAdminAreas(JSON.parse(read('syr_adm2_districts.geojson')), 2),
]);
const codes = (q: string, limit = 10, adm1?: string) => gazetteer.search(q, { limit, adm1 }).map((p) => p.pcode);

describe('parsePlacesTsv', () => {
  it('reads the 5,251 places of the shipped file', () => {
    expect(places).toHaveLength(5251);
    expect(places.find((p) => p.pcode === 'C1007')).toEqual({
      pcode: 'C1007',
      name_en: 'Aleppo',
      name_ar: 'حلب',
      lat: 36.2031147,
      lon: 37.140868,
      capital_level: 1,
      adm1_pcode: 'SY02',
      adm1_en: 'Aleppo',
      adm1_ar: 'حلب',
      adm2_pcode: 'SY0200',
      adm2_en: 'Jebel Saman',
      adm2_ar: 'جبل سمعان',
      adm3_pcode: 'SY020000',
      adm3_en: 'Jebel Saman',
      adm3_ar: 'مركز جبل سمعان',
    } satisfies PlaceRow);
  });

  it('names the line and column of a bad row', () => {
    const header = 'pcode\tname_en\tname_ar\tlat\tlon\tcapital_level\tadm1_pcode\tadm1_en\tadm1_ar\tadm2_pcode\tadm2_en\tadm2_ar';
    const row = (lat: string) => `C1\tX\tس\t${lat}\t36\t\tSY01\tD\tد\tSY0100\tD\tد`;
    expect(() => parsePlacesTsv(`${header}\n${row('95')}`)).toThrow('line 2, column lat: "95" is not a number from -90 to 90');
    expect(() => parsePlacesTsv(`${header}\n${row('33')}\textra`)).toThrow('line 2: 13 fields, the header has 12');
    expect(() => parsePlacesTsv('pcode\tname_en')).toThrow('line 1: no column name_ar');
    expect(parsePlacesTsv(`${header}\r\n${row('33')}\r\n`)[0]).toMatchObject({ lat: 33, capital_level: null });
  });
});

describe('Gazetteer.search', () => {
  // The governorate, then its capital, whatever the spelling (SOURCES.md names them).
  it.each([
    ['SY02', 'C1007', ['Aleppo', 'Halab', 'حلب', 'aleppo', 'Alepo']],
    ['SY07', 'C3871', ['Idleb', 'Idlib', 'إدلب', 'ادلب', 'IDLIB']],
    ['SY09', 'C5086', ['Deir-ez-Zor', 'Deir ez-Zor', 'Dayr az Zawr', 'Deir Ezzor', 'Deir al-Zour', 'دير الزور']],
    ['SY11', 'C5710', ['Ar-Raqqa', 'Raqqa', 'Raqqah', 'Al-Raqqa', 'Arraqqa', 'الرقة', 'الرقه']],
    ['SY12', 'C5993', ['Daraa', "Dar'a", 'Deraa', 'Dar’a', 'درعا']],
    ['SY13', 'C6147', ['As-Sweida', 'As Suwayda', 'Suwayda', 'السويداء', 'السويدا']],
    ['SY06', 'C3480', ['Lattakia', 'Latakia', 'اللاذقية']],
    ['SY08', 'C4360', ['Al-Hasakeh', 'Hasakah', 'Hassakeh', 'الحسكة']],
    ['SY14', 'C6268', ['Quneitra', 'Qunaytirah', 'القنيطرة']],
  ])('%s and its capital %s come first for every spelling', (governorate, capital, spellings) => {
    for (const q of spellings) {
      const found = codes(q, 5);
      expect(found[0], q).toBe(governorate);
      expect(found.slice(0, 3), q).toContain(capital);
    }
  });

  it('finds towns in Arabic and in several transliterations', () => {
    const first = (q: string) => codes(q, 3);
    for (const q of ['Khan Sheikhoun', 'Khan Shaykun', 'خان شيخون']) expect(first(q), q).toContain('C3987');
    for (const q of ["Ma'arrat an-Nu'man", 'Maarat al-Numan', 'معرة النعمان']) expect(first(q), q).toContain('C3985');
    for (const q of ['Jisr al-Shughur', 'Jisr ash-Shugur', 'جسر الشغور']) expect(first(q), q).toContain('C4199');
    for (const q of ['Tal Abyad', 'Tell Abiad', 'تل أبيض']) expect(first(q), q).toContain('C5792');
    for (const q of ['Azaz', "A'zaz", 'أعزاز', 'اعزاز']) expect(first(q), q).toContain('C1564');
    for (const q of ['Douma', 'Duma', 'دوما']) expect(first(q), q).toContain('C2338');
    for (const q of ['Abu Kamal', 'Albukamal', 'البوكمال']) expect(first(q), q).toContain('C5167');
    expect(codes('Rakka', 5)).toContain('SY11'); // an older spelling: only two consonants to go on
    for (const q of ['Busra al-Sham', 'Busra Esh-Sham', 'بصرى الشام']) expect(first(q), q).toContain('C6002');
  });

  it('returns places, districts and governorates with their kind and administrative units', () => {
    const found = gazetteer.search('Homs', { limit: 3 });
    // The governorate, then the city (a governorate capital), then the district around it.
    expect(found.map((p) => p.kind)).toEqual(['governorate', 'place', 'district']);
    const [governorate, city, district] = found;
    expect(governorate).toMatchObject({ pcode: 'SY04', kind: 'governorate', nameAr: 'حمص', adm1: { pcode: 'SY04' } });
    expect(governorate.adm2).toBeUndefined();
    expect(district).toMatchObject({ pcode: 'SY0401', kind: 'district', nameAr: 'مركز حمص', adm1: { pcode: 'SY04' }, adm2: { pcode: 'SY0401' } });
    expect(city).toEqual({
      pcode: 'C2528',
      kind: 'place',
      nameEn: 'Homs',
      nameAr: 'حمص',
      lat: 34.7227157,
      lon: 36.7148242,
      adm1: { pcode: 'SY04', nameEn: 'Homs', nameAr: 'حمص' },
      adm2: { pcode: 'SY0401', nameEn: 'Homs', nameAr: 'مركز حمص' },
      adm3: { pcode: 'SY040100', nameEn: 'Homs', nameAr: 'مركز حمص' },
    });
    // A district found by its name without OCHA's "centre of" (مركز).
    expect(codes('حمص', 3)).toContain('SY0401');
  });

  it('completes what is being typed', () => {
    expect(codes('Ale', 2)).toEqual(['SY02', 'C1007']);
    expect(codes('دير ال', 2)).toEqual(['SY09', 'C5086']);
    expect(codes('deir ez', 1)).toEqual(['SY09']);
    expect(codes('Jarab', 2)).toEqual(['SY0208', 'C2227']);
  });

  it('finds one half of a combined locality name', () => {
    expect(codes('Harbuq', 1)).toEqual(['C3616']); // "Rabwa / Harbuq"
    expect(codes('جنديرس', 5)).toContain('C1426');
  });

  it('filters by governorate and honours the limit', () => {
    const tiba = gazetteer.search('Tiba', { limit: 50, adm1: 'SY12' });
    expect(tiba.length).toBeGreaterThan(0);
    expect(tiba.every((p) => p.adm1.pcode === 'SY12')).toBe(true);
    expect(tiba.map((p) => p.pcode)).toContain('C5992');
    expect(codes('Tiba', 3)).toHaveLength(3);
    expect(codes('a', 50)).toHaveLength(50);
  });

  it('finds nothing for nothing', () => {
    expect(codes('')).toEqual([]);
    expect(codes('  - ! ')).toEqual([]);
    expect(codes('zzzzqqqq')).toEqual([]);
  });

  it('answers a query in a few milliseconds on the whole gazetteer', () => {
    const queries = places.filter((_, i) => i % 25 === 0).flatMap((p) => [p.name_en, p.name_ar, p.name_en.slice(0, 4)]);
    for (const q of queries.slice(0, 20)) gazetteer.search(q); // warm up
    const times = queries.map((q) => {
      const t = performance.now();
      gazetteer.search(q);
      return performance.now() - t;
    });
    times.sort((a, b) => a - b);
    // Measured ~0.3 ms median on the 2-core dev machine (bench/geo.ts); generous here for CI.
    expect(times[Math.floor(times.length / 2)]).toBeLessThan(10);
  });
});

describe('Gazetteer.byPcode', () => {
  it('finds places, districts and governorates', () => {
    expect(gazetteer.size).toBe(5251 + 61 + 14);
    expect(gazetteer.byPcode('C1007')).toMatchObject({ kind: 'place', nameEn: 'Aleppo', adm3: { pcode: 'SY020000' } });
    expect(gazetteer.byPcode('SY0702')).toMatchObject({ kind: 'district', nameEn: "Al Ma'ra", adm1: { pcode: 'SY07', nameEn: 'Idleb' } });
    expect(gazetteer.byPcode('SY13')).toMatchObject({ kind: 'governorate', nameAr: 'السويداء' });
    expect(gazetteer.byPcode('SY99')).toBeUndefined();
  });

  it('refuses a p-code twice', () => {
    expect(() => new Gazetteer([places[0], places[0]])).toThrow('p-code C1001 appears twice');
  });
});
