import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import ar from '../locales/ar.json';
import en from '../locales/en.json';
import { countFormatter } from './count-format.ts';

describe('{{count}} written as the reader’s language writes numbers', () => {
  const i18n = i18next.createInstance();
  i18n.use(countFormatter).init({
    resources: { en: { translation: en }, ar: { translation: ar } },
    lng: 'en',
    interpolation: { escapeValue: false, alwaysFormat: true },
    initAsync: false,
  });

  it('writes the count with the plural form the language asks for', () => {
    expect(i18n.t('meetings.decision.incidents', { count: 1, lng: 'en' })).toBe('1 incident');
    expect(i18n.t('meetings.decision.incidents', { count: 1200, lng: 'en' })).toBe('1,200 incidents');
    // Arabic: the "few" form for 3 to 10, the "many" form for 11 to 99, each number written as
    // useFormat().number writes it in Arabic (Intl in the reader's language).
    const ar3 = new Intl.NumberFormat('ar').format(3);
    expect(i18n.t('meetings.decision.incidents', { count: 3, lng: 'ar' })).toBe(ar.meetings.decision.incidents_few.replace('{{count}}', ar3));
    const ar1200 = new Intl.NumberFormat('ar').format(1200);
    expect(ar1200).not.toBe('1200');
    expect(i18n.t('meetings.decision.incidents', { count: 1200, lng: 'ar' })).toContain(ar1200);
  });

  it('leaves other values as they are given', () => {
    expect(i18n.t('detainees.exchange.picked', { n: 2017, lng: 'en' })).toBe('Chosen: 2017');
  });
});
