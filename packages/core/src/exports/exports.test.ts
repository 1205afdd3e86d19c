import { describe, expect, it } from 'vitest';
import {
  ACLED_COLUMNS,
  ACLED_EVENT_TYPES,
  ACTOR_TYPES,
  acledGeoPrecision,
  acledRow,
  acledTimePrecision,
  acledTypes,
  DEFAULT_ACLED_TYPES,
  disorderType,
  guessActorType,
  interaction,
  isAcledType,
  SYRIA,
  type AcledOptions,
} from './acled.ts';
import { BOM, csvField, parseCsv, toCsv } from './csv.ts';
import { exportFileName } from './format.ts';
import { COLLECTION_CLOSING, collectionOpening, incidentFeature, point, reportFeature } from './geojson.ts';
import { defineColumns, HXL_HASHTAGS, parseHxlTag, tableHead, tableRow } from './hxl.ts';
import type { ExportIncident, ExportReport } from './record.ts';
import { headerValue, scopeStatement, withheldOf } from './scope.ts';
import { INCIDENT_COLUMNS, REPORT_COLUMNS } from './tables.ts';
import { DEFAULT_TAXONOMY } from '../mechanism/taxonomy.ts';

/** A report as an export holds it; each test says what it is about. */
function makeReport(over: Partial<ExportReport> = {}): ExportReport {
  return {
    id: '0190c0de-0000-7000-8000-000000000001',
    version: 2,
    filedAt: '2018-03-06T09:00:00.000Z',
    updatedAt: '2018-03-07T10:00:00.000Z',
    occurredAt: '2018-03-06T06:30:00.000Z',
    timePrecision: 'hour',
    typeCode: 'shelling',
    typeLabel: 'Shelling, artillery or missile attack',
    acledEventType: 'Explosions/Remote violence',
    acledSubEventType: 'Shelling/artillery/missile attack',
    adm1: { pcode: 'SY02', nameEn: 'Aleppo', nameAr: 'حلب' },
    adm2: { pcode: 'SY0200', nameEn: 'Jebel Saman', nameAr: 'جبل سمعان' },
    placeName: 'Aleppo',
    placePcode: 'C1007',
    lat: 36.2021,
    lon: 37.1343,
    geoPrecision: 'exact',
    locationRounded: false,
    reporter: { id: 'org-gov', name: 'Government of the Syrian Arab Republic' },
    alleged: { kind: 'party', id: 'org-dawn', name: 'Northern Dawn Brigades' },
    affected: { kind: 'civilians', id: null, name: null },
    casualties: { killedCivilian: 2, killedCombatant: null, injuredCivilian: 5, injuredCombatant: 0 },
    incidentId: null,
    finding: null,
    outsideZones: false,
    outsideDates: false,
    withdrawnAt: null,
    language: 'ar',
    description: 'قصف عنيف على السوق، قرب الجامع',
    withheld: [],
    ...over,
  };
}

const acled: AcledOptions = { country: SYRIA, actorTypeOf: (id) => (id === 'org-gov' ? ACTOR_TYPES.state : ACTOR_TYPES.rebel) };

describe('CSV', () => {
  it('quotes what RFC 4180 says and reads it back', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('حلب\r\nإدلب')).toBe('"حلب\r\nإدلب"');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    const text = toCsv(
      ['a', 'b'],
      [
        ['x,y', 'قصف "عنيف"\nسطر'],
        [1.5, true],
      ],
    );
    expect(text.startsWith(BOM)).toBe(true);
    expect(parseCsv(text)).toEqual([
      ['a', 'b'],
      ['x,y', 'قصف "عنيف"\nسطر'],
      ['1.5', 'true'],
    ]);
  });

  it('makes text that a spreadsheet would run as a formula open as text', () => {
    for (const evil of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '＝1+1']) {
      const field = csvField(evil);
      expect(field.startsWith(`"'`), evil).toBe(true);
      expect(parseCsv(field + '\r\n')[0][0]).toBe(`'${evil}`);
    }
    // Numbers stay numbers; text that only contains the characters is untouched.
    expect(csvField(-3)).toBe('-3');
    expect(csvField('a-b=c')).toBe('a-b=c');
    expect(csvField('#adm1+name')).toBe('#adm1+name');
  });
});

describe('HXL', () => {
  it('parses hashtags with their attributes and refuses what is not one', () => {
    expect(parseHxlTag('#affected+killed+civilians')).toEqual({ hashtag: '#affected', attributes: ['killed', 'civilians'] });
    expect(parseHxlTag('#date')).toEqual({ hashtag: '#date', attributes: [] });
    expect(parseHxlTag('#Date')).toBeNull();
    expect(parseHxlTag('date+reported')).toBeNull();
    expect(parseHxlTag('#adm1 +name')).toBeNull();
  });

  it('gives every column a dictionary hashtag, once per header', () => {
    for (const columns of [REPORT_COLUMNS, INCIDENT_COLUMNS]) {
      for (const c of columns) expect(HXL_HASHTAGS, c.hxl).toContain(parseHxlTag(c.hxl)!.hashtag);
      expect(new Set(columns.map((c) => c.header)).size).toBe(columns.length);
    }
    expect(() => defineColumns([{ header: 'x', hxl: '#perpetrator', value: () => 1 }])).toThrow(/not an HXL 1.1 hashtag/);
    expect(() =>
      defineColumns([
        { header: 'x', hxl: '#date', value: () => 1 },
        { header: 'x', hxl: '#date', value: () => 2 },
      ]),
    ).toThrow(/twice/);
  });

  it('puts the hashtag row directly under the header, aligned with the columns', () => {
    const r = makeReport();
    const rows = parseCsv(BOM + tableHead(REPORT_COLUMNS, true) + tableRow(REPORT_COLUMNS, r));
    const [header, tags, data] = rows;
    expect(header.length).toBe(tags.length);
    expect(data.length).toBe(header.length);
    expect(tags.every((t) => t.startsWith('#'))).toBe(true);
    const tag = (h: string) => tags[header.indexOf(h)];
    expect(tag('occurred_at')).toBe('#date+occurred');
    expect(tag('adm1_name')).toBe('#adm1+name');
    expect(tag('adm1_pcode')).toBe('#adm1+code');
    expect(tag('lat')).toBe('#geo+lat');
    expect(tag('lon')).toBe('#geo+lon');
    expect(tag('killed_civilian')).toBe('#affected+killed+civilians');
    expect(tag('description')).toBe('#description');
    expect(data[header.indexOf('adm1_name_ar')]).toBe('حلب');
    expect(data[header.indexOf('description')]).toBe(r.description);
    expect(data[header.indexOf('killed_combatant')]).toBe('');
    // Without HXL, the data follows the header at once.
    expect(parseCsv(tableHead(REPORT_COLUMNS, false))).toHaveLength(1);
  });
});

describe('ACLED', () => {
  it('has the columns in ACLED order', () => {
    expect(ACLED_COLUMNS.slice(0, 7)).toEqual(['event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type']);
    expect(ACLED_COLUMNS.indexOf('interaction')).toBe(ACLED_COLUMNS.indexOf('inter2') + 1);
    expect(ACLED_COLUMNS.at(-1)).toBe('timestamp');
    expect(ACLED_COLUMNS).toHaveLength(31);
  });

  it('maps every type of the default taxonomy onto an ACLED event and sub-event type', () => {
    for (const t of DEFAULT_TAXONOMY) {
      expect(isAcledType(t.acledEventType, t.acledSubEventType), t.code).toBe(true);
      expect(DEFAULT_ACLED_TYPES[t.code], t.code).toEqual([t.acledEventType, t.acledSubEventType]);
    }
    expect(acledTypes({ typeCode: 'abduction', acledEventType: null, acledSubEventType: null })).toEqual([
      'Violence against civilians',
      'Abduction/forced disappearance',
    ]);
    expect(acledTypes({ typeCode: 'arrests', acledEventType: 'Made up', acledSubEventType: 'Nonsense' })).toEqual(['Strategic developments', 'Arrests']);
    expect(acledTypes({ typeCode: 'local-new-type', acledEventType: null, acledSubEventType: null })).toEqual(['Strategic developments', 'Other']);
  });

  it('codes precision, disorder and interaction as ACLED does', () => {
    expect(['exact', 'hour', 'day', 'approximate'].map((p) => acledTimePrecision(p as never))).toEqual([1, 1, 1, 3]);
    expect(['exact', 'place', 'district', 'governorate'].map((p) => acledGeoPrecision(p as never))).toEqual([1, 1, 2, 3]);
    expect(disorderType('Battles', 'Armed clash')).toBe('Political violence');
    expect(disorderType('Strategic developments', 'Looting/property destruction')).toBe('Strategic developments');
    expect(disorderType('Protests', 'Peaceful protest')).toBe('Demonstrations');
    expect(disorderType('Riots', 'Mob violence')).toBe('Political violence; Demonstrations');
    expect(interaction(1, 2)).toBe(12);
    expect(interaction(2, 1)).toBe(12);
    expect(interaction(2, 7)).toBe(27);
    expect(interaction(3, null)).toBe(30);
    expect(interaction(null, null)).toBeNull();
    expect(Object.keys(ACLED_EVENT_TYPES)).toHaveLength(6);
  });

  it('writes a report as one ACLED event', () => {
    const row = Object.fromEntries(ACLED_COLUMNS.map((c, i) => [c, acledRow(makeReport(), acled)[i]]));
    expect(row).toMatchObject({
      event_id_cnty: 'SYR-0190c0de-0000-7000-8000-000000000001',
      event_date: '2018-03-06',
      year: 2018,
      time_precision: 1,
      disorder_type: 'Political violence',
      event_type: 'Explosions/Remote violence',
      sub_event_type: 'Shelling/artillery/missile attack',
      actor1: 'Northern Dawn Brigades',
      inter1: 2,
      actor2: 'Civilians (Syria)',
      inter2: 7,
      interaction: 27,
      civilian_targeting: 'Civilian targeting',
      iso: 760,
      region: 'Middle East',
      country: 'Syria',
      admin1: 'Aleppo',
      admin2: 'Jebel Saman',
      admin3: null,
      location: 'Aleppo',
      latitude: 36.2021,
      longitude: 37.1343,
      geo_precision: 1,
      source: 'Truce: Government of the Syrian Arab Republic',
      source_scale: 'Other',
      notes: 'قصف عنيف على السوق، قرب الجامع',
      fatalities: 2,
      timestamp: Date.parse('2018-03-07T10:00:00Z') / 1000,
    });
    expect(row.tags).toContain('truce_type=shelling');
  });

  it('names an unknown perpetrator and a party hit as ACLED would, and marks a rounded place', () => {
    const r = makeReport({
      typeCode: 'armed-clash',
      acledEventType: 'Battles',
      acledSubEventType: 'Armed clash',
      alleged: { kind: 'unknown', id: null, name: null },
      affected: { kind: 'party', id: 'org-gov', name: 'Government of the Syrian Arab Republic' },
      geoPrecision: 'district',
      locationRounded: true,
      placeName: 'Jebel Saman',
      timePrecision: 'approximate',
      casualties: { killedCivilian: null, killedCombatant: null, injuredCivilian: null, injuredCombatant: null },
    });
    const row = Object.fromEntries(ACLED_COLUMNS.map((c, i) => [c, acledRow(r, acled)[i]]));
    expect(row).toMatchObject({
      actor1: 'Unidentified Armed Group (Syria)',
      inter1: 3,
      inter2: 1,
      interaction: 13,
      civilian_targeting: null,
      geo_precision: 2,
      time_precision: 3,
      fatalities: 0,
    });
    expect(row.tags).toContain('location rounded to district');
    expect(row.tags).toContain('fatalities not known');
  });

  it('guesses state forces from a government party name, in English or Arabic', () => {
    expect(guessActorType('Government of the Syrian Arab Republic', 'party')).toBe(1);
    expect(guessActorType('حكومة الجمهورية العربية السورية', 'party')).toBe(1);
    expect(guessActorType('Northern Dawn Brigades', 'party')).toBe(2);
    expect(guessActorType('Government in exile (excluded)', 'excluded')).toBe(2);
  });
});

describe('GeoJSON', () => {
  it('writes [lon, lat] points with flat properties and no crs', () => {
    const f = reportFeature(makeReport({ lat: 36.20211234567, lon: 37.1343 }));
    expect(f.geometry).toEqual({ type: 'Point', coordinates: [37.1343, 36.202112] });
    expect(f.id).toBe('0190c0de-0000-7000-8000-000000000001');
    for (const v of Object.values(f.properties)) expect(v === null || ['string', 'number', 'boolean'].includes(typeof v)).toBe(true);
    expect(f.properties).not.toHaveProperty('lat');
    expect(f.properties.killed_civilian).toBe(2);
    expect(f.properties.adm1_pcode).toBe('SY02');
    expect(f.properties.withdrawn).toBe(false);
    const text = collectionOpening({ scope: 'Exported for X' }) + JSON.stringify(f) + COLLECTION_CLOSING;
    const fc = JSON.parse(text);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc).not.toHaveProperty('crs');
    expect(fc.metadata.scope).toBe('Exported for X');
    expect(fc.features).toHaveLength(1);
  });

  it('gives no geometry where there is no place on Earth', () => {
    expect(point(200, 10)).toBeNull();
    expect(point(Number.NaN, 10)).toBeNull();
    const incident: ExportIncident = {
      id: 'inc-1',
      createdAt: '2018-03-08T00:00:00Z',
      firstOccurredAt: null,
      lastOccurredAt: null,
      typeCodes: ['shelling', 'air-strike'],
      reportCount: 2,
      readableReportIds: [],
      governorates: [{ pcode: 'SY07', nameEn: 'Idleb', nameAr: 'إدلب' }],
      allegedParties: [],
      affectedParties: [],
      replyDeadline: '2018-03-10T00:00:00Z',
      finding: 'corroborated',
      findingAdoptedAt: '2018-03-12T00:00:00Z',
      lat: null,
      lon: null,
      killed: 3,
      injured: null,
    };
    const f = incidentFeature(incident);
    expect(f.geometry).toBeNull();
    expect(f.properties.type_codes).toBe('shelling; air-strike');
    expect(f.properties.finding).toBe('corroborated');
  });
});

describe('scope statement', () => {
  const org = { id: 'o1', name: 'Northern Dawn Brigades', kind: 'party' as const };
  it('says for whom, that it holds only what they may see, and what was withheld', () => {
    const s = scopeStatement({ organisation: org, sealed: 'own' });
    expect(s).toMatch(/^Exported for Northern Dawn Brigades \(party\): contains only records this organisation may see; sealed fields withheld/);
    expect(withheldOf({ organisation: org, sealed: 'own' }).join(' ')).toMatch(/rounded/);
    expect(scopeStatement({ organisation: { ...org, kind: 'guarantor' }, sealed: 'all' })).toMatch(/Handle this file as sealed/);
  });
  it('fits an HTTP header whatever the name, and decodes back', () => {
    const s = scopeStatement({ organisation: { ...org, name: 'ألوية الفجر 100%' }, sealed: 'own' });
    const h = headerValue(s);
    expect(/^[\x20-\x7e]*$/.test(h)).toBe(true);
    expect(decodeURIComponent(h)).toBe(s);
  });
  it('names files in ASCII', () => {
    expect(exportFileName('reports', 'hxl', ['2018-03-05', '2018-03-18'])).toBe('truce-reports-2018-03-05-2018-03-18-hxl.csv');
    expect(exportFileName('incidents', 'geojson', ['إدلب'])).toBe('truce-incidents-____.geojson');
  });
});
