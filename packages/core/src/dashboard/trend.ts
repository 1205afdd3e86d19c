/**
 * The trend of a count against the previous period of the same length (C8).
 *
 * Rule for zero: the percentage change is (current − previous) / previous × 100, rounded
 * to one decimal. When the previous period had none, a percentage has no meaning: `change`
 * is null if there are some now (direction "up", "new"), and 0 if there are none either.
 */
export interface Trend {
  current: number;
  previous: number;
  /** Percentage change, one decimal; null when previous is 0 and current is not. */
  change: number | null;
  direction: 'up' | 'down' | 'flat';
}

export function trend(current: number, previous: number): Trend {
  const direction = current > previous ? 'up' : current < previous ? 'down' : 'flat';
  if (previous === 0) return { current, previous, change: current === 0 ? 0 : null, direction };
  const change = Math.round(((current - previous) / previous) * 1000) / 10;
  return { current, previous, change: Object.is(change, -0) ? 0 : change, direction };
}
