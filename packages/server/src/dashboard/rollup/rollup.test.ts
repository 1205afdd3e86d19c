import { describe, expect, it } from 'vitest';
import { catchUpWaits } from './loop.ts';
import { monthsOf } from './reads.ts';
import { MAP_LEAF_DEGREES, MAP_LEAF_ZOOM } from './sql.ts';

const at = (day: string) => new Date(`${day}T00:00:00Z`);
const span = (r: { start: Date; end: Date }) => [r.start.toISOString().slice(0, 10), r.end.toISOString().slice(0, 10)];

describe('monthsOf: a period as whole UTC months and the days around them', () => {
  it('takes whole months from the aggregates and the partial ones day by day', () => {
    const p = monthsOf(at('2019-04-20'), at('2019-06-04'));
    expect(span(p.months!)).toEqual(['2019-05-01', '2019-06-01']);
    expect(p.days.map(span)).toEqual([
      ['2019-04-20', '2019-05-01'],
      ['2019-06-01', '2019-06-04'],
    ]);
  });
  it('has no days left over for a period of whole months, across a year', () => {
    const p = monthsOf(at('2017-01-01'), at('2018-01-01'));
    expect(span(p.months!)).toEqual(['2017-01-01', '2018-01-01']);
    expect(p.days).toEqual([]);
    expect(monthsOf(at('2018-12-01'), at('2019-02-01')).months).toEqual({ start: at('2018-12-01'), end: at('2019-02-01') });
  });
  it('reads days only when no month is whole', () => {
    expect(monthsOf(at('2019-05-06'), at('2019-05-20'))).toEqual({ months: null, days: [{ start: at('2019-05-06'), end: at('2019-05-20') }] });
    expect(monthsOf(at('2019-05-02'), at('2019-06-01'))).toEqual({ months: null, days: [{ start: at('2019-05-02'), end: at('2019-06-01') }] });
  });
});

describe("the map's fine grid", () => {
  it('nests in every zoom grid up to its own, in floating point', () => {
    for (let zoom = 0; zoom <= MAP_LEAF_ZOOM; zoom++) {
      const cell = 360 / 2 ** zoom / 4;
      const up = 2 ** (MAP_LEAF_ZOOM - zoom);
      for (const x of [-179.99999, -36.2021, -0.00001, 0, 1e-9, 35.15625, 36.2021, 37.16, 42.4, 89.99999, 37.1337890625, 37.13378906249999]) {
        expect(Math.floor(Math.floor(x / MAP_LEAF_DEGREES) / up), `${x} at zoom ${zoom}`).toBe(Math.floor(x / cell));
      }
    }
  });
});

describe('catchUpWaits: the background catch-up gives way to a burst of filings', () => {
  const now = Date.parse('2026-11-29T12:00:00Z');
  const ago = (ms: number) => new Date(now - ms);
  const pace = { quietMs: 1000, maxLagMs: 10_000 };
  it('waits while entries keep arriving, until the oldest pending one is maxLagMs old', () => {
    expect(catchUpWaits(now, ago(200), ago(3000), pace)).toBe(true);
    expect(catchUpWaits(now, ago(200), ago(9999), pace)).toBe(true);
    expect(catchUpWaits(now, ago(200), ago(10_000), pace)).toBe(false);
  });
  it('goes ahead once the writes pause, and when nothing is pending or everything is to be built', () => {
    expect(catchUpWaits(now, ago(1000), ago(3000), pace)).toBe(false);
    expect(catchUpWaits(now, ago(200), null, pace)).toBe(false);
    expect(catchUpWaits(now, null, null, pace)).toBe(false);
  });
});
