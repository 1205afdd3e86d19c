import { describe, expect, it } from 'vitest';
import { bounds, parseDay, parsePeriod, previousPeriod } from './period.ts';
import { trend } from './trend.ts';
import { BOM, csvField, parseCsv, toCsv } from './csv.ts';

const today = new Date('2019-03-10T15:00:00Z');

describe('periods', () => {
  it('reads whole days, both ends included', () => {
    expect(parsePeriod({ from: '2018-01-01', to: '2018-01-31' }, today)).toEqual({ ok: true, period: { from: '2018-01-01', to: '2018-01-31', days: 31 } });
    expect(parsePeriod({ from: '2018-03-05', to: '2018-03-05' }, today)).toEqual({ ok: true, period: { from: '2018-03-05', to: '2018-03-05', days: 1 } });
  });
  it('defaults to the four weeks ending today', () => {
    expect(parsePeriod({}, today)).toEqual({ ok: true, period: { from: '2019-02-11', to: '2019-03-10', days: 28 } });
    expect(parsePeriod({ to: '2018-01-28' }, today)).toEqual({ ok: true, period: { from: '2018-01-01', to: '2018-01-28', days: 28 } });
  });
  it('refuses days that do not exist and periods that run backwards, naming the field', () => {
    expect(parsePeriod({ from: '2018-02-30', to: '2018-03-01' }, today)).toMatchObject({ ok: false, path: '/query/from' });
    expect(parsePeriod({ from: '2018-02-01', to: '2018-13-01' }, today)).toMatchObject({ ok: false, path: '/query/to' });
    expect(parsePeriod({ from: '2018-03-02', to: '2018-03-01' }, today)).toMatchObject({
      ok: false,
      path: '/query/from',
      message: 'is after the end of the period',
    });
    expect(parsePeriod({ from: '1900-01-01', to: '2018-03-01' }, today)).toMatchObject({ ok: false, path: '/query/from' });
    expect(parseDay('2018-1-01')).toBeNull();
    expect(parseDay('2020-02-29')).not.toBeNull();
  });
  it('takes the previous period of the same length, across month and leap-year ends', () => {
    expect(previousPeriod({ from: '2018-03-01', to: '2018-03-31', days: 31 })).toEqual({ from: '2018-01-29', to: '2018-02-28', days: 31 });
    expect(previousPeriod({ from: '2020-03-01', to: '2020-03-07', days: 7 })).toEqual({ from: '2020-02-23', to: '2020-02-29', days: 7 });
  });
  it('gives half-open instants for SQL', () => {
    expect(bounds({ from: '2018-01-01', to: '2018-01-31', days: 31 })).toEqual({
      start: new Date('2018-01-01T00:00:00Z'),
      end: new Date('2018-02-01T00:00:00Z'),
    });
  });
});

describe('trend', () => {
  it('is the percentage change, one decimal', () => {
    expect(trend(15, 10)).toEqual({ current: 15, previous: 10, change: 50, direction: 'up' });
    expect(trend(2, 3)).toEqual({ current: 2, previous: 3, change: -33.3, direction: 'down' });
    expect(trend(0, 4)).toEqual({ current: 0, previous: 4, change: -100, direction: 'down' });
    expect(trend(7, 7)).toEqual({ current: 7, previous: 7, change: 0, direction: 'flat' });
  });
  it('has no percentage when the previous period had none', () => {
    expect(trend(3, 0)).toEqual({ current: 3, previous: 0, change: null, direction: 'up' });
    expect(trend(0, 0)).toEqual({ current: 0, previous: 0, change: 0, direction: 'flat' });
  });
});

describe('csv', () => {
  it('quotes commas, quotes and line breaks, and keeps Arabic as is', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('one\ntwo')).toBe('"one\ntwo"');
    expect(csvField('حلب')).toBe('حلب');
    expect(csvField(null)).toBe('');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(-3)).toBe('-3');
  });
  it('defuses spreadsheet formulas in text', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });
  it('round-trips through the parser with a BOM and CRLF', () => {
    const rows = [
      ['1', 'قصف، "عنيف"\r\nعلى الحي', ''],
      ['2', 'a,b', 'x'],
    ];
    const text = toCsv(['id', 'description', 'note'], rows);
    expect(text.startsWith(BOM)).toBe(true);
    expect(parseCsv(text)).toEqual([['id', 'description', 'note'], ...rows]);
  });
});
