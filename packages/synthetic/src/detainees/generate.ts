/**
 * `generateLists`: a held list and a sought list of synthetic persons with ground truth,
 * to measure the matching engine (recall after blocking, at review; precision at link) on
 * lists it was not tuned on, and to fill the demo. Deterministic for a seed.
 *
 * The population (families.ts) is split into persons on both lists (`overlap` of the
 * sought list, 1:1), on the held list only and on the sought list only; relatives and
 * namesakes fall on either side, which makes the hard negatives. Each list is assembled
 * from batches typed by different clerks (clerks.ts), shuffled, and numbered; about 3% of
 * persons appear twice in the same list. The truth holds every sought×held pair of rows
 * of the same person, tagged with the schemes of the two rows, the number of corruptions
 * in them and whether they share no script.
 */
import type { PersonRecord } from '@truce/core/detainees/person';
import { drawClerk, type Clerk, type Script } from './clerks.ts';
import { generatePopulation, relationOf, type Person, type Relation } from './families.ts';
import { buildNamePool, type NamePool, type NameTokenData } from './name-pool.ts';
import { GOVERNORATES, type PlaceName } from './places.ts';
import { Rng } from '../random.ts';
import { renderRecord, type Rendered } from './render.ts';
import type { Scheme } from './transliterate.ts';

export type ScriptMode = 'ar-latin' | 'ar-ar' | 'latin-latin' | 'mixed';

export interface GenerateOptions {
  seed: number;
  heldSize: number;
  soughtSize: number;
  /** Share of sought persons that are also held (default 0.4). */
  overlap?: number;
  /**
   * 'ar-latin': held lists in Arabic script, sought lists in Latin; 'ar-ar' and
   * 'latin-latin': both in one script (two clerks); 'mixed' (default): every list mixes
   * batches in Arabic, Latin and both, held lists mostly Arabic, sought mostly Latin.
   */
  scripts?: ScriptMode;
  /** Share of rows of a list that repeat a person already on it (default 0.03). */
  duplicateRate?: number;
  /** The Wikidata name tokens (`parseNameTokens`). */
  tokens: NameTokenData;
  /** Places of birth and detention (default: the 14 governorates). */
  places?: PlaceName[];
  /** Probability of using an attested Wikidata spelling of a token rather than the letter rules (default 0.5). */
  lexiconShare?: number;
  /** Share of records carrying the national ID (default 0.3). */
  nationalIdRate?: number;
  /** Probability of a typo per name field (default 0.03). */
  typoRate?: number;
  kurdishShare?: number;
  collisionShare?: number;
  /**
   * Arabic-Indic digits (٠١٢…) in birth and detention dates of Arabic-script rows, at the
   * clerk's rate (default false: PersonRecord dates are ISO; turn on to test an importer).
   */
  indicDigitDates?: boolean;
  /** A name pool built earlier from the same tokens, to save its ~0.3 s. */
  pool?: NamePool;
}

/**
 * A true pair. `scheme`: the sought row's and the held row's writing, e.g. 'latin-fr|ar'
 * ('ar', 'latin-en', 'latin-fr', 'ar+latin-en' for a row with both scripts).
 * `corruptions`: errors and omissions in the two rows together — typos, a dropped father
 * or family name, father's name as family name, a kunya, a split compound, wrong or
 * missing birth dates, ID slips, wrong sex; spelling conventions (transliteration, hamza,
 * ta marbuta, a dropped grandfather or mother) are not counted. `crossScript`: the rows
 * share no script.
 */
export interface TruthPair {
  soughtRef: string;
  heldRef: string;
  tags: { scheme: string; corruptions: number; crossScript: boolean };
}

export interface DuplicatePair {
  list: 'held' | 'sought';
  refA: string;
  refB: string;
}

/** A sought row and a held row of two different but confusable persons. */
export interface HardNegative {
  soughtRef: string;
  heldRef: string;
  relation: Relation;
}

export interface GeneratedLists {
  held: PersonRecord[];
  sought: PersonRecord[];
  truth: TruthPair[];
  duplicates: DuplicatePair[];
  hardNegatives: HardNegative[];
  /** Clerk profiles of each list's batches (for describing a run). */
  clerks: { held: Clerk[]; sought: Clerk[] };
}

const SCRIPT_MIX: Record<ScriptMode, { held: Partial<Record<Script, number>>; sought: Partial<Record<Script, number>> }> = {
  'ar-latin': { held: { ar: 1 }, sought: { latin: 1 } },
  'ar-ar': { held: { ar: 1 }, sought: { ar: 1 } },
  'latin-latin': { held: { latin: 1 }, sought: { latin: 1 } },
  mixed: { held: { ar: 0.65, latin: 0.2, both: 0.15 }, sought: { latin: 0.6, ar: 0.25, both: 0.15 } },
};

interface Row {
  person: Person;
  rendered: Rendered;
  ref: string;
}

function splitIntoBatches(n: number, rng: Rng): number[] {
  if (n === 0) return [];
  const k = Math.max(1, Math.min(n, 1 + Math.floor(Math.sqrt(n) / 8) + rng.int(3)));
  const w = Array.from({ length: k }, () => -Math.log(1 - rng.next()) + 0.2);
  const total = w.reduce((a, b) => a + b, 0);
  const sizes = w.map((x) => Math.floor((x / total) * n));
  let rest = n - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % k, rest--) sizes[i]++;
  return sizes;
}

function buildList(
  side: 'held' | 'sought',
  persons: Person[],
  duplicateRate: number,
  opts: { mix: Partial<Record<Script, number>>; scheme: Scheme; lexiconShare: number; nationalIdRate: number; typoRate: number; indicDates: boolean },
  pool: NamePool,
  rng: Rng,
): { rows: Row[]; clerks: Clerk[]; duplicates: [number, number][] } {
  const nDup = Math.round(persons.length * (duplicateRate / (1 - duplicateRate)));
  const order = rng.shuffle(persons.slice());
  const sizes = splitIntoBatches(order.length, rng);
  const clerks: Clerk[] = [];
  const rows: Row[] = [];
  const clerkOfRow: Clerk[] = [];
  let at = 0;
  sizes.forEach((size, b) => {
    const clerk = drawClerk(
      `${side}-${b + 1}`,
      {
        scripts: opts.mix,
        scheme: opts.scheme,
        lexiconShare: opts.lexiconShare,
        nationalIdRate: opts.nationalIdRate,
        typoRate: opts.typoRate,
        indicDates: opts.indicDates,
        side,
      },
      rng,
    );
    clerks.push(clerk);
    for (let i = 0; i < size; i++, at++) {
      const person = order[at];
      rows.push({ person, rendered: renderRecord(person, clerk, '', side, pool, rng), ref: '' });
      clerkOfRow.push(clerk);
    }
  });
  // The same person again, typed by the same clerk or from another batch.
  const duplicates: [number, number][] = [];
  for (let d = 0; d < nDup && rows.length > 0; d++) {
    const src = rng.int(persons.length);
    const clerk = rng.chance(0.4) ? clerkOfRow[src] : rng.pick(clerks);
    rows.push({ person: rows[src].person, rendered: renderRecord(rows[src].person, clerk, '', side, pool, rng), ref: '' });
    duplicates.push([src, rows.length - 1]);
  }
  // Shuffle the rows, then number them, so that neither order nor reference tells anything.
  const perm = rng.shuffle(rows.map((_, i) => i));
  const position = new Array<number>(rows.length);
  perm.forEach((rowIndex, pos) => {
    position[rowIndex] = pos;
  });
  const prefix = side === 'held' ? 'H' : 'S';
  const width = Math.max(5, String(rows.length).length);
  const shuffled = perm.map((i, pos) => {
    const row = rows[i];
    row.ref = `${prefix}${String(pos + 1).padStart(width, '0')}`;
    row.rendered.record.ref = row.ref;
    return row;
  });
  return { rows: shuffled, clerks, duplicates: duplicates.map(([a, b]) => [position[a], position[b]]) };
}

/** Generates a held and a sought list with their ground truth. */
export function generateLists(opts: GenerateOptions): GeneratedLists {
  const heldSize = Math.max(0, Math.floor(opts.heldSize));
  const soughtSize = Math.max(0, Math.floor(opts.soughtSize));
  const overlap = Math.min(1, Math.max(0, opts.overlap ?? 0.4));
  const duplicateRate = Math.min(0.5, Math.max(0, opts.duplicateRate ?? 0.03));
  const mode = opts.scripts ?? 'mixed';
  const rng = new Rng(opts.seed);
  const pool = opts.pool ?? buildNamePool(opts.tokens);
  const places = opts.places && opts.places.length > 0 ? opts.places : GOVERNORATES;

  // Distinct persons per list; the duplicates make up the rest of the rows.
  const heldPersons = heldSize - Math.round(heldSize * duplicateRate);
  const soughtPersons = soughtSize - Math.round(soughtSize * duplicateRate);
  const common = Math.min(heldPersons, Math.round(overlap * soughtPersons));
  const universe = heldPersons + soughtPersons - common;
  const population = generatePopulation(
    { size: universe, pool, places, kurdishShare: opts.kurdishShare, collisionShare: opts.collisionShare },
    rng.fork('population'),
  );
  const assignRng = rng.fork('assign');
  const order = assignRng.shuffle(population.slice());
  const both = order.slice(0, common);
  const heldOnly = order.slice(common, common + heldPersons - common);
  const soughtOnly = order.slice(heldPersons, heldPersons + soughtPersons - common);

  const heldScheme: Scheme = assignRng.chance(0.5) ? 'en' : 'fr';
  const soughtScheme: Scheme = assignRng.chance(0.5) ? 'en' : 'fr';
  const common_ = {
    lexiconShare: opts.lexiconShare ?? 0.5,
    nationalIdRate: opts.nationalIdRate ?? 0.3,
    typoRate: opts.typoRate ?? 0.03,
    indicDates: opts.indicDigitDates ?? false,
  };
  const held = buildList('held', [...both, ...heldOnly], duplicateRate, { ...common_, mix: SCRIPT_MIX[mode].held, scheme: heldScheme }, pool, rng.fork('held'));
  const sought = buildList(
    'sought',
    [...both, ...soughtOnly],
    duplicateRate,
    { ...common_, mix: SCRIPT_MIX[mode].sought, scheme: soughtScheme },
    pool,
    rng.fork('sought'),
  );

  // Ground truth: every pair of rows of the same person across the lists.
  const heldByPerson = new Map<number, Row[]>();
  for (const row of held.rows) {
    const list = heldByPerson.get(row.person.id) ?? [];
    list.push(row);
    heldByPerson.set(row.person.id, list);
  }
  const truth: TruthPair[] = [];
  for (const s of sought.rows) {
    for (const h of heldByPerson.get(s.person.id) ?? []) {
      const sr = s.rendered;
      const hr = h.rendered;
      const shared = (sr.hasArabic && hr.hasArabic) || (sr.hasLatin && hr.hasLatin);
      truth.push({
        soughtRef: s.ref,
        heldRef: h.ref,
        tags: { scheme: `${sr.scheme}|${hr.scheme}`, corruptions: sr.corruptions + hr.corruptions, crossScript: !shared },
      });
    }
  }

  // Hard negatives: relatives and namesakes across the lists.
  const heldByClan = new Map<number, Row[]>();
  const heldByCollision = new Map<number, Row[]>();
  for (const row of held.rows) {
    const p = row.person;
    const add = (m: Map<number, Row[]>, k: number) => {
      const list = m.get(k) ?? [];
      list.push(row);
      m.set(k, list);
    };
    if (p.clan >= 0) add(heldByClan, p.clan);
    add(heldByCollision, p.collisionOf ?? p.id);
  }
  const hardNegatives: HardNegative[] = [];
  for (const s of sought.rows) {
    const p = s.person;
    // The two groups do not overlap: collisions belong to no clan.
    for (const group of [p.clan >= 0 ? heldByClan.get(p.clan) : undefined, heldByCollision.get(p.collisionOf ?? p.id)]) {
      for (const h of group ?? []) {
        const relation = relationOf(p, h.person);
        if (relation) hardNegatives.push({ soughtRef: s.ref, heldRef: h.ref, relation });
      }
    }
  }

  const duplicates: DuplicatePair[] = [
    ...held.duplicates.map(([a, b]) => ({ list: 'held' as const, refA: held.rows[a].ref, refB: held.rows[b].ref })),
    ...sought.duplicates.map(([a, b]) => ({ list: 'sought' as const, refA: sought.rows[a].ref, refB: sought.rows[b].ref })),
  ];
  truth.sort((a, b) => (a.soughtRef < b.soughtRef ? -1 : a.soughtRef > b.soughtRef ? 1 : a.heldRef < b.heldRef ? -1 : 1));
  return {
    held: held.rows.map((r) => r.rendered.record),
    sought: sought.rows.map((r) => r.rendered.record),
    truth,
    duplicates,
    hardNegatives,
    clerks: { held: held.clerks, sought: sought.clerks },
  };
}
