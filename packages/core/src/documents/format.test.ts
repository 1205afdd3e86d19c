import { describe, expect, it } from 'vitest';
import { cellText, cleanText, formatNumber, localDigits, plainOf, spansOf } from './format.ts';
import { labelsFor, templateParts } from './labels.ts';
import { DOCUMENT_LANGUAGES } from './model.ts';

describe('numbers', () => {
  it('follow each language and the chosen digits', () => {
    expect(formatNumber(1234567, 'en', 'latin')).toBe('1,234,567');
    expect(formatNumber(1234567, 'ar', 'latin')).toBe('1,234,567');
    expect(formatNumber(1234, 'ar', 'native')).toBe('١٬٢٣٤');
    expect(formatNumber(1234, 'fa', 'native')).toBe('۱٬۲۳۴');
    expect(formatNumber(1234, 'ru', 'latin')).toBe('1\u00a0234');
    expect(formatNumber(1234, 'tr', 'latin')).toBe('1.234');
    expect(formatNumber(0.125, 'en', 'latin')).toBe('0.13');
  });
  it('use the ASCII minus, which every shipped font has', () => {
    expect(formatNumber(-5, 'fa', 'native')).toMatch(/-۵$/);
    expect(formatNumber(-5, 'fa', 'native')).not.toContain('\u2212');
  });
  it('rewrites digits of dates and versions, never for Latin-digit languages', () => {
    expect(localDigits('2017-01-28', 'fa', 'native')).toBe('۲۰۱۷-۰۱-۲۸');
    expect(localDigits('2017-01-28', 'ar', 'native')).toBe('٢٠١٧-٠١-٢٨');
    expect(localDigits('2017-01-28', 'fa', 'latin')).toBe('2017-01-28');
    expect(localDigits('v2', 'ru', 'native')).toBe('v2');
  });
  it('shows a missing cell as a dash', () => {
    expect(cellText(null, 'en', 'latin')).toBe('—');
    expect(cellText(7, 'fa', 'native')).toBe('۷');
    expect(cellText('حلب', 'ar', 'latin')).toBe('حلب');
  });
});

describe('text', () => {
  it('keeps printable text and marks control characters and broken surrogates', () => {
    expect(cleanText('a\r\nb\rc\td')).toBe('a\nb\nc\td');
    expect(cleanText('x\u0000y\u001bz\u0085')).toBe('x\ufffdy\ufffdz\ufffd');
    expect(cleanText('ok \ud83d\ude00 \ud83d end \ude00')).toBe('ok \ud83d\ude00 \ufffd end \ufffd');
    expect(cleanText('دوره\u200cای')).toBe('دوره\u200cای');
  });
  it('reads rich text as spans', () => {
    expect(spansOf('a')).toEqual([{ text: 'a' }]);
    expect(spansOf(['a ', { text: 'b', strong: true }])).toEqual([{ text: 'a ' }, { text: 'b', strong: true }]);
    expect(plainOf(['a ', { text: 'b', ltr: true }])).toBe('a b');
  });
});

describe('labels', () => {
  it('exist in every language with both page slots', () => {
    for (const l of DOCUMENT_LANGUAGES) {
      const labels = labelsFor(l);
      for (const v of Object.values(labels)) expect(v.trim()).not.toBe('');
      const slots = templateParts(labels.page).filter((p) => typeof p !== 'string');
      expect(slots).toEqual([{ slot: 'page' }, { slot: 'pages' }]);
    }
  });
  it('cut templates into text and slots', () => {
    expect(templateParts('Page {page} of {pages}')).toEqual(['Page ', { slot: 'page' }, ' of ', { slot: 'pages' }]);
    expect(templateParts('{page}/{pages}')).toEqual([{ slot: 'page' }, '/', { slot: 'pages' }]);
  });
});
