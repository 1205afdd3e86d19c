import { describe, expect, it } from 'vitest';
import { fold, FOLD_FROM, FOLD_TO, searchWords, wordSpans } from './fold.ts';
import { snippetOf } from './highlight.ts';

describe('fold', () => {
  it('writes the Arabic letters people type interchangeably one way', () => {
    expect(fold('معرّة النُّعمان')).toBe('معره النعمان');
    expect(fold('مدرســـة')).toBe('مدرسه');
    expect(fold('أحمد إدلب آمنة ٱلله')).toBe('احمد ادلب امنه الله');
    expect(fold('مؤسسة رئيس')).toBe('موسسه رييس');
    expect(fold('مستشفى')).toBe(fold('مستشفي'));
    expect(fold('کیان')).toBe(fold('كيان'));
    expect(fold('٢٠١٧ ۱۳۹۵')).toBe('2017 1395');
  });

  it('folds Latin and Cyrillic case and accents, and drops apostrophes', () => {
    expect(fold("Ma'arrat al-Nu’man")).toBe('maarrat al-numan');
    expect(fold('ÉCOLE école e\u0301cole')).toBe('ecole ecole ecole');
    expect(fold('İZMİR Şişli Çay ığdır')).toBe('izmir sisli cay igdir');
    expect(fold('Ḥalab Dayr az-Zawr')).toBe('halab dayr az-zawr');
    expect(fold('МОСКВА Ёлка')).toBe('москва елка');
  });

  it('is one table that SQL translate() can apply: every character of FOLD_FROM past FOLD_TO is dropped', () => {
    expect(new Set(FOLD_FROM).size).toBe(FOLD_FROM.length);
    for (let i = 0; i < FOLD_FROM.length; i++) expect(fold(FOLD_FROM[i])).toBe(i < FOLD_TO.length ? FOLD_TO[i] : '');
  });
});

describe('words and snippets', () => {
  it('splits a search into folded words, punctuation apart', () => {
    expect(searchWords('  قصفٌ، مدفعيّ!! على "مدرسة"… ')).toEqual(['قصف', 'مدفعي', 'علي', 'مدرسه']);
    expect(searchWords('؟!... ،،، ---')).toEqual([]);
  });

  it('finds words with their diacritics inside, where the original text has them', () => {
    const text = 'قصفٌ على معرّة النعمان';
    expect(wordSpans(text).map((s) => [text.slice(s.start, s.end), s.folded])).toEqual([
      ['قصفٌ', 'قصف'],
      ['على', 'علي'],
      ['معرّة', 'معره'],
      ['النعمان', 'النعمان'],
    ]);
  });

  it('marks the words that match, and cuts a long text around the first', () => {
    const text = `${'كلام '.repeat(100)}قصف على مدرسة في معرّة النعمان ${'كلام '.repeat(100)}`;
    const s = snippetOf(text, { words: ['مدرسه'], prefixes: ['معره'] }, 120);
    expect(s.text.length).toBeLessThanOrEqual(124);
    expect(s.text.startsWith('… ')).toBe(true);
    expect(s.highlights.map(([a, b]) => s.text.slice(a, b))).toEqual(['مدرسة', 'معرّة']);
    const short = snippetOf('Artillery hit the school', { words: ['school'], prefixes: ['artil'] });
    expect(short.highlights.map(([a, b]) => short.text.slice(a, b))).toEqual(['Artillery', 'school']);
  });
});
