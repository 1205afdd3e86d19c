/**
 * The words parties write for a person's sex and category, in the languages of the lists
 * (C4), and their lookup by headerKey (so case, diacritics and hamza do not matter). Data
 * more than logic, kept apart so that adding a word touches nothing else.
 */
import { headerKey } from './headers.ts';
import type { PersonCategory, Sex } from './person.ts';

const SEX_VALUES: Record<Sex, readonly string[]> = {
  male: ['male', 'm', 'man', 'boy', 'masculine', 'ذكر', 'ذ', 'رجل', 'мужской', 'муж', 'м', 'мужчина', 'erkek', 'e', 'مرد', 'homme', 'h', 'masculin'],
  female: [
    'female',
    'f',
    'woman',
    'girl',
    'feminine',
    'أنثى',
    'انثى',
    'أ',
    'امرأة',
    'بنت',
    'женский',
    'жен',
    'ж',
    'женщина',
    'kadın',
    'kadin',
    'k',
    'زن',
    'femme',
    'féminin',
  ],
};

const CATEGORY_VALUES: Record<PersonCategory, readonly string[]> = {
  civilian: ['civilian', 'civilians', 'civil', 'مدني', 'مدنية', 'гражданский', 'гражданское лицо', 'sivil', 'غیرنظامی', 'civile'],
  combatant: [
    'combatant',
    'combatants',
    'fighter',
    'military',
    'soldier',
    'مقاتل',
    'مقاتلة',
    'عسكري',
    'комбатант',
    'боец',
    'военный',
    'savaşan',
    'asker',
    'combattant',
    'militaire',
    'رزمنده',
  ],
  minor: [
    'minor',
    'minors',
    'child',
    'juvenile',
    'قاصر',
    'قاصرة',
    'طفل',
    'طفلة',
    'несовершеннолетний',
    'ребёнок',
    'reşit olmayan',
    'çocuk',
    'mineur',
    'enfant',
    'کودک',
  ],
  woman: ['woman', 'women', 'امرأة', 'سيدة', 'نساء', 'женщина', 'kadın', 'kadin', 'femme', 'زن'],
  elderly: ['elderly', 'old', 'senior', 'aged', 'مسن', 'مسنة', 'كبير السن', 'كبيرة السن', 'пожилой', 'пожилая', 'yaşlı', 'âgé', 'personne âgée', 'سالمند'],
  sick: [
    'sick',
    'ill',
    'sick or wounded',
    'wounded',
    'injured',
    'مريض',
    'مريضة',
    'جريح',
    'مصاب',
    'больной',
    'больная',
    'раненый',
    'hasta',
    'yaralı',
    'malade',
    'blessé',
    'بیمار',
  ],
};

function lookup<T extends string>(table: Record<T, readonly string[]>): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const [value, words] of Object.entries(table) as [T, readonly string[]][]) {
    for (const word of [value, ...words]) map.set(headerKey(word), value);
  }
  return map;
}

/** A written sex (headerKey form) → the sex it means. */
export const SEX_LOOKUP = lookup(SEX_VALUES);
/** A written category (headerKey form) → the category it means. */
export const CATEGORY_LOOKUP = lookup(CATEGORY_VALUES);
