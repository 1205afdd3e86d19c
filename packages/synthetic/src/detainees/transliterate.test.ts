import { describe, expect, it } from 'vitest';
import { Rng } from '../random.ts';
import { applyCase, spellPhonemes, spellToken, type LatinStyle, type Scheme } from './transliterate.ts';
import { testData } from './test-data.ts';

const style = (scheme: Scheme, over: Partial<LatinStyle> = {}): LatinStyle => ({
  scheme,
  lexiconShare: 0.5,
  academic: false,
  articleHabit: 'al-',
  kurmanji: 0.4,
  ...over,
});

function spellings(key: string, s: LatinStyle, n = 400, seed = 1): Map<string, number> {
  const token = testData().pool.byKey.get(key)!;
  const rng = new Rng(seed);
  const out = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const t = spellToken(token, s, rng);
    out.set(t, (out.get(t) ?? 0) + 1);
  }
  return out;
}

describe('Latin spellings', () => {
  it('spells the letters the English way or the French way', () => {
    const r = new Rng(3);
    const en = Array.from({ length: 300 }, () => spellPhonemes('ʃAdI', style('en'), r));
    const fr = Array.from({ length: 300 }, () => spellPhonemes('ʃAdI', style('fr'), r));
    expect(en.filter((x) => x.startsWith('sh')).length).toBeGreaterThan(250);
    expect(fr.filter((x) => x.startsWith('ch')).length).toBeGreaterThan(200);
    const u = Array.from({ length: 300 }, () => spellPhonemes('yUsuf', style('fr'), r));
    expect(u.filter((x) => x.startsWith('you')).length).toBeGreaterThan(200);
  });

  it('gives Muhammad its many real spellings, and rule-made ones no lexicon holds', () => {
    const all = spellings('male:محمد', style('en'), 600);
    for (const s of ['mohamed', 'mohammed', 'muhammad', 'mohammad']) expect(all.has(s)).toBe(true);
    const lexicon = new Set(
      testData()
        .pool.byKey.get('male:محمد')!
        .parts[0].variants.map((v) => v.latin),
    );
    const rulesOnly = spellings('male:محمد', style('fr', { lexiconShare: 0 }), 600);
    const novel = [...rulesOnly.keys()].filter((s) => !lexicon.has(s));
    expect(novel.length).toBeGreaterThan(3);
    expect(rulesOnly.has('mouhammad') || rulesOnly.has('mouhamad')).toBe(true);
  });

  it('writes the article many ways, with sun-letter assimilation', () => {
    const forms = [...spellings('family:الشامي', style('en', { lexiconShare: 0, articleHabit: 'assim' }), 600).keys()];
    expect(forms.some((f) => f.startsWith('al-sh'))).toBe(true);
    expect(forms.some((f) => f.startsWith('ash-sh') || f.startsWith('ashsh'))).toBe(true);
    expect(forms.some((f) => /^sha/.test(f))).toBe(true); // dropped
    expect(forms.some((f) => /^(al|el)sha/.test(f))).toBe(true); // attached
  });

  it('writes Abd al-Rahman, Nur al-Din and Abdullah in their usual variety', () => {
    const abd = [...spellings('male:عبد الرحمن', style('en'), 800).keys()];
    for (const f of ['abdulrahman', 'abd al-rahman', 'abdul rahman', 'abdelrahman']) expect(abd).toContain(f);
    expect(abd.some((f) => f.startsWith('abdur'))).toBe(true);
    const nur = [...spellings('male:نور الدين', style('fr'), 800).keys()];
    expect(nur.some((f) => /^n(ou|u)r ?-?eddine?$/.test(f))).toBe(true);
    const allah = [...spellings('male:عبد الله', style('en'), 400).keys()];
    expect(allah).toEqual(expect.arrayContaining(['abdullah', 'abdallah']));
  });

  it('spells Kurdish names in Kurmanji too', () => {
    const forms = [...spellings('male:شيار', style('en', { kurmanji: 0.5 }), 300).keys()];
    expect(forms).toContain('şiyar');
    expect(forms).toContain('shiyar');
  });

  it('capitalises as clerks do', () => {
    expect(applyCase('al-hasan', 'title')).toBe('Al-Hasan');
    expect(applyCase('al-hasan', 'title', { lowerArticle: true })).toBe('al-Hasan');
    expect(applyCase('abd al-rahman', 'upper')).toBe('ABD AL-RAHMAN');
    expect(applyCase('ʿabd', 'title')).toBe('ʿAbd');
    expect(applyCase('el hasan', 'family-upper', { family: true })).toBe('EL HASAN');
  });
});
