import { describe, expect, it } from 'vitest';
import { parseNameTokens } from './name-pool.ts';
import { testData } from './test-data.ts';

describe('reading the Wikidata name tokens', () => {
  it('groups Latin spellings by Arabic spelling', () => {
    const data = parseNameTokens('mohamed\tم ح م د\t553\nmuhammad\tم ح م د\t171\nbad line\n');
    expect(data.rows).toBe(2);
    expect(data.byArabic.get('محمد')).toEqual([
      { latin: 'mohamed', count: 553 },
      { latin: 'muhammad', count: 171 },
    ]);
  });
});

describe('the name pool', () => {
  const { pool } = testData();

  it('keeps the skew of real names: Muhammad leads, then Ahmad and Ali', () => {
    const top = [...pool.male.items]
      .sort((a, b) => b.weight - a.weight)
      .slice(0, 3)
      .map((t) => t.ar);
    expect(top).toEqual(['محمد', 'أحمد', 'علي']);
    expect(pool.male.share(pool.byKey.get('male:محمد')!)).toBeGreaterThan(0.06);
  });

  it('keeps men, women and families apart', () => {
    expect(pool.male.items.every((t) => t.kind === 'male')).toBe(true);
    expect(pool.female.items.every((t) => t.kind === 'female')).toBe(true);
    expect(pool.female.items.map((t) => t.ar)).toContain('فاطمة');
    expect(pool.male.items.map((t) => t.ar)).not.toContain('فاطمة');
    expect(pool.family.items.length).toBeGreaterThan(250);
    expect(pool.kurdishMale.items.every((t) => t.kurdish && t.hawar && t.arKurdish)).toBe(true);
  });

  it('knows attested spellings and the sound skeleton of each name', () => {
    const muhammad = pool.byKey.get('male:محمد')!;
    expect(muhammad.parts[0].phon).toBe('muħammad');
    expect(muhammad.parts[0].variants.map((v) => v.latin)).toEqual(expect.arrayContaining(['mohamed', 'mohammed', 'muhammad']));
    expect(muhammad.parts[0].variants.map((v) => v.latin)).not.toContain('morocco');
    const abd = pool.byKey.get('male:عبد الرحمن')!;
    expect(abd.compound).toBe('article');
    expect(abd.parts[1]).toMatchObject({ article: true, phon: 'raħman' });
    expect(pool.byKey.get('male:عبد الله')!.compound).toBe('allah');
    expect(pool.byKey.get('family:أبو زيد')!.compound).toBe('abu');
  });

  it('adds Arab nisba family names from the data, not kings or countries', () => {
    const families = new Set(pool.family.items.map((t) => t.ar));
    expect(families.has('الثاني')).toBe(false);
    expect(families.has('النمسا')).toBe(false);
    expect([...families].filter((ar) => ar.startsWith('ال') && ar.endsWith('ي')).length).toBeGreaterThan(60);
  });
});
