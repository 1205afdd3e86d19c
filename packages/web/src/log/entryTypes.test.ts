import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENTRY_TYPES, entryTypeKey } from '@truce/core/log/entry-types';
import ar from '../locales/ar.json';
import en from '../locales/en.json';
import fa from '../locales/fa.json';
import ru from '../locales/ru.json';
import tr from '../locales/tr.json';

/**
 * The Record page names every entry type in the reader's language. The types are read
 * from the server's own log writers (every `record(…)` and `prepareEntry(…)` call), so a
 * writer added with a new type fails here until the type is listed in core and named in
 * all five languages.
 */

const serverSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../server/src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(full);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The text of the expression that starts at `from`, up to the comma or closing brace that ends it. */
function expressionAt(text: string, from: number): string {
  let depth = 0;
  let quote: string | null = null;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) return text.slice(from, i);
      depth--;
    } else if (c === ',' && depth === 0) return text.slice(from, i);
  }
  return text.slice(from);
}

/** The mechanism's collections write `${logType}.created` and `.updated`: their logTypes. */
function logTypes(): string[] {
  const text = fs.readFileSync(path.join(serverSrc, 'mechanism/collections.ts'), 'utf8');
  return [...text.matchAll(/logType: '([a-z_]+)'/g)].map((m) => m[1]);
}

interface Written {
  type: string;
  at: string;
}

/** Every type the server's log writers can write, with where; a type it cannot tell is an error naming the place. */
function writtenTypes(): { written: Written[]; unknown: string[] } {
  const written: Written[] = [];
  const unknown: string[] = [];
  const collections = logTypes();
  for (const file of sourceFiles(serverSrc)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const call of text.matchAll(/\b(?:record|prepareEntry)\(\s*(?:\w+\s*,\s*)?\{/g)) {
      const body = text.slice(call.index + call[0].length);
      const typeAt = body.search(/\btype:\s*/);
      const at = `${path.relative(serverSrc, file)}:${text.slice(0, call.index).split('\n').length}`;
      if (typeAt < 0) {
        unknown.push(at);
        continue;
      }
      const expression = expressionAt(body, typeAt + body.slice(typeAt).match(/^type:\s*/)![0].length);
      const found = [...expression.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)].map((m) => m[1]);
      const template = expression.match(/^`\$\{\w+\.logType\}(\.[a-z_]+)`$/);
      if (template) found.push(...collections.map((t) => t + template[1]));
      if (found.length === 0) unknown.push(`${at} (${expression.trim()})`);
      for (const type of found) written.push({ type, at });
    }
  }
  return { written, unknown };
}

type Tree = { [key: string]: string | Tree };
const languages = { en, ar, ru, tr, fa } as unknown as Record<string, Tree>;

describe('the names of entry types', () => {
  const { written, unknown } = writtenTypes();

  it('finds the types of the server’s log writers', () => {
    expect(unknown, 'log writers whose entry type this test cannot read: write it as a literal').toEqual([]);
    // The writers seen when this test was written: it must keep finding them.
    const types = new Set(written.map((w) => w.type));
    for (const type of ['report.filed', 'incident.created', 'meeting.cancelled', 'zone.updated', 'detainees.duplicate.decided', 'audit.mismatch_found']) {
      expect(types, type).toContain(type);
    }
  });

  it('lists in core every type the server writes', () => {
    const listed = new Set<string>(ENTRY_TYPES);
    const missing = written.filter((w) => !listed.has(w.type)).map((w) => `${w.type} (${w.at})`);
    expect(missing, 'add these to ENTRY_TYPE_GROUPS in packages/core/src/log/entry-types.ts').toEqual([]);
  });

  it('names every type in every language, each key once', () => {
    expect(new Set(ENTRY_TYPES.map(entryTypeKey)).size).toBe(ENTRY_TYPES.length);
    for (const [lang, tree] of Object.entries(languages)) {
      const names = tree.entryType as Record<string, string>;
      const missing = ENTRY_TYPES.filter((type) => typeof names[entryTypeKey(type)] !== 'string' || names[entryTypeKey(type)].trim() === '');
      expect(missing, `${lang}: entryType names missing`).toEqual([]);
    }
  });

  it('names them in the language itself, not in English', () => {
    const english = (en as unknown as Tree).entryType as Record<string, string>;
    for (const lang of ['ar', 'ru', 'fa'] as const) {
      const names = languages[lang].entryType as Record<string, string>;
      const untranslated = ENTRY_TYPES.filter((type) => names[entryTypeKey(type)] === english[entryTypeKey(type)]);
      expect(untranslated, `${lang}: names still in English`).toEqual([]);
    }
  });
});
