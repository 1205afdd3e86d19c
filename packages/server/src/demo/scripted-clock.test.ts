import { describe, expect, it } from 'vitest';
import { ScriptedClock } from './scripted-clock.ts';

const at = (iso: string) => new Date(`${iso}Z`);

describe('the demo loader’s scripted clock', () => {
  it('stands where a seed moves it, back in time too', async () => {
    const clock = new ScriptedClock(at('2026-12-07T10:00'));
    await clock.moveTo(at('2017-02-06T07:00'));
    expect(clock.now().toISOString()).toBe('2017-02-06T07:00:00.000Z');
    // A caller changing the date it was given does not move the clock.
    clock.now().setUTCFullYear(1999);
    expect(clock.now().getUTCFullYear()).toBe(2017);
  });

  it('runs an action left for later, at its own time, once a seed moves past it', async () => {
    const clock = new ScriptedClock(at('2017-02-03T11:00'));
    const seen: string[] = [];
    clock.later(at('2017-03-08T10:00'), async () => void seen.push(`proposal ${clock.now().toISOString()}`));
    clock.later(at('2017-02-12T09:00'), async () => void seen.push(`releases ${clock.now().toISOString()}`));
    await clock.moveTo(at('2017-02-06T07:00'));
    expect(seen).toEqual([]);
    await clock.moveTo(at('2017-02-13T15:00'));
    expect(seen).toEqual(['releases 2017-02-12T09:00:00.000Z']);
    expect(clock.now().toISOString()).toBe('2017-02-13T15:00:00.000Z');
    await clock.runRemaining();
    expect(seen).toEqual(['releases 2017-02-12T09:00:00.000Z', 'proposal 2017-03-08T10:00:00.000Z']);
    // Each runs once.
    await clock.moveTo(at('2017-04-01T00:00'));
    expect(seen).toHaveLength(2);
  });
});
