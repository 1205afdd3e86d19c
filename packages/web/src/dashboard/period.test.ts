import { describe, expect, it } from 'vitest';
import { addDays, daysIn, periodOf } from './period.ts';

const today = new Date('2026-03-10T15:00:00Z');

describe('dashboard periods', () => {
  it('counts both ends', () => {
    expect(daysIn('2017-01-01', '2017-03-31')).toBe(90);
    expect(addDays('2017-03-01', -1)).toBe('2017-02-28');
  });
  it('defaults to the last 28 days up to today', () => {
    expect(periodOf('28', '', '', today)).toEqual({ from: '2026-02-11', to: '2026-03-10', days: 28 });
    expect(periodOf('7', '', '', today)).toEqual({ from: '2026-03-04', to: '2026-03-10', days: 7 });
  });
  it('takes a custom range, fills a missing end and swaps a reversed one', () => {
    expect(periodOf('custom', '2017-01-01', '2017-03-31', today)).toEqual({ from: '2017-01-01', to: '2017-03-31', days: 90 });
    expect(periodOf('custom', '2017-03-31', '2017-01-01', today).from).toBe('2017-01-01');
    expect(periodOf('custom', 'nonsense', '2017-03-31', today)).toEqual({ from: '2017-03-04', to: '2017-03-31', days: 28 });
    expect(periodOf('custom', '2017-01-01', '', today).to).toBe('2026-03-10');
  });
});
