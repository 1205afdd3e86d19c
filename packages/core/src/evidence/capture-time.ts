/**
 * When a piece of evidence was captured, as the uploader states it (C2: "capture time").
 * An RFC 3339 date-time with its offset: without one, "14:30" in a photo's metadata could
 * be any of several hours, and times are stored in UTC (ARCHITECTURE "Conventions").
 */

export type CaptureTimeResult = { ok: true; value: Date } | { ok: false; message: string };

/**
 * Phones' clocks run a little ahead; a capture time up to this far in the future is
 * taken as "now" rather than refused.
 */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Before photography there is nothing to capture; older dates are typing mistakes. */
const EARLIEST_YEAR = 1900;

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

const FORMAT = 'must be a date and time with its offset, like 2017-01-23T14:30:00+03:00 or 2017-01-23T11:30:00Z';

/** Parses and checks a capture time against `now`; the message completes "captureTime …". */
export function parseCaptureTime(text: string, now: Date): CaptureTimeResult {
  const m = RFC3339.exec(text.trim());
  if (!m) return { ok: false, message: FORMAT };
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  const offsetMinutes = m[8] ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  if (year < EARLIEST_YEAR) return { ok: false, message: `must be after ${EARLIEST_YEAR}` };
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, message: `is not a real date and time (${text.trim()})` };
  }
  if (m[10] !== undefined && (Number(m[10]) > 23 || Number(m[11]) > 59)) return { ok: false, message: 'has an impossible offset from UTC' };
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  if (utc > now.getTime() + CLOCK_SKEW_MS) return { ok: false, message: 'is in the future' };
  return { ok: true, value: new Date(utc) };
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
