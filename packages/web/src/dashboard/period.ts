/** Periods for the dashboard and the map: whole UTC days, both ends included. */

export const QUICK = ['7', '28', '90', '365'] as const;
export type Quick = (typeof QUICK)[number];

const DAY = 86_400_000;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY));
}

/** Days from `from` to `to`, both included. */
export function daysIn(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY) + 1;
}

/**
 * The period for a quick choice, or for a custom range (a missing or malformed end is
 * taken from the default; ends given the wrong way round are swapped).
 */
export function periodOf(quick: Quick | 'custom', from: string, to: string, today: Date): { from: string; to: string; days: number } {
  const end = isoDay(today);
  if (quick !== 'custom') {
    const start = addDays(end, -(Number(quick) - 1));
    return { from: start, to: end, days: Number(quick) };
  }
  let f = DAY_RE.test(from) && !Number.isNaN(Date.parse(from)) ? from : '';
  let t = DAY_RE.test(to) && !Number.isNaN(Date.parse(to)) ? to : '';
  if (!t) t = f && f > end ? f : end;
  if (!f) f = addDays(t, -27);
  if (f > t) [f, t] = [t, f];
  return { from: f, to: t, days: daysIn(f, t) };
}
