import { describe, expect, it } from 'vitest';
import { CANONICAL_COLUMNS, PERSON_CATEGORIES, SEXES, type PersonRecord } from '@truce/core/detainees/person';
import { recordsToCsv, truthToCsv } from './csv.ts';
import { generateLists, type GenerateOptions } from './generate.ts';
import { testData } from './test-data.ts';

const { tokens, pool, places } = testData();
const run = (over: Partial<GenerateOptions> = {}) => generateLists({ seed: 7, heldSize: 2000, soughtSize: 1600, tokens, pool, places, ...over });
const lists = run();

const ARABIC = /[\u0600-\u06FF]/;
const names = (r: PersonRecord) => [r.fullName, r.givenName, r.fatherName, r.grandfatherName, r.familyName, r.motherName].filter((x): x is string => !!x);
const latinNames = (rs: PersonRecord[]) => rs.flatMap(names).filter((n) => !ARABIC.test(n));
const arabicNames = (rs: PersonRecord[]) => rs.flatMap(names).filter((n) => ARABIC.test(n));

describe('generated lists', () => {
  it('is deterministic: the same seed gives the same lists, another seed others', () => {
    const again = run();
    expect(again.held).toEqual(lists.held);
    expect(again.sought).toEqual(lists.sought);
    expect(again.truth).toEqual(lists.truth);
    const other = run({ seed: 8 });
    expect(other.held.slice(0, 50)).not.toEqual(lists.held.slice(0, 50));
  });

  it('has the requested sizes, overlap and duplicates', () => {
    expect(lists.held).toHaveLength(2000);
    expect(lists.sought).toHaveLength(1600);
    const soughtMatched = new Set(lists.truth.map((t) => t.soughtRef));
    // 40% of the sought persons are held; their duplicates are matched too.
    expect(soughtMatched.size / 1600).toBeGreaterThan(0.36);
    expect(soughtMatched.size / 1600).toBeLessThan(0.44);
    expect(lists.duplicates.length).toBe(Math.round(2000 * 0.03) + Math.round(1600 * 0.03));
    expect(run({ overlap: 0, duplicateRate: 0 }).truth).toHaveLength(0);
  });

  it('references only existing rows in truth, duplicates and hard negatives', () => {
    const held = new Set(lists.held.map((r) => r.ref));
    const sought = new Set(lists.sought.map((r) => r.ref));
    expect(held.size).toBe(2000);
    expect(sought.size).toBe(1600);
    for (const t of lists.truth) {
      expect(sought.has(t.soughtRef) && held.has(t.heldRef)).toBe(true);
      expect(t.tags.corruptions).toBeGreaterThanOrEqual(0);
    }
    for (const d of lists.duplicates) expect((d.list === 'held' ? held : sought).has(d.refA) && (d.list === 'held' ? held : sought).has(d.refB)).toBe(true);
    const truePairs = new Set(lists.truth.map((t) => `${t.soughtRef}/${t.heldRef}`));
    for (const h of lists.hardNegatives) {
      expect(sought.has(h.soughtRef) && held.has(h.heldRef)).toBe(true);
      expect(truePairs.has(`${h.soughtRef}/${h.heldRef}`)).toBe(false);
    }
    const relations = new Set(lists.hardNegatives.map((h) => h.relation));
    expect(relations).toEqual(new Set(['sibling', 'parent-child', 'cousin', 'collision']));
  });

  it('writes valid person records', () => {
    const bad: string[] = [];
    const check = (ok: boolean, r: PersonRecord, what: string) => ok || bad.push(`${r.ref}: ${what}`);
    for (const r of [...lists.held, ...lists.sought]) {
      check(/^[HS]\d{5}$/.test(r.ref), r, 'ref');
      check(names(r).length > 0, r, 'no name');
      check(r.sex == null || SEXES.includes(r.sex), r, 'sex');
      check(r.category == null || PERSON_CATEGORIES.includes(r.category), r, 'category');
      if (r.birthDate != null) {
        check(/^\d{4}-\d\d-\d\d$/.test(r.birthDate) && !Number.isNaN(Date.parse(r.birthDate)), r, `birth date ${r.birthDate}`);
        check(r.birthYear === Number(r.birthDate.slice(0, 4)), r, 'birth year');
      }
      check(r.detainedOn == null || /^201[1-7]-\d\d-\d\d$/.test(r.detainedOn), r, 'detention date');
      check(r.nationalId == null || /^([0-9]{11}|[٠-٩]{11}|[۰-۹]{11})$/.test(r.nationalId), r, 'national ID');
      for (const n of names(r)) check(n.trim() === n && !n.includes('  '), r, `spaces in "${n}"`);
    }
    expect(bad).toEqual([]);
    const withId = [...lists.held, ...lists.sought].filter((r) => r.nationalId).length / 3600;
    expect(withId).toBeGreaterThan(0.15);
    expect(withId).toBeLessThan(0.45);
  });

  it('writes the Arabic side with the noise clerks make', () => {
    const ar = arabicNames([...lists.held, ...lists.sought]).join('\n');
    expect(ar).toMatch(/(^|\s)احمد/); // hamza dropped
    expect(ar).toMatch(/(^|\s)أحمد/);
    expect(ar).toMatch(/فاطمه|سميره|حمزه|اسامه/); // ة as ه
    expect(ar).toMatch(/مصطفي|موسي|عيسي|يحيي/); // ى as ي
    expect(ar).toMatch(/[یک]/); // Persian code points
    expect(ar).toMatch(/ـ/); // tatweel
    expect(ar).toMatch(/[\u064B-\u0652]/); // diacritics
    expect(ar).toMatch(/عبدال/); // عبد joined
    expect(ar).toMatch(/عبد ال/); // and split
    expect(ar).toMatch(/ بن /); // bin
    expect(ar).toMatch(/(^|\s)(أبو|ابو) /); // a kunya or family name with Abu
    expect(ar).toMatch(/[ڤۆێ]/); // Kurdish letters
    const ids = [...lists.held, ...lists.sought]
      .map((r) => r.nationalId)
      .filter(Boolean)
      .join('');
    expect(ids).toMatch(/[٠-٩]/);
  });

  it('writes the Latin side in English and French styles, with both name orders', () => {
    const latin = latinNames([...lists.held, ...lists.sought]).join('\n');
    expect(latin).toMatch(/\bSh|SH/);
    expect(latin).toMatch(/\bCh|CH/);
    expect(latin).toMatch(/ou|OU/);
    expect(latin).toMatch(/Mohamed|MOHAMED/);
    expect(latin).toMatch(/Muhammad|MUHAMMAD/);
    expect(latin).toMatch(/\b(al|Al|AL)-/);
    expect(latin).toMatch(/\b(el|El|EL)[- ]/);
    expect(latin).toMatch(/^[^,\n]+, [^,\n]+$/m); // FAMILY, Given
    const schemes = new Set(lists.truth.map((t) => t.tags.scheme.split('|')).flat());
    expect([...schemes].some((s) => s.endsWith('latin-en'))).toBe(true);
    expect([...schemes].some((s) => s.endsWith('latin-fr'))).toBe(true);
    expect(lists.truth.some((t) => t.tags.crossScript)).toBe(true);
    expect(lists.truth.some((t) => !t.tags.crossScript)).toBe(true);
  });

  it('keeps to one script per side when asked', () => {
    const arLatin = run({ scripts: 'ar-latin', heldSize: 400, soughtSize: 400 });
    expect(arLatin.held.every((r) => names(r).every((n) => ARABIC.test(n)))).toBe(true);
    expect(arLatin.sought.every((r) => names(r).every((n) => !ARABIC.test(n)))).toBe(true);
    expect(arLatin.truth.every((t) => t.tags.crossScript)).toBe(true);
    const arAr = run({ scripts: 'ar-ar', heldSize: 300, soughtSize: 300 });
    expect(arAr.truth.every((t) => t.tags.scheme === 'ar|ar' && !t.tags.crossScript)).toBe(true);
    const latinLatin = run({ scripts: 'latin-latin', heldSize: 300, soughtSize: 300 });
    expect([...latinLatin.held, ...latinLatin.sought].every((r) => names(r).every((n) => !ARABIC.test(n)))).toBe(true);
  });

  it('writes CSV with the canonical columns and the truth file', () => {
    const csv = recordsToCsv(lists.held.slice(0, 20));
    const [header, ...rows] = csv.trimEnd().split('\n');
    expect(header).toBe(CANONICAL_COLUMNS.join(','));
    expect(rows).toHaveLength(20);
    const truth = truthToCsv(lists.truth.slice(0, 3)).trimEnd().split('\n');
    expect(truth[0]).toBe('sought_ref,held_ref,scheme,corruptions,cross_script');
    expect(truth[1]).toMatch(/^S\d{5},H\d{5},[a-z+|-]+,\d+,(true|false)$/);
  });
});
