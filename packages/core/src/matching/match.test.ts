import { describe, expect, it } from 'vitest';
import type { PersonRecord } from '../detainees/person.ts';
import { explanationText } from './explain.ts';
import { parseLexicon, withPlaceNames } from './lexicon.ts';
import { blockingStats, findDuplicates, matchLists, matchPrepared } from './match.ts';
import { THRESHOLDS } from './model.ts';
import { prepareList } from './prepare.ts';
import type { Candidate } from './types.ts';

/** A few Wikidata rows, enough for the lexicon's part; most names below are not in it. */
const lexicon = parseLexicon(
  ['mohamed\tم ح م د\t553', 'mohammed\tم ح م د\t297', 'muhammad\tم ح م د\t171', 'hasan\tح س ن\t52', 'hussein\tح س ي ن\t91', 'ahmad\tأ ح م د\t200'].join('\n'),
);

/** Background population: other people, so that frequencies and the prior look like a list's. */
function crowd(prefix: string, n: number, arabic: boolean): PersonRecord[] {
  const given = arabic
    ? ['سامر', 'خالد', 'عمر', 'يوسف', 'ابراهيم', 'محمود', 'رامي', 'وليد', 'طارق', 'ماهر']
    : ['Samer', 'Khaled', 'Omar', 'Youssef', 'Ibrahim', 'Mahmoud', 'Rami', 'Walid', 'Tarek', 'Maher'];
  const family = arabic
    ? ['الحلبي', 'الخطيب', 'الشامي', 'المصري', 'النجار', 'الحداد', 'الزعبي']
    : ['Halabi', 'Khatib', 'Shami', 'Masri', 'Najjar', 'Haddad', 'Zoubi'];
  return Array.from({ length: n }, (_, i) => ({
    ref: `${prefix}${i}`,
    givenName: given[i % given.length],
    fatherName: given[(i * 3 + 1) % given.length],
    familyName: family[(i * 5 + 2) % family.length],
    birthYear: 1950 + ((i * 7) % 50),
  }));
}

function best(sought: PersonRecord, held: PersonRecord[], lex = lexicon): Candidate | undefined {
  return matchLists([sought, ...crowd('s', 200, true)], [...held, ...crowd('h', 200, false)], { lexicon: lex, minScore: 0 }).find(
    (c) => c.soughtRef === sought.ref && held.some((h) => h.ref === c.heldRef),
  );
}

const field = (c: Candidate | undefined, f: string) => c?.comparisons.find((x) => x.field === f);

describe('matching across scripts', () => {
  it('links محمد عبد الرحمن الأسد to its Latin spellings', () => {
    const sought = { ref: 'S1', givenName: 'محمد', fatherName: 'عبد الرحمن', familyName: 'الأسد', motherName: 'فاطمة', birthYear: 1985, sex: 'male' as const };
    for (const held of [
      {
        ref: 'H1',
        givenName: 'Mohammed',
        fatherName: 'Abdulrahman',
        familyName: 'al-Assad',
        motherName: 'Fatima',
        birthDate: '1985-03-02',
        sex: 'male' as const,
      },
      { ref: 'H2', givenName: 'Muhammad', fatherName: 'Abdel Rahman', familyName: 'el Asad', motherName: 'Fatmeh', birthYear: 1985 },
      { ref: 'H3', fullName: 'Mohamad Abd al-Rahman Assad', birthYear: 1985 },
    ]) {
      const c = best(sought, [held]);
      expect(c?.band, held.ref).toBe('link');
      expect(field(c, 'given_name')?.outcome).toBe('agree');
      expect(field(c, 'father_name')?.outcome).toBe('agree');
    }
  });

  it('links names the lexicon has never seen, by their sound', () => {
    const c = best(
      { ref: 'S1', givenName: 'خيربك', fatherName: 'سليمان', familyName: 'الخطيب', birthYear: 1977 },
      [{ ref: 'H1', givenName: 'Khayrbek', fatherName: 'Souleiman', familyName: 'Al-Khateeb', birthYear: 1977 }],
      parseLexicon(''),
    );
    expect(c?.band).toBe('link');
  });

  it('compares places of birth and detention across scripts by the gazetteer names', () => {
    const sought = { ref: 'S1', givenName: 'عمر', fatherName: 'خالد', familyName: 'الحلبي', birthYear: 1990, birthPlace: 'حلب', detainedAt: 'دير الزور' };
    const held = { ref: 'H1', givenName: 'Omar', fatherName: 'Khaled', familyName: 'Halabi', birthYear: 1990, birthPlace: 'Aleppo', detainedAt: 'Deir ez-Zor' };
    // Without the gazetteer, "Aleppo" and "حلب" share no sound: a conflict.
    expect(field(best(sought, [held]), 'birth_place')?.outcome).toBe('conflict');
    const places = withPlaceNames(lexicon, [
      ['Aleppo', 'حلب'],
      ['Deir-ez-Zor', 'دير الزور'],
      ['Aleppo', 'مدينة حلب'],
    ]);
    const c = best(sought, [held], places);
    expect(field(c, 'birth_place')?.outcome).toBe('agree');
    expect(field(c, 'detained_at')?.outcome).toBe('agree');
    expect(c!.score).toBeGreaterThan(best(sought, [held])!.score);
    // A different town stays a conflict.
    expect(field(best(sought, [{ ...held, birthPlace: 'Homs' }], withPlaceNames(places, [['Homs', 'حمص']])), 'birth_place')?.outcome).toBe('conflict');
  });

  it('reads "ALASSAD, Bashar" as family name first', () => {
    const c = best({ ref: 'S1', fullName: 'ALASSAD, Bashar Hafez', birthDate: '1965-09-11' }, [
      { ref: 'H1', givenName: 'بشار', fatherName: 'حافظ', familyName: 'الأسد', birthYear: 1965 },
    ]);
    expect(c?.band).toBe('link');
    expect(field(c, 'family_name')?.outcome).toBe('agree');
  });

  it('matches Arabic spellings with hamza, ta marbuta, alef maqsura, diacritics, tatweel and Persian letters', () => {
    const c = best({ ref: 'S1', givenName: 'أسامة', fatherName: 'مصطفى', familyName: 'الکردی', motherName: 'آمنة', birthYear: 1990 }, [
      { ref: 'H1', givenName: 'اسامه', fatherName: 'مُصطفـي', familyName: 'الكردي', motherName: 'امنه', birthYear: 1990 },
    ]);
    expect(c?.band).toBe('link');
    expect(c?.comparisons.filter((f) => f.outcome === 'agree').map((f) => f.field)).toEqual(
      expect.arrayContaining(['given_name', 'father_name', 'family_name', 'mother_name', 'birth_date']),
    );
  });

  it('reads Arabic-Indic digits in dates and IDs', () => {
    const c = best({ ref: 'S1', givenName: 'عمر', fatherName: 'خالد', familyName: 'الحمصي', birthDate: '١٩٨٠-٠٥-١٢', nationalId: '٠٣٠١٢٣٤٥٦٧٨' }, [
      { ref: 'H1', givenName: 'Omar', fatherName: 'Khaled', familyName: 'Homsi', birthDate: '1980-05-12', nationalId: '03012345678' },
    ]);
    expect(field(c, 'birth_date')?.outcome).toBe('agree');
    expect(field(c, 'national_id')?.outcome).toBe('agree');
  });

  it('reads Abu/Abou and bin/ibn', () => {
    const c = best({ ref: 'S1', givenName: 'أبو بكر', fatherName: 'عمر', familyName: 'الشامي', birthYear: 1970 }, [
      { ref: 'H1', fullName: 'Abou Bakr ibn Omar al-Chami', birthYear: 1970 },
    ]);
    expect(c?.band).toBe('link');
  });
});

describe('evidence', () => {
  it('never counts a missing field against a pair', () => {
    const full = { ref: 'S1', givenName: 'Ghassan', fatherName: 'Nizar', familyName: 'Qabbani', motherName: 'Salma', birthYear: 1971, birthPlace: 'Hama' };
    const c = best(full, [{ ref: 'H1', givenName: 'غسان', fatherName: 'نزار', familyName: 'قباني' }]);
    for (const f of c!.comparisons) if (f.outcome === 'missing') expect(f.weight).toBe(0);
    expect(field(c, 'mother_name')?.outcome).toBe('missing');
    expect(c!.score).toBeGreaterThan(THRESHOLDS.review);
  });

  it('weighs agreement on a rare name more than on Muhammad', () => {
    const held = [
      ...crowd('x', 50, false),
      ...Array.from({ length: 60 }, (_, i) => ({ ref: `m${i}`, givenName: 'Mohammed', familyName: `Family${i}`, birthYear: 1960 + (i % 30) })),
    ];
    const sought = [
      { ref: 'S1', givenName: 'محمد', birthYear: 1977 },
      { ref: 'S2', givenName: 'خيربك', birthYear: 1977 },
    ];
    const more = [
      { ref: 'H1', givenName: 'Mohammed', birthYear: 1977 },
      { ref: 'H2', givenName: 'Khayrbek', birthYear: 1977 },
    ];
    const cands = matchLists(sought, [...held, ...more], { lexicon, minScore: 0 });
    const w = (s: string, h: string) =>
      field(
        cands.find((c) => c.soughtRef === s && c.heldRef === h),
        'given_name',
      )!.weight;
    expect(w('S2', 'H2')).toBeGreaterThan(w('S1', 'H1') + 3);
  });

  it('does not link siblings who share father, grandfather, family and mother', () => {
    const sought = {
      ref: 'S1',
      givenName: 'حسن',
      fatherName: 'أحمد',
      grandfatherName: 'علي',
      familyName: 'العلي',
      motherName: 'زينب',
      birthYear: 1990,
      sex: 'male' as const,
    };
    const brother = {
      ref: 'H1',
      givenName: 'Hussein',
      fatherName: 'Ahmad',
      grandfatherName: 'Ali',
      familyName: 'Al-Ali',
      motherName: 'Zeinab',
      birthYear: 1993,
      sex: 'male' as const,
    };
    const sister = {
      ref: 'H2',
      givenName: 'Fatima',
      fatherName: 'Ahmad',
      grandfatherName: 'Ali',
      familyName: 'Al-Ali',
      motherName: 'Zeinab',
      birthYear: 1988,
      sex: 'female' as const,
    };
    const self = { ref: 'H3', givenName: 'Hasan', fatherName: 'Ahmed', grandfatherName: 'Ali', familyName: 'Alali', motherName: 'Zainab', birthYear: 1990 };
    const cands = matchLists([sought, ...crowd('s', 200, true)], [brother, sister, self, ...crowd('h', 200, false)], { lexicon, minScore: 0 }).filter(
      (c) => c.soughtRef === 'S1',
    );
    const of = (ref: string) => cands.find((c) => c.heldRef === ref);
    expect(of('H3')?.band).toBe('link');
    expect(of('H1')?.band ?? 'none').not.toBe('link');
    expect(of('H1')?.score ?? 0).toBeLessThan(0.5);
    expect(of('H2')?.score ?? 0).toBeLessThan(THRESHOLDS.review);
  });

  it('explains a pair in one line', () => {
    const c = best({ ref: 'S1', givenName: 'محمد', fatherName: 'خالد', familyName: 'النجار', motherName: 'سعاد', birthYear: 1980 }, [
      { ref: 'H1', givenName: 'Mohamed', fatherName: 'Khaled', familyName: 'Najjar', motherName: 'Amal', birthDate: '1980-04-01', nationalId: '01234567890' },
    ]);
    expect(explanationText(c!)).toBe(
      "agree: given name, father's name, family name, birth year; conflict: mother's name; missing: grandfather's name, birth place, place of detention, sex, national ID, detention date",
    );
    expect(c!.score).toBeGreaterThanOrEqual(0);
    expect(c!.score).toBeLessThanOrEqual(1);
  });
});

describe('lists', () => {
  const sought = crowd('S', 300, true);
  const held = crowd('H', 300, false);

  it('answers the same candidates for the whole list and for its slices', () => {
    const a = prepareList(sought, lexicon);
    const b = prepareList(held, lexicon);
    const whole = matchPrepared(a, b, { top: 3 });
    const parts = [...matchPrepared(a, b, { top: 3, from: 0, to: 120 }), ...matchPrepared(a, b, { top: 3, from: 120, to: 300 })];
    expect(parts).toEqual(whole);
    expect(whole.length).toBeGreaterThan(0);
    for (const c of whole) expect(['link', 'review']).toContain(c.band);
  });

  it('keeps at most `top` candidates per sought record, best first', () => {
    const cands = matchLists(sought, held, { lexicon, top: 2 });
    const per = new Map<string, number[]>();
    for (const c of cands) per.set(c.soughtRef, [...(per.get(c.soughtRef) ?? []), c.score]);
    for (const scores of per.values()) {
      expect(scores.length).toBeLessThanOrEqual(2);
      expect([...scores].sort((x, y) => y - x)).toEqual(scores);
    }
  });

  it('finds each duplicate pair within a list once', () => {
    const list = [
      ...sought.slice(0, 50),
      { ref: 'D1', givenName: 'محمد', fatherName: 'خيربك', familyName: 'الشيشكلي', birthYear: 1961 },
      { ref: 'D2', fullName: 'Mohammed Khayrbek Shishakli', birthYear: 1961 },
    ];
    const dups = findDuplicates(list, { lexicon });
    const pair = dups.filter((c) => [c.soughtRef, c.heldRef].sort().join() === 'D1,D2');
    expect(pair).toHaveLength(1);
    const keys = dups.map((c) => [c.soughtRef, c.heldRef].sort().join());
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reports blocking figures', () => {
    const stats = blockingStats(prepareList(sought, lexicon), prepareList(held, lexicon));
    expect(stats.soughtRecords).toBe(300);
    expect(stats.candidatesPerRecord).toBeGreaterThan(0);
  });

  it('prepares a list as plain data a worker can receive', () => {
    const p = prepareList(sought.slice(0, 20), lexicon);
    expect(structuredClone(p)).toEqual(p);
  });
});

describe('the quick upper bound', () => {
  it('is never below the score, so pruning by it loses no pair', async () => {
    const { Comparer } = await import('./compare.ts');
    const { Blocker, buildIndex } = await import('./blocking.ts');
    const sought = prepareList(
      [
        ...crowd('S', 150, true),
        { ref: 'k1', givenName: 'أبو بكر', fatherName: 'عمر', familyName: 'الشامي', birthYear: 1970 },
        { ref: 'k2', fullName: 'ALASSAD, Bashar Hafez', birthDate: '1965-09-11', nationalId: '01234567890' },
        { ref: 'k3', fullName: 'العثمان معن حافظ محمد', motherName: 'نور', birthPlace: 'حلب', detainedOn: '2013-02-01' },
      ],
      lexicon,
    );
    const held = prepareList(
      [
        ...crowd('H', 150, false),
        { ref: 'm1', fullName: 'Abou Bakr ibn Omar al-Chami', birthYear: 1971 },
        { ref: 'm2', givenName: 'Bashar', fatherName: 'Hafez', familyName: 'Assad', nationalId: '01234567809' },
        { ref: 'm3', fullName: 'Maan Hafez Mohammed al-Othman', motherName: 'Nour', birthPlace: 'Aleppo', detainedOn: '2013-02-01' },
      ],
      lexicon,
    );
    const c = new Comparer(sought, held, false);
    const blocker = new Blocker(sought, held, buildIndex(held), false);
    let pairs = 0;
    for (let s = 0; s < sought.size; s++) {
      for (const h of blocker.candidates(s)) {
        const bound = c.upperBound(s, h);
        expect(c.compare(s, h)).toBeLessThanOrEqual(bound + 1e-9);
        pairs++;
      }
    }
    expect(pairs).toBeGreaterThan(100);
  });
});
