import { describe, expect, it } from 'vitest';
import { detaineeNavActive } from './nav.ts';

describe('the current navigation entry', () => {
  it('keeps lists, runs and exchanges under their own entries', () => {
    expect(detaineeNavActive('/detainees', '/detainees/lists/abc/persons/G-1')).toBe(true);
    expect(detaineeNavActive('/detainees', '/detainees/matching')).toBe(false);
    expect(detaineeNavActive('/detainees/matching', '/detainees/matching/run-1')).toBe(true);
    expect(detaineeNavActive('/exchanges', '/exchanges/new')).toBe(true);
    expect(detaineeNavActive('/exchanges', '/exchanges/dashboard')).toBe(false);
    expect(detaineeNavActive('/exchanges/dashboard', '/exchanges/dashboard')).toBe(true);
    expect(detaineeNavActive('/reports', '/detainees')).toBe(false);
  });
});
