import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLexicon } from './lexicon.ts';

const TSV = [
  'mohamed\tم ح م د\t553',
  'muhammad\tم ح م د\t171',
  'morocco\tم ح م د\t4', // a Wikidata misalignment: does not sound like محمد, left out
  'hasan\tح س ن\t52',
  'hussein\tح س ي ن\t91',
  'said\tس ع ي د\t68',
  'said\tس ي د\t9',
  'abdulrahman\tع ب د ا ل ر ح م ن\t3',
  'alaoui\tا ل ع ل و ي\t10',
  'bad line',
].join('\n');

describe('the name lexicon', () => {
  const lex = parseLexicon(TSV);

  it('maps Latin spellings to their Arabic form, most frequent first', () => {
    expect(lex.latin.get('mohamed')?.forms).toEqual(['محمد']);
    expect(lex.latin.get('said')?.forms).toEqual(['سعيد', 'سيد']);
    expect(lex.latin.get('hussein')?.forms).toEqual(['حسين']);
  });

  it('leaves out pairs whose two sides do not sound alike', () => {
    expect(lex.latin.has('morocco')).toBe(false);
  });

  it('learns compound parts and strips the Arabic article', () => {
    expect(lex.latin.get('rahman')?.forms).toEqual(['رحمن']);
    expect(lex.latin.get('alaoui')?.forms).toEqual(['علوي']);
  });

  it('counts how common each Arabic name is', () => {
    expect(lex.arabic.get('محمد')).toBe(724);
    expect(lex.arabicTotal).toBeGreaterThan(724);
  });

  it('reads the shipped Wikidata file', () => {
    const text = fs.readFileSync(new URL('../../data/names/wikidata-arabic-latin-name-tokens.tsv', import.meta.url), 'utf8');
    const full = parseLexicon(text);
    expect(full.latin.size).toBeGreaterThan(40_000);
    for (const l of ['mohammed', 'muhammad', 'mohamad', 'ahmed', 'khaled', 'youssef']) expect(full.latin.get(l)?.forms.length, l).toBeGreaterThan(0);
    expect(full.latin.get('muhammad')?.forms[0]).toBe('محمد');
  });
});
