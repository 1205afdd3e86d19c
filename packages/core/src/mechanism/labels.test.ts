import { describe, expect, it } from 'vitest';
import { cleanLabels, labelIn, LABEL_LANGUAGES, missingLanguages, pickLabel } from './labels.ts';
import { DEFAULT_TAXONOMY } from './taxonomy.ts';
import { DEFAULT_TAXONOMY_TRANSLATIONS } from './taxonomy-labels.ts';

describe('labels per language', () => {
  const clash = { en: 'Armed clash', ar: 'اشتباك مسلح', tr: 'Silahlı çatışma' };

  it('picks the reader’s language, else English marked as a fallback', () => {
    expect(pickLabel(clash, 'tr')).toEqual({ text: 'Silahlı çatışma', lang: 'tr', fallback: false });
    expect(pickLabel(clash, 'ru')).toEqual({ text: 'Armed clash', lang: 'en', fallback: true });
    expect(labelIn(clash, 'ar')).toBe('اشتباك مسلح');
    expect(labelIn(clash, 'fa')).toBe('Armed clash');
  });

  it('stores labels trimmed, without blank ones, in a fixed order', () => {
    expect(cleanLabels({ fa: '  ', ar: ' اشتباك مسلح ', en: ' Armed clash ' })).toEqual({ en: 'Armed clash', ar: 'اشتباك مسلح' });
    expect(Object.keys(cleanLabels({ tr: 'a', ru: 'b', en: 'c', ar: 'd' }))).toEqual(['en', 'ar', 'ru', 'tr']);
    expect(missingLanguages(clash)).toEqual(['ru', 'fa']);
  });

  it('translates every type of the default taxonomy into every other interface language', () => {
    for (const t of DEFAULT_TAXONOMY) {
      const translated = DEFAULT_TAXONOMY_TRANSLATIONS[t.code];
      expect(translated, t.code).toBeDefined();
      expect(missingLanguages({ en: t.label, ...translated }), t.code).toEqual([]);
      for (const lang of LABEL_LANGUAGES) if (lang !== 'en') expect(translated[lang], `${t.code} ${lang}`).not.toBe(t.label);
    }
    expect(Object.keys(DEFAULT_TAXONOMY_TRANSLATIONS).sort()).toEqual(DEFAULT_TAXONOMY.map((t) => t.code).sort());
  });
});
