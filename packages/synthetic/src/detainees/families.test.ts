import { describe, expect, it } from 'vitest';
import { generatePopulation, relationOf, type Person } from './families.ts';
import { Rng } from '../random.ts';
import { testData } from './test-data.ts';

describe('the population behind the lists', () => {
  const { pool, places } = testData();
  const persons = generatePopulation({ size: 6000, pool, places }, new Rng(21));

  const pairs = (rel: string) => {
    const out: [Person, Person][] = [];
    const byClan = new Map<number, Person[]>();
    for (const p of persons) byClan.set(p.clan, [...(byClan.get(p.clan) ?? []), p]);
    for (const group of byClan.values()) {
      for (const a of group) for (const b of group) if (a.id < b.id && relationOf(a, b) === rel) out.push([a, b]);
    }
    return out;
  };

  it('has the requested size, unique 11-digit IDs and plausible birth dates', () => {
    expect(persons).toHaveLength(6000);
    expect(new Set(persons.map((p) => p.nationalId)).size).toBe(6000);
    for (const p of persons) {
      expect(p.nationalId).toMatch(/^\d{11}$/);
      expect(p.birth.year).toBeGreaterThanOrEqual(1935);
      expect(p.birth.year).toBeLessThanOrEqual(2001);
    }
    expect(persons.filter((p) => p.sex === 'female').length / 6000).toBeLessThan(0.25);
  });

  it('gives siblings the same father, grandfather, family name and mother', () => {
    const siblings = pairs('sibling');
    expect(siblings.length).toBeGreaterThan(500);
    for (const [a, b] of siblings) {
      expect(a.father).toBe(b.father);
      expect(a.grandfather).toBe(b.grandfather);
      expect(a.family).toBe(b.family);
      expect(a.motherGiven).toBe(b.motherGiven);
      expect(a.motherFamily).toBe(b.motherFamily);
      expect(a.nationalId.slice(0, 5)).toBe(b.nationalId.slice(0, 5));
      expect(Math.abs(a.birth.year - b.birth.year)).toBeLessThanOrEqual(25);
    }
  });

  it('makes cousins share grandfather and family, and a son carry his father’s name', () => {
    const cousins = pairs('cousin').filter(([a, b]) => a.father !== b.given && b.father !== a.given);
    expect(cousins.length).toBeGreaterThan(100);
    for (const [a, b] of cousins) expect(a.family).toBe(b.family);
    const parents = pairs('parent-child');
    expect(parents.length).toBeGreaterThan(100);
    for (const [a, b] of parents) {
      const [dad, child] = a.fatherId === b.id ? [b, a] : [a, b];
      expect(child.father).toBe(dad.given);
      expect(child.grandfather).toBe(dad.father);
      expect(child.family).toBe(dad.family);
      expect(child.birth.year).toBeGreaterThan(dad.birth.year + 15);
    }
  });

  it('adds about 2% collisions: the same name, another birth year, no relation', () => {
    const collisions = persons.filter((p) => p.collisionOf !== null);
    expect(collisions.length / 6000).toBeGreaterThan(0.01);
    expect(collisions.length / 6000).toBeLessThan(0.035);
    for (const c of collisions) {
      const model = persons[c.collisionOf!];
      expect([c.given, c.father, c.family]).toEqual([model.given, model.father, model.family]);
      expect(c.birth.year).not.toBe(model.birth.year);
      expect(relationOf(c, model)).toBe('collision');
    }
  });

  it('has about 5% Kurdish persons', () => {
    const share = persons.filter((p) => p.kurdish).length / 6000;
    expect(share).toBeGreaterThan(0.025);
    expect(share).toBeLessThan(0.09);
  });
});
