/**
 * Places of birth and detention for synthetic persons: real Syrian populated places in
 * Arabic and Latin (the caller passes the gazetteer's rows, e.g. through
 * `placesFromGazetteerTsv`; the generator reads no files), with the fourteen governorates as a
 * built-in fallback. A list may write a place as its governorate or with another spelling
 * (Idleb/Idlib, Deir-ez-Zor/Dayr al-Zawr, Hasakeh/Hassake).
 */
import type { Rng } from '../random.ts';

export interface PlaceName {
  ar: string;
  latin: string;
  governorateAr: string;
  governorateLatin: string;
  /** Two-digit governorate number (01 Damascus … 14 Quneitra), used in national IDs. */
  governorateCode: string;
  /** Sampling weight (a governorate or district seat draws more people). */
  weight: number;
}

/** The fourteen governorates (OCHA p-codes SY01…SY14). */
export const GOVERNORATES: PlaceName[] = [
  ['دمشق', 'Damascus'],
  ['حلب', 'Aleppo'],
  ['ريف دمشق', 'Rural Damascus'],
  ['حمص', 'Homs'],
  ['حماة', 'Hama'],
  ['اللاذقية', 'Lattakia'],
  ['إدلب', 'Idleb'],
  ['الحسكة', 'Al-Hasakeh'],
  ['دير الزور', 'Deir-ez-Zor'],
  ['طرطوس', 'Tartous'],
  ['الرقة', 'Ar-Raqqa'],
  ['درعا', "Dar'a"],
  ['السويداء', 'As-Sweida'],
  ['القنيطرة', 'Quneitra'],
].map(([ar, latin], i) => ({
  ar,
  latin,
  governorateAr: ar,
  governorateLatin: latin,
  governorateCode: String(i + 1).padStart(2, '0'),
  weight: [17, 21, 12, 8, 8, 5, 7, 6, 6, 4, 4, 5, 2, 1][i],
}));

/** Other ways lists spell the governorates. */
const GOVERNORATE_SPELLINGS: Record<string, string[]> = {
  Damascus: ['Damas', 'Dimashq', 'Damascus City'],
  Aleppo: ['Halab', 'Alep', 'Haleb'],
  'Rural Damascus': ['Rif Dimashq', 'Damascus Countryside', 'Reef Damascus', 'Rif Damas'],
  Homs: ['Hims', 'Homs City'],
  Hama: ['Hamah', 'Hamat', 'Hamma'],
  Lattakia: ['Latakia', 'Lattaquié', 'Al-Ladhiqiyah', 'Lattaquie'],
  Idleb: ['Idlib', 'Edlib', 'Idlb'],
  'Al-Hasakeh': ['Hasakah', 'Al-Hasakah', 'Hassake', 'Hasaka', 'El Hassaka'],
  'Deir-ez-Zor': ['Deir ez-Zor', 'Deir Ezzor', 'Dayr al-Zawr', 'Deir al-Zour', 'Deir Ez Zor', 'Deirezzor'],
  Tartous: ['Tartus', 'Tartouss', 'Tartos'],
  'Ar-Raqqa': ['Raqqa', 'Al-Raqqah', 'Rakka', 'Raqqah', 'Er-Raqqa'],
  "Dar'a": ['Daraa', 'Deraa', "Dera'a", 'Deraah'],
  'As-Sweida': ['Suwayda', 'Sweida', 'As-Suwayda', 'Soueida', 'Sweidaa'],
  Quneitra: ['Qunaytirah', 'Kuneitra', 'Al-Qunaitra'],
};

/**
 * Places from the gazetteer's TSV (`syr_populated_places.tsv`: name_en, name_ar,
 * capital_level, adm1_pcode, adm1_en, adm1_ar …, with a header row).
 */
export function placesFromGazetteerTsv(tsv: string): PlaceName[] {
  const [header, ...rows] = tsv.split('\n');
  const cols = header.split('\t').map((c) => c.trim());
  const at = (name: string) => {
    const i = cols.indexOf(name);
    if (i < 0) throw new Error(`gazetteer TSV has no ${name} column`);
    return i;
  };
  const [en, ar, level, gcode, gen, gar] = ['name_en', 'name_ar', 'capital_level', 'adm1_pcode', 'adm1_en', 'adm1_ar'].map(at);
  const out: PlaceName[] = [];
  for (const row of rows) {
    const c = row.split('\t');
    if (c.length < cols.length - 1 || !c[en] || !c[ar]) continue;
    const lvl = c[level]?.trim();
    const code = /^SY(\d\d)$/.exec(c[gcode]?.trim() ?? '')?.[1] ?? '00';
    const govAr = c[gar].trim().replace(/^مدينة /, '');
    out.push({
      ar: c[ar].trim(),
      latin: c[en].trim(),
      governorateAr: govAr,
      governorateLatin: c[gen].trim(),
      governorateCode: code,
      weight: lvl === '0' || lvl === '1' ? 60 : lvl === '2' ? 12 : lvl === '3' ? 4 : 1,
    });
  }
  return out;
}

/** Another Latin spelling of a place, as a different clerk writes it. */
export function respellPlace(latin: string, rng: Rng): string {
  const known = GOVERNORATE_SPELLINGS[latin];
  if (known && rng.chance(0.8)) return rng.pick(known);
  let s = latin;
  const ops = [
    () => s.replace(/^(Al|El|Ar|As|Ad|Ash|At|An|Az)[- ]/i, rng.pick(['Al-', 'El-', 'Al ', 'El ', ''])),
    () => s.replace(/e/, 'a'),
    () => s.replace(/a(?=[^aeiou]*$)/, 'e'),
    () => s.replace(/ou/, 'u'),
    () => s.replace(/u/, 'ou'),
    () => s.replace(/([bdfklmnrstz])\1/, '$1'),
    () => s.replace(/([aeiou])([bdfklmnrstz])([aeiou])/, '$1$2$2$3'),
    () => s.replace(/eh$/, 'a').replace(/a$/, 'eh'),
    () => s.replace(/ei/, 'ay').replace(/ai/, 'ei'),
    () => s.replace(/'/g, ''),
    () => s.replace(/q/i, (m) => (m === 'Q' ? 'K' : 'k')),
  ];
  for (let tries = 0; tries < 4 && s === latin; tries++) s = rng.pick(ops)();
  return s;
}
