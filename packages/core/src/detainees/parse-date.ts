/**
 * Dates as parties write them in their lists (C4). A file of its own: reading a date is
 * one concern, used by readPerson for both the date of birth and the date of detention.
 */
import { foldDigits } from './clean-value.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

const DATE_HINT = 'write it as YYYY-MM-DD (1985-03-14) or DD/MM/YYYY (14/03/1985)';

/**
 * A date as parties write it: YYYY-MM-DD (also with / or .), DD/MM/YYYY, D.M.YYYY,
 * DD-MM-YYYY, in ASCII or Arabic-Indic digits; an ISO timestamp counts by its date. Day
 * comes before month, as in Syria and most of the world.
 */
export function parseDate(text: string): { date: string } | { error: string } {
  const s = foldDigits(text).trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (m > 12) {
      return { error: `"${text}" has month ${m}, which does not exist; dates are read as day/month/year, so ${DATE_HINT}` };
    }
  } else if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{2}$/.test(s)) {
    return { error: `"${text}" has a two-digit year; write the year in full, e.g. ${DATE_HINT}` };
  } else {
    return { error: `"${text}" is not a date; ${DATE_HINT}` };
  }
  if (m < 1 || m > 12) return { error: `"${text}" has month ${m}, which does not exist; ${DATE_HINT}` };
  const last = daysIn(y, m);
  if (d < 1 || d > last) {
    return { error: `"${text}" is not a date: ${MONTHS[m - 1]} ${y} has ${last} days` };
  }
  return { date: iso(y, m, d) };
}
