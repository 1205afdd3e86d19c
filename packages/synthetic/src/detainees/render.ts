/**
 * One person written as one row of one list by one clerk: the name in the clerk's script
 * and style, in parts or as a full name ("Ahmad Muhammad al-Hasan", "AL-HASAN, Ahmad
 * Muhammad", "Ahmad bin Muhammad"), with the record-level omissions and errors of
 * name-matching.md §5 (grandfather or family name dropped, father's name as family name,
 * a kunya for the given name, typos, dates, IDs, places), and the count of corruptions.
 */
import type { PersonCategory, PersonRecord } from '@truce/core/detainees/person';
import { indicDigits, persianKeyboard, spellArabic, noisyArabicWord } from './arabic-noise.ts';
import type { Clerk } from './clerks.ts';
import type { Person } from './families.ts';
import type { NamePart, NamePool, NameToken } from './name-pool.ts';
import { respellPlace, type PlaceName } from './places.ts';
import type { Rng } from '../random.ts';
import { recordBirth, recordNationalId, shiftDate, typo } from './record-noise.ts';
import { applyCase, spellToken, type LatinStyle, type Scheme } from './transliterate.ts';

export interface Rendered {
  record: PersonRecord;
  corruptions: number;
  /** 'ar', 'latin-en', 'latin-fr', 'ar+latin-en', 'ar+latin-fr'. */
  scheme: string;
  hasArabic: boolean;
  hasLatin: boolean;
}

const ABU: NamePart = { ar: 'أبو', article: false, phon: "'abU", variants: [], variantTotal: 0 };
const UMM: NamePart = { ar: 'أم', article: false, phon: "'umm", variants: [], variantTotal: 0 };

function kunyaToken(person: Person, pool: NamePool, rng: Rng): NameToken {
  const son = person.eldestSon && person.eldestSon.parts.length === 1 ? person.eldestSon : pool.kunyaNames.draw(rng);
  const head = person.sex === 'female' ? UMM : ABU;
  return {
    id: -1 - son.id,
    kind: 'male',
    ar: `${head.ar} ${son.ar}`,
    kurdish: false,
    parts: [head, son.parts[0]],
    compound: 'abu',
    whole: [],
    weight: 0,
    ref: '',
  };
}

const NOTES = {
  en: [
    'arrested at a checkpoint',
    'taken from home',
    'transferred to another prison',
    'last seen at the branch',
    'needs medical care',
    'detained with his brother',
    'no news since arrest',
  ],
  fr: ['arrêté à un barrage', 'enlevé à son domicile', 'transféré', 'malade', 'sans nouvelles depuis son arrestation'],
  ar: ['اعتقل على حاجز', 'اعتقل من منزله', 'نقل إلى سجن آخر', 'بحاجة إلى علاج', 'اعتقل مع أخيه', 'لا أخبار عنه منذ اعتقاله'],
};

function ageAt(person: Person, iso: string): number {
  const y = Number(iso.slice(0, 4));
  return y - person.birth.year;
}

function category(person: Person, side: 'held' | 'sought', rng: Rng): PersonCategory {
  const age = ageAt(person, person.detainedOn);
  if (age < 18) return 'minor';
  if (person.sex === 'female') return 'woman';
  if (age >= 60) return 'elderly';
  if (person.sick && rng.chance(0.7)) return 'sick';
  if (side === 'held') return person.combatant ? (rng.chance(0.9) ? 'combatant' : 'civilian') : rng.chance(0.1) ? 'combatant' : 'civilian';
  return person.combatant && rng.chance(0.3) ? 'combatant' : 'civilian';
}

/** What one row's rendering needs: the clerk, the record's scheme, a memo of spellings. */
interface Ctx {
  clerk: Clerk;
  style: LatinStyle;
  persian: boolean;
  memo: Map<number, string>;
  rng: Rng;
}

/** A name token in a script, the same spelling again when it repeats in the record (mostly). */
function spell(ctx: Ctx, token: NameToken, script: 'ar' | 'latin', family = false, article?: boolean): string {
  const { rng, clerk } = ctx;
  const key = token.id * 4 + (script === 'ar' ? 2 : 0) + (family ? 1 : 0);
  const seen = ctx.memo.get(key);
  if (seen !== undefined && rng.chance(0.9)) return seen;
  let text: string;
  if (script === 'ar') {
    text = spellArabic(token, clerk.arabic, rng, { dropArticle: article === false || (family && rng.chance(0.05)) });
    if (ctx.persian) text = persianKeyboard(text);
  } else {
    text = applyCase(spellToken(token, ctx.style, rng, { article }), clerk.caseStyle, { family, lowerArticle: clerk.lowerArticle });
  }
  ctx.memo.set(key, text);
  return text;
}

interface Elements {
  given: NameToken;
  father: NameToken | null;
  grandfather: NameToken | null;
  family: NameToken | null;
  familyIsFather: boolean;
  mother: { given: NameToken; family: NameToken | null } | null;
}

interface Spelled {
  given: string;
  father: string | null;
  grandfather: string | null;
  family: string | null;
  mother: string | null;
}

function spellElements(ctx: Ctx, e: Elements, script: 'ar' | 'latin'): Spelled {
  let mother: string | null = null;
  if (e.mother) {
    mother = spell(ctx, e.mother.given, script);
    if (e.mother.family) mother += ' ' + spell(ctx, e.mother.family, script, true);
  }
  return {
    given: spell(ctx, e.given, script),
    father: e.father ? spell(ctx, e.father, script) : null,
    grandfather: e.grandfather ? spell(ctx, e.grandfather, script) : null,
    family: e.family ? spell(ctx, e.family, script, true, e.familyIsFather ? false : undefined) : null,
    mother,
  };
}

function joinWords(...words: (string | null)[]): string {
  return words.filter((w) => w).join(' ');
}

function fullNameOf(ctx: Ctx, p: Spelled, ar: boolean, sex: Person['sex']): string {
  const { rng, clerk } = ctx;
  let bin: string | null = null;
  if (p.father && rng.chance(clerk.bin)) {
    if (ar) bin = sex === 'female' ? 'بنت' : 'بن';
    else bin = applyCase(sex === 'female' ? rng.pick(BINT) : rng.choose(BIN), clerk.caseStyle === 'upper' ? 'upper' : 'lower');
  }
  const r = rng.next();
  if (p.family && r < clerk.commaOrder) return `${p.family}${ar && rng.chance(0.3) ? '،' : ','} ${joinWords(p.given, p.father, p.grandfather)}`;
  if (p.family && r < clerk.commaOrder + clerk.familyFirst) return joinWords(p.family, p.given, p.father, p.grandfather);
  return joinWords(p.given, bin, p.father, p.grandfather, p.family);
}

const BIN = { bin: 0.5, ben: 0.25, ibn: 0.2, b: 0.05 };
const BINT = ['bint', 'bent'];

function placeName(ctx: Ctx, place: PlaceName, variant: number): string {
  const { rng, clerk } = ctx;
  const script: 'ar' | 'latin' =
    clerk.script === 'both' ? (rng.chance(0.5) ? 'ar' : 'latin') : clerk.script === 'ar' ? (rng.chance(0.92) ? 'ar' : 'latin') : 'latin';
  const useGov = rng.chance(variant * 0.5);
  if (script === 'ar') {
    const base = useGov ? place.governorateAr : place.ar;
    return rng.chance(variant)
      ? base
          .split(' ')
          .map((w) => noisyArabicWord(w, clerk.arabic, rng))
          .join(' ')
      : base;
  }
  const base = useGov ? place.governorateLatin : place.latin;
  const spelled = rng.chance(useGov ? 0.3 : variant) ? respellPlace(base, rng) : base;
  return clerk.caseStyle === 'upper' ? spelled.toUpperCase() : spelled;
}

const FIELDS = ['fullName', 'givenName', 'fatherName', 'grandfatherName', 'familyName', 'motherName'] as const;

/** Writes one person as one list row. */
export function renderRecord(person: Person, clerk: Clerk, ref: string, side: 'held' | 'sought', pool: NamePool, rng: Rng): Rendered {
  let corruptions = 0;
  const scheme: Scheme = rng.chance(clerk.otherScheme) ? (clerk.latin.scheme === 'en' ? 'fr' : 'en') : clerk.latin.scheme;
  const ctx: Ctx = {
    clerk,
    style: scheme === clerk.latin.scheme ? clerk.latin : { ...clerk.latin, scheme },
    persian: rng.chance(clerk.arabic.persianKeyboard),
    memo: new Map(),
    rng,
  };

  // Which name elements this clerk records.
  const e: Elements = { given: person.given, father: person.father, grandfather: null, family: person.family, familyIsFather: false, mother: null };
  if (rng.chance(clerk.kunya)) {
    e.given = kunyaToken(person, pool, rng);
    corruptions++;
  }
  if (rng.chance(clerk.fatherAsFamily)) {
    e.family = person.father;
    e.familyIsFather = true;
    if (rng.chance(0.5)) e.father = null;
    corruptions++;
  } else if (!rng.chance(clerk.familyKept)) {
    e.family = null;
    corruptions++;
  }
  if (e.father && !rng.chance(clerk.fatherKept)) {
    e.father = null;
    corruptions++;
  }
  if (e.father && rng.chance(clerk.grandfatherKept)) e.grandfather = person.grandfather;
  if (rng.chance(clerk.motherKept)) e.mother = { given: person.motherGiven, family: rng.chance(clerk.motherWithFamily) ? person.motherFamily : null };

  // Scripts of the full name and of the parts.
  let fullScript: 'ar' | 'latin' = clerk.script === 'latin' ? 'latin' : 'ar';
  let partsScript: 'ar' | 'latin' = fullScript;
  if (clerk.script === 'both') {
    const arFull = rng.chance(0.6);
    fullScript = arFull ? 'ar' : 'latin';
    partsScript = arFull ? 'latin' : 'ar';
  }
  const wantParts = clerk.layout !== 'full';
  const wantFull = clerk.layout !== 'parts';
  const parts = spellElements(ctx, e, partsScript);
  const fullName = wantFull ? fullNameOf(ctx, fullScript === partsScript ? parts : spellElements(ctx, e, fullScript), fullScript === 'ar', person.sex) : null;

  let givenField = wantParts ? parts.given : null;
  let fatherField = wantParts ? parts.father : null;
  let grandfatherField = wantParts ? parts.grandfather : null;
  // Abd | al-Rahman Muhammad: a compound given name cut at its space.
  if (givenField && e.given.parts.length > 1 && givenField.includes(' ') && rng.chance(clerk.splitCompound)) {
    const cut = givenField.indexOf(' ');
    const rest = givenField.slice(cut + 1);
    givenField = givenField.slice(0, cut);
    grandfatherField = fatherField;
    fatherField = fatherField ? `${rest} ${fatherField}` : rest;
    corruptions++;
  }
  const fields: Record<(typeof FIELDS)[number], string | null> = {
    fullName,
    givenName: givenField,
    fatherName: fatherField,
    grandfatherName: grandfatherField,
    familyName: wantParts ? parts.family : null,
    motherName: wantParts || rng.chance(0.5) ? parts.mother : null,
  };
  for (const k of FIELDS) {
    const v = fields[k];
    if (v && rng.chance(clerk.typo)) {
      fields[k] = typo(v, rng);
      corruptions++;
    }
  }

  const arabicRecord = clerk.script !== 'latin';
  let sex: PersonRecord['sex'] = rng.chance(clerk.sex) ? person.sex : null;
  if (sex && rng.chance(clerk.wrongSex)) {
    sex = sex === 'male' ? 'female' : 'male';
    corruptions++;
  }
  const birth = recordBirth(person.birth, clerk.dates, rng);
  corruptions += birth.corruptions;
  let nationalId: string | null = null;
  if (rng.chance(clerk.nationalId)) {
    const id = recordNationalId(person.nationalId, { digitTypo: clerk.idDigitTypo, transposition: clerk.idTransposition }, rng);
    corruptions += id.corruptions;
    nationalId = arabicRecord && rng.chance(clerk.arabic.indicDigits) ? indicDigits(id.id, rng) : id.id;
  }
  let detainedOn: string | null = null;
  let detainedAt: string | null = null;
  if (rng.chance(clerk.detention)) {
    detainedOn = side === 'sought' && rng.chance(0.5) ? shiftDate(person.detainedOn, 45, rng) : person.detainedOn;
    detainedAt = rng.chance(0.8) ? placeName(ctx, person.detainedAt, 0.2) : null;
  }
  const notes = rng.chance(clerk.notes) ? rng.pick(NOTES[arabicRecord ? 'ar' : scheme]) : null;
  let birthDate = birth.birthDate;
  if (clerk.indicDates && arabicRecord && rng.chance(clerk.arabic.indicDigits)) {
    if (birthDate) birthDate = indicDigits(birthDate, rng);
    if (detainedOn) detainedOn = indicDigits(detainedOn, rng);
  }

  const record: PersonRecord = {
    ref,
    ...fields,
    sex,
    birthDate,
    birthYear: birth.birthYear,
    birthPlace: rng.chance(clerk.birthPlace) ? placeName(ctx, person.birthPlace, clerk.placeVariant) : null,
    nationalId,
    detainedOn,
    detainedAt,
    category: rng.chance(clerk.category) ? category(person, side, rng) : null,
    notes,
  };
  return {
    record,
    corruptions,
    scheme: clerk.script === 'ar' ? 'ar' : clerk.script === 'latin' ? `latin-${scheme}` : `ar+latin-${scheme}`,
    hasArabic: arabicRecord,
    hasLatin: clerk.script !== 'ar',
  };
}
