import { describe, expect, it } from 'vitest';
import {
  asciiDigits,
  changedFields,
  emptyForm,
  formFromContent,
  guessLanguage,
  parseCount,
  parseDegrees,
  parsePair,
  reportField,
  toContent,
  toInstant,
  validate,
  type FormState,
} from './formState.ts';

const messages = { required: 'required', notDate: 'notDate', future: 'future', latitude: 'lat', longitude: 'lon', count: 'count', tooLong: 'tooLong' };
const now = new Date('2017-03-01T00:00:00Z');

function filled(patch: Partial<FormState> = {}): FormState {
  return {
    ...emptyForm('ar'),
    when: '2017-02-12T10:30',
    lat: '36.2021',
    lon: '37.1343',
    typeCode: 'shelling',
    description: 'قصف مدفعي على الحي الشرقي',
    ...patch,
  };
}

describe('report form', () => {
  it('reads numbers typed with Arabic-Indic or Persian digits and either decimal sign', () => {
    expect(asciiDigits('٣٦٫٢٠')).toBe('36.20');
    expect(parseDegrees('۳۶٫۲')).toBe(36.2);
    expect(parseDegrees('36,2')).toBe(36.2);
    expect(parseDegrees('-0.5')).toBe(-0.5);
    expect(parseDegrees('north')).toBeNull();
    expect(parsePair('36.2021, 37.1343')).toEqual({ lat: 36.2021, lon: 37.1343 });
    expect(parsePair('٣٦٫٢ ٣٧٫١')).toEqual({ lat: 36.2, lon: 37.1 });
    expect(parsePair('36.2')).toBeNull();
  });

  it('tells a count not known (empty) from zero, and refuses what is not a whole number', () => {
    expect(parseCount('')).toBeNull();
    expect(parseCount('0')).toBe(0);
    expect(parseCount('١٢')).toBe(12);
    expect(parseCount('2.5')).toBeUndefined();
    expect(parseCount('-1')).toBeUndefined();
    expect(parseCount('100001')).toBeUndefined();
  });

  it('turns the date and time into an instant in UTC, from UTC or the device time, or the day alone', () => {
    expect(toInstant('2017-02-12T10:30', 'utc', 'exact')).toBe('2017-02-12T10:30:00.000Z');
    expect(toInstant('2017-02-12T10:30', 'utc', 'day')).toBe('2017-02-12T00:00:00.000Z');
    // The tests run with TZ=UTC, so the device's time is UTC here.
    expect(toInstant('2017-02-12T10:30', 'device', 'hour')).toBe('2017-02-12T10:30:00.000Z');
    expect(toInstant('', 'utc', 'exact')).toBeNull();
    expect(toInstant('2017-02-12', 'utc', 'exact')).toBeNull();
    expect(toInstant('2017-02-12', 'utc', 'day')).toBe('2017-02-12T00:00:00.000Z');
  });

  it('names each field at fault before anything is sent', () => {
    expect(validate(filled(), now, messages)).toEqual({});
    expect(validate(emptyForm('en'), now, messages)).toEqual({
      occurredAt: 'required',
      lat: 'required',
      lon: 'required',
      typeCode: 'required',
      description: 'required',
    });
    const bad = validate(
      filled({
        when: '2017-03-02T10:00',
        lat: '95',
        lon: 'x',
        casualties: { killedCivilian: '1.5', killedCombatant: '', injuredCivilian: '', injuredCombatant: '' },
      }),
      now,
      messages,
    );
    expect(bad).toEqual({ occurredAt: 'future', lat: 'lat', lon: 'lon', killedCivilian: 'count' });
  });

  it('builds the content the API takes, unknown counts as null', () => {
    const content = toContent(
      filled({
        alleged: 'party:org-1',
        affected: 'civilians',
        casualties: { killedCivilian: '2', killedCombatant: '0', injuredCivilian: '', injuredCombatant: '' },
        pcode: 'C1234',
        placeName: ' حلب ',
        geoPrecision: 'place',
        sealLocation: true,
        sources: [{ kind: 'witness', detail: ' a neighbour ' }],
        evidence: [{ sha256: 'a'.repeat(64), name: 'photo.jpg', size: 10, mediaType: 'image/jpeg' }],
      }),
    );
    expect(content).toEqual({
      occurredAt: '2017-02-12T10:30:00.000Z',
      timePrecision: 'exact',
      location: { lat: 36.2021, lon: 37.1343, geoPrecision: 'place', pcode: 'C1234', placeName: 'حلب' },
      sealLocation: true,
      typeCode: 'shelling',
      allegedPerpetrator: { kind: 'party', organisationId: 'org-1' },
      affectedSide: { kind: 'civilians' },
      casualties: { killedCivilian: 2, killedCombatant: 0, injuredCivilian: null, injuredCombatant: null },
      description: 'قصف مدفعي على الحي الشرقي',
      language: 'ar',
      sources: [{ kind: 'witness', detail: 'a neighbour' }],
      evidence: ['a'.repeat(64)],
    });
    expect(toContent(filled({ alleged: 'excluded:g-1' })).allegedPerpetrator).toEqual({ kind: 'excluded', groupId: 'g-1' });
  });

  it('round-trips a report into the form for a correction', () => {
    const content = toContent(
      filled({
        alleged: 'excluded:g-1',
        affected: 'party:org-2',
        casualties: { killedCivilian: '', killedCombatant: '3', injuredCivilian: '0', injuredCombatant: '' },
      }),
    );
    expect(toContent(formFromContent(content))).toEqual(content);
  });

  it('guesses the language of a description from its script', () => {
    expect(guessLanguage('قصف على الحي', 'en')).toBe('ar');
    expect(guessLanguage('گلوله‌باران در شهر', 'en')).toBe('fa');
    expect(guessLanguage('Обстрел района', 'en')).toBe('ru');
    expect(guessLanguage('Şehir merkezine top atışı', 'en')).toBe('tr');
    expect(guessLanguage('Shelling of the district', 'ar')).toBe('en');
    expect(guessLanguage('123', 'fa')).toBe('fa');
  });

  it('puts a server error next to the field it is about', () => {
    expect(reportField('/body/location/lat')).toBe('lat');
    expect(reportField('/body/content/casualties/killedCivilian')).toBe('killedCivilian');
    expect(reportField('/body/allegedPerpetrator/organisationId')).toBe('allegedPerpetrator');
    expect(reportField('/body/evidence/2')).toBe('evidence');
    expect(reportField('/body/changeNote')).toBe('changeNote');
  });
});

describe('fields changed', () => {
  it('names the fields a change touches, as the messages name them', () => {
    const s = emptyForm('en');
    expect(changedFields(s, { when: '2017-01-01T10:00', alleged: 'unknown' })).toEqual(['occurredAt']);
    expect(changedFields(s, { casualties: { ...s.casualties, injuredCombatant: '2' } })).toEqual(['injuredCombatant']);
    expect(changedFields(s, { lat: '36', lon: '37', affected: 'civilians' })).toEqual(['lat', 'lon', 'affectedSide']);
  });
});
