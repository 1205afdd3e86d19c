import { describe, expect, it } from 'vitest';
import ar from './ar.json';
import en from './en.json';
import fa from './fa.json';
import ru from './ru.json';
import tr from './tr.json';

/**
 * The five languages say the same things: every text of the English interface exists in
 * each, and a counted text has every plural form the language's plural rules ask for
 * (Arabic six, Russian four, …), so "1 decisions" cannot happen in any of them.
 */
const LOCALES: Record<string, unknown> = { en, ar, ru, tr, fa };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function keys(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix];
  return Object.entries(tree).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

/** A language's texts: plain keys, and counted keys with the forms present. */
function texts(tree: unknown) {
  const plain = new Set<string>();
  const counted = new Map<string, Set<string>>();
  for (const key of keys(tree)) {
    const m = PLURAL.exec(key);
    if (!m) plain.add(key);
    else {
      const base = key.slice(0, -m[0].length);
      counted.set(base, (counted.get(base) ?? new Set()).add(m[1]));
    }
  }
  return { plain, counted };
}

describe('the interface texts in five languages', () => {
  const english = texts(en);

  for (const [lang, tree] of Object.entries(LOCALES)) {
    it(`${lang}: has every text of the English interface and no other`, () => {
      const { plain, counted } = texts(tree);
      expect([...english.plain].filter((k) => !plain.has(k))).toEqual([]);
      expect([...plain].filter((k) => !english.plain.has(k))).toEqual([]);
      expect([...english.counted.keys()].filter((k) => !counted.has(k))).toEqual([]);
      expect([...counted.keys()].filter((k) => !english.counted.has(k))).toEqual([]);
    });

    it(`${lang}: gives each counted text every form its plural rules use`, () => {
      const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      const missing: string[] = [];
      for (const [base, forms] of texts(tree).counted) for (const f of needed) if (!forms.has(f)) missing.push(`${base}_${f}`);
      expect(missing).toEqual([]);
    });
  }
});
