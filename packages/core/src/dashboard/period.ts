/**
 * Periods for dashboards and maps (C8, C10): whole UTC days, both ends included. The
 * trend compares a period with the one of the same length just before it.
 */
export interface Period {
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day, YYYY-MM-DD (included). */
  to: string;
  /** Number of days, both ends included. */
  days: number;
}

export type PeriodResult = { ok: true; period: Period } | { ok: false; path: '/query/from' | '/query/to'; message: string };

const DAY = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds of a YYYY-MM-DD at 00:00 UTC, or null when it is not a real calendar day. */
export function parseDay(text: string): number | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === text ? ms : null;
}

export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Longest period one request may ask for (about 30 years). */
export const MAX_DAYS = 11_000;

/**
 * The period a request asks for. Missing `to` is today; missing `from` is 27 days before
 * `to` (four weeks). Errors name the query field, as validation errors do.
 */
export function parsePeriod(query: { from?: string; to?: string }, today: Date, defaultDays = 28): PeriodResult {
  const toMs = query.to === undefined ? Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) : parseDay(query.to);
  if (toMs === null) return { ok: false, path: '/query/to', message: 'is not a date (YYYY-MM-DD)' };
  const fromMs = query.from === undefined ? toMs - (defaultDays - 1) * DAY : parseDay(query.from);
  if (fromMs === null) return { ok: false, path: '/query/from', message: 'is not a date (YYYY-MM-DD)' };
  if (fromMs > toMs) return { ok: false, path: '/query/from', message: 'is after the end of the period' };
  const days = Math.round((toMs - fromMs) / DAY) + 1;
  if (days > MAX_DAYS) return { ok: false, path: '/query/from', message: `makes a period longer than ${MAX_DAYS} days` };
  return { ok: true, period: { from: dayOf(fromMs), to: dayOf(toMs), days } };
}

/** The period of the same length that ends the day before this one starts. */
export function previousPeriod(p: Period): Period {
  const fromMs = parseDay(p.from)!;
  return { from: dayOf(fromMs - p.days * DAY), to: dayOf(fromMs - DAY), days: p.days };
}

/** Half-open instant bounds [start, end) of a period, for SQL. */
export function bounds(p: Period): { start: Date; end: Date } {
  return { start: new Date(parseDay(p.from)!), end: new Date(parseDay(p.to)! + DAY) };
}
