import { afterEach, describe, expect, it } from 'vitest';
import { followMechanismClock, mechanismNow, mechanismToday } from './clock.ts';

describe("the web app's clock follows the mechanism's", () => {
  afterEach(() => followMechanismClock(null));

  it("keeps the demo's 2017 day and runs on from it", () => {
    followMechanismClock('2017-04-12T08:00:00.000Z');
    expect(mechanismToday().toISOString().slice(0, 10)).toBe('2017-04-12');
    expect(Math.abs(mechanismNow() - Date.parse('2017-04-12T08:00:00.000Z'))).toBeLessThan(5_000);
  });

  it("is the device's own when the server gives no time or a bad one", () => {
    followMechanismClock('2017-04-12T08:00:00.000Z');
    followMechanismClock('not a date');
    expect(Math.abs(mechanismNow() - Date.now())).toBeLessThan(5_000);
  });
});
