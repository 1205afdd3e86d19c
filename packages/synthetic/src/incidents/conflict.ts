/**
 * The shape of the demo's conflict in early 2017: fictional groups on real geography
 * (governorates by adm1 p-code), how the fighting moved week by week, and which kinds of
 * violation were reported how often. Data only; generate.ts draws from it.
 */
export type Side = 'government' | 'north-dawn' | 'orontes' | 'southern-union';
export type Excluded = 'isil' | 'jfs';
export const GUARANTORS = ['russia', 'turkey', 'iran'] as const;
export type Guarantor = (typeof GUARANTORS)[number];

/** Governorate weights (by adm1 p-code), the opposition groups present and the excluded groups around. */
export const GOVERNORATES: Record<string, { weight: number; groups: [Side, number][]; excluded: Excluded | null }> = {
  SY07: {
    weight: 18,
    groups: [
      ['north-dawn', 0.7],
      ['orontes', 0.3],
    ],
    excluded: 'jfs',
  }, // Idleb
  SY02: { weight: 16, groups: [['north-dawn', 1]], excluded: 'jfs' }, // Aleppo
  SY05: {
    weight: 14,
    groups: [
      ['orontes', 0.7],
      ['north-dawn', 0.3],
    ],
    excluded: 'jfs',
  }, // Hama
  SY03: {
    weight: 14,
    groups: [
      ['southern-union', 0.6],
      ['orontes', 0.4],
    ],
    excluded: 'jfs',
  }, // Rural Damascus
  SY12: { weight: 10, groups: [['southern-union', 1]], excluded: 'isil' }, // Dar'a
  SY04: { weight: 9, groups: [['orontes', 1]], excluded: 'isil' }, // Homs
  SY06: { weight: 5, groups: [['north-dawn', 1]], excluded: 'jfs' }, // Lattakia
  SY14: { weight: 3, groups: [['southern-union', 1]], excluded: 'jfs' }, // Quneitra
  SY01: { weight: 2, groups: [['southern-union', 1]], excluded: 'jfs' }, // Damascus
  SY09: { weight: 3, groups: [], excluded: 'isil' }, // Deir-ez-Zor
  SY11: { weight: 1.5, groups: [], excluded: 'isil' }, // Ar-Raqqa
  SY08: { weight: 1, groups: [], excluded: 'isil' }, // Al-Hasakeh
  SY13: { weight: 1, groups: [['southern-union', 1]], excluded: 'isil' }, // As-Sweida
  SY10: { weight: 0.5, groups: [['north-dawn', 1]], excluded: null }, // Tartous
};

/** Reports a week (0 = the week of 1 January): a fragile start, a lull around Astana, a rise in March. */
export const WEEK_WEIGHTS = [1.5, 1.7, 1.5, 1.2, 1.0, 0.9, 0.75, 0.8, 1.0, 1.1, 1.35, 1.55, 1.7];

/** Where the fighting concentrated in a given week (Wadi Barada in January, Hama and Jobar in March). */
export function governorateBoost(adm1: string, week: number) {
  if (adm1 === 'SY03' && week <= 4) return 2.2;
  if (adm1 === 'SY05' && week >= 11) return 2.0;
  if (adm1 === 'SY01' && week >= 11) return 4;
  if (adm1 === 'SY12' && week >= 6 && week <= 9) return 1.8;
  if (adm1 === 'SY02' && week >= 5 && week <= 8) return 1.4;
  return 1;
}

export const TYPES: [string, number][] = [
  ['shelling', 30],
  ['armed-clash', 24],
  ['air-strike', 10],
  ['troop-movement', 6],
  ['attack-on-civilians', 5],
  ['humanitarian-obstruction', 4],
  ['base-established', 4],
  ['territory-taken', 3],
  ['territory-regained', 3],
  ['explosive-device', 3],
  ['arrests', 3],
  ['abduction', 2],
  ['looting', 2],
  ['suicide-bomb', 0.6],
  ['chemical-weapon', 0.3],
];
export const NO_CASUALTIES = new Set(['troop-movement', 'base-established', 'humanitarian-obstruction', 'looting', 'territory-taken', 'territory-regained']);
