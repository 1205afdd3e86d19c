/**
 * The mechanism's time, as the server gave it with the session (`mechanism.now`), kept as
 * an offset from this device's clock. Deadlines, "today" and the periods forms start from
 * follow it, not the device: a phone whose clock is wrong still shows the right deadline,
 * and the demo, whose data are of 2017, starts its pages on its own days.
 */
let offsetMs = 0;

export function followMechanismClock(now: string | null | undefined): void {
  const at = now ? Date.parse(now) : Number.NaN;
  offsetMs = Number.isNaN(at) ? 0 : at - Date.now();
}

/** The mechanism's time now, in milliseconds. */
export function mechanismNow(): number {
  return Date.now() + offsetMs;
}

/** The mechanism's time now, as a date. */
export function mechanismToday(): Date {
  return new Date(mechanismNow());
}
