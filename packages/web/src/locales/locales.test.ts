import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import ar from './ar.json';
import en from './en.json';
import fa from './fa.json';
import ru from './ru.json';
import tr from './tr.json';

type Tree = { [key: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** Keys without plural suffixes: each language has its own set of plural forms. */
const base = (keys: Iterable<string>) => new Set([...keys].map((k) => k.replace(PLURAL, '')));
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

const english = flatten(en as Tree);
const others = { ar, fa, ru, tr } as Record<string, Tree>;
const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('locales', () => {
  for (const [lang, tree] of Object.entries(others)) {
    const strings = flatten(tree);
    it(`${lang} has every English key and no other`, () => {
      expect([...base(strings.keys())].sort()).toEqual([...base(english.keys())].sort());
    });
    it(`${lang} keeps each string's placeholders`, () => {
      for (const [key, value] of strings) {
        const en = english.get(key) ?? english.get(key.replace(PLURAL, '_other'));
        expect(en, key).toBeDefined();
        // A plural form may spell the number out ("ساعة واحدة"), so it may drop {{n}}.
        const allowed = new Set(placeholders(en!));
        for (const p of placeholders(value)) expect(allowed.has(p), `${lang} ${key}: {{${p}}}`).toBe(true);
        if (!PLURAL.test(key)) expect(placeholders(value), `${lang} ${key}`).toEqual(placeholders(en!));
      }
    });
  }

  it('has every plural form each language needs', () => {
    const forms: Record<string, string[]> = {
      en: ['one', 'other'],
      tr: ['one', 'other'],
      fa: ['one', 'other'],
      ru: ['one', 'few', 'many', 'other'],
      ar: ['zero', 'one', 'two', 'few', 'many', 'other'],
    };
    const plurals = [...english.keys()].filter((k) => k.endsWith('_other')).map((k) => k.slice(0, -'_other'.length));
    for (const [lang, tree] of Object.entries({ en, ...others })) {
      const strings = flatten(tree as Tree);
      for (const key of plurals) for (const form of forms[lang]) expect(strings.has(`${key}_${form}`), `${lang} ${key}_${form}`).toBe(true);
    }
  });

  it('defines every key the code asks for', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts')) files.push(p);
      }
    };
    walk(srcDir);
    const keys = base(english.keys());
    const missing: string[] = [];
    for (const file of files) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
        if (!keys.has(m[1])) missing.push(`${path.relative(srcDir, file)}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
