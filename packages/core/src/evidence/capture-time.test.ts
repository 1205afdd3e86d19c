import { describe, expect, it } from 'vitest';
import { parseCaptureTime } from './capture-time.ts';

const now = new Date('2017-02-16T12:00:00Z');
const ok = (text: string) => {
  const r = parseCaptureTime(text, now);
  if (!r.ok) throw new Error(`${text}: ${r.message}`);
  return r.value.toISOString();
};
const refused = (text: string) => {
  const r = parseCaptureTime(text, now);
  return r.ok ? null : r.message;
};

describe('capture time', () => {
  it('takes RFC 3339 date-times with an offset and stores them in UTC', () => {
    expect(ok('2017-01-23T14:30:00+03:00')).toBe('2017-01-23T11:30:00.000Z');
    expect(ok('2017-01-23T11:30Z')).toBe('2017-01-23T11:30:00.000Z');
    expect(ok('2017-01-23t11:30:05.123456z')).toBe('2017-01-23T11:30:05.123Z');
    expect(ok('2016-02-29T23:59:59-05:30')).toBe('2016-03-01T05:29:59.000Z');
  });

  it('refuses a time without an offset, or that is not a time at all', () => {
    expect(refused('2017-01-23T14:30:00')).toMatch(/with its offset/);
    expect(refused('2017-01-23')).toMatch(/with its offset/);
    expect(refused('yesterday')).toMatch(/with its offset/);
    expect(refused('')).toMatch(/with its offset/);
  });

  it('refuses dates that do not exist', () => {
    expect(refused('2017-02-29T10:00:00Z')).toMatch(/not a real date/);
    expect(refused('2017-13-01T10:00:00Z')).toMatch(/not a real date/);
    expect(refused('2017-01-01T24:00:00Z')).toMatch(/not a real date/);
    expect(refused('2017-01-01T10:00:00+24:00')).toMatch(/offset/);
    expect(refused('0017-01-01T10:00:00Z')).toMatch(/after 1900/);
  });

  it('refuses the future beyond a few minutes of clock skew', () => {
    expect(refused('2017-02-16T12:30:00Z')).toBe('is in the future');
    expect(ok('2017-02-16T12:04:00Z')).toBe('2017-02-16T12:04:00.000Z');
    expect(refused('2017-02-16T14:30:00+02:00')).toBe('is in the future');
  });
});
