import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Numbers and dates in the reader's language, through Intl. Times are shown in UTC and
 * say so, and dates use the Gregorian calendar in every language, so that parties in
 * different places and languages read the same instant and the same day.
 */
export interface Formatter {
  number(n: number): string;
  /** An ISO instant as date and time, in UTC. */
  dateTime(iso: string | Date): string;
  /** An ISO instant or a YYYY-MM-DD day as a date. */
  date(isoOrDay: string | Date): string;
}

export function formatter(lang: string): Formatter {
  const numbers = new Intl.NumberFormat(lang);
  const day = { calendar: 'gregory', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' } as const;
  const dateTimes = new Intl.DateTimeFormat(lang, { ...day, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
  const dates = new Intl.DateTimeFormat(lang, day);
  const toDate = (v: string | Date) => (v instanceof Date ? v : new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v));
  const safe = (f: Intl.DateTimeFormat, v: string | Date) => {
    const d = toDate(v);
    return Number.isNaN(d.getTime()) ? String(v) : f.format(d);
  };
  return {
    number: (n) => numbers.format(n),
    dateTime: (v) => safe(dateTimes, v),
    date: (v) => safe(dates, v),
  };
}

export function useFormat(): Formatter {
  const { i18n } = useTranslation();
  return useMemo(() => formatter(i18n.language), [i18n.language]);
}
