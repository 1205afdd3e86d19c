import { describe, expect, it } from 'vitest';
import type { PersonRecord } from '@truce/core/detainees/person';
import { findDuplicates, matchLists, prepareList } from '@truce/core/matching/index';
import { loadLexicon } from './lexicon-file.ts';
import { MatchPool, runMatchJob } from './parallel.ts';

const GIVEN = ['محمد', 'أحمد', 'علي', 'حسن', 'خالد', 'عمر', 'يوسف', 'إبراهيم', 'سامر', 'مروان', 'بشار', 'عبد الرحمن'];
const LATIN_GIVEN = ['Mohammed', 'Ahmad', 'Ali', 'Hasan', 'Khaled', 'Omar', 'Youssef', 'Ibrahim', 'Samer', 'Marwan', 'Bashar', 'Abdulrahman'];
const FAMILY = ['الأسد', 'الحلبي', 'الخطيب', 'العلي', 'الشامي', 'المصري', 'النجار', 'الحداد', 'الزعبي', 'القاسم'];
const LATIN_FAMILY = ['al-Assad', 'Halabi', 'el Khatib', 'Al-Ali', 'Shami', 'al-Masri', 'Najjar', 'Haddad', 'Zoubi', 'al-Qasim'];

/** Small deterministic lists: the held side is the sought side transliterated, plus others. */
function lists(n: number): { sought: PersonRecord[]; held: PersonRecord[] } {
  const sought: PersonRecord[] = [];
  const held: PersonRecord[] = [];
  for (let i = 0; i < n; i++) {
    const g = i % GIVEN.length;
    const f = (i * 7 + 3) % GIVEN.length;
    const fam = (i * 3) % FAMILY.length;
    const year = 1960 + (i % 40);
    sought.push({ ref: `S${i}`, givenName: GIVEN[g], fatherName: GIVEN[f], familyName: FAMILY[fam], birthYear: year });
    if (i % 3 !== 0)
      held.push({
        ref: `H${i}`,
        givenName: LATIN_GIVEN[g],
        fatherName: LATIN_GIVEN[f],
        familyName: LATIN_FAMILY[fam],
        birthDate: `${year}-05-0${(i % 9) + 1}`,
      });
    else held.push({ ref: `H${i}`, fullName: `${LATIN_GIVEN[(g + 1) % GIVEN.length]} ${LATIN_GIVEN[f]} ${LATIN_FAMILY[fam]}`, birthYear: year + 5 });
  }
  return { sought, held };
}

describe('parallel matching', () => {
  const lexicon = loadLexicon();
  const { sought, held } = lists(300);

  it('returns the single-thread result, slice by slice, on two workers', async () => {
    const single = matchLists(sought, held, { lexicon, top: 5 });
    expect(single.length).toBeGreaterThan(100);
    const parallel = await runMatchJob({ kind: 'match', sought, held }, { lexicon, top: 5, workers: 2 });
    expect(parallel.candidates).toEqual(single);
    expect(parallel.stats.soughtRecords).toBe(sought.length);
    expect(parallel.stats.pairsCompared).toBeGreaterThan(0);
  }, 60_000);

  it('finds the same duplicates as one thread, each pair once', async () => {
    const list = [...sought, ...held];
    const single = findDuplicates(list, { lexicon });
    const parallel = await runMatchJob({ kind: 'dedupe', list }, { lexicon, workers: 2, slicesPerWorker: 3 });
    expect(parallel.candidates).toEqual(single);
    const seen = new Set(parallel.candidates.map((c) => [c.soughtRef, c.heldRef].sort().join('|')));
    expect(seen.size).toBe(parallel.candidates.length);
  }, 60_000);

  it('reuses a pool for prepared lists and answers a slice', async () => {
    const pool = new MatchPool(2);
    try {
      const [a, b] = await pool.prepare([sought, held], lexicon);
      expect(a).toEqual(prepareList(sought, lexicon));
      const r = await pool.match(a, b, { from: 10, to: 50 });
      expect(r.stats.soughtRecords).toBe(40);
      expect(r.candidates.every((c) => Number(c.soughtRef.slice(1)) >= 10 && Number(c.soughtRef.slice(1)) < 50)).toBe(true);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
