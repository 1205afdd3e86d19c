import type { FormatterModule } from 'i18next';

const formats = new Map<string, Intl.NumberFormat>();
const numberFormat = (lng: string | undefined) => {
  const key = lng ?? 'en';
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.NumberFormat(key)));
  return format;
};

/**
 * The number a plural form is chosen by ({{count}}) written as the reader's language writes
 * numbers ("٣ حوادث", not "3 حوادث"), as useFormat().number writes every other figure.
 * Only `count`: other values arrive already formatted, or are not quantities (a year is
 * not "2,017"). The locales use no i18next format names ({{x, number}}), which this
 * module, in place of i18next's own formatter, would leave as they are.
 */
export const countFormatter: FormatterModule = {
  type: 'formatter',
  init: () => {},
  add: () => {},
  addCached: () => {},
  format: (value, format, lng, options) =>
    !format && options?.interpolationkey === 'count' && typeof value === 'number' ? numberFormat(lng).format(value) : value,
};
