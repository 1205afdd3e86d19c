/**
 * The population behind synthetic lists: extended families (clans) of three generations,
 * from which clusters of detainees are drawn, so that the hard negatives of real lists
 * appear naturally. Brothers and sisters share father, grandfather, family name and mother,
 * and are born a few years apart; cousins share grandfather and family name; a father and
 * his son are both detained (the son's father's name is the father's given name, and an
 * eldest son often carries his grandfather's name); and about 2% of persons are pure
 * collisions — an unrelated man with the same common name (Muhammad Ahmad al-Ali) born in
 * another year. About 5% of clans are Kurdish.
 *
 * Every person also has a birth date and place, an 11-digit national ID (governorate,
 * family register, serial; siblings share the first five digits), a detention date and
 * place, and whether he or she was a combatant or sick.
 */
import type { Sex } from '@truce/core/detainees/person';
import type { NamePool, NameToken } from './name-pool.ts';
import type { PlaceName } from './places.ts';
import type { BirthDate } from './record-noise.ts';
import { WeightedTable, type Rng } from '../random.ts';

export interface Person {
  id: number;
  sex: Sex;
  given: NameToken;
  father: NameToken;
  grandfather: NameToken;
  family: NameToken;
  motherGiven: NameToken;
  motherFamily: NameToken;
  birth: BirthDate;
  birthPlace: PlaceName;
  nationalId: string;
  kurdish: boolean;
  /** The extended family (same grandfather and family name). */
  clan: number;
  /** Children of one father and mother. */
  household: number;
  /** The person's father when he is in the population too. */
  fatherId: number | null;
  /** The given name of the eldest son, for a kunya (Abu Ahmad), when known. */
  eldestSon: NameToken | null;
  /** An unrelated person whose name this one copies (a collision). */
  collisionOf: number | null;
  detainedOn: string;
  detainedAt: PlaceName;
  combatant: boolean;
  sick: boolean;
}

export interface PopulationOptions {
  size: number;
  pool: NamePool;
  places: PlaceName[];
  /** Share of clans that are Kurdish (default 0.05). */
  kurdishShare?: number;
  /** Share of persons that are collisions (default 0.02). */
  collisionShare?: number;
}

interface Node {
  sex: Sex;
  given: NameToken;
  father: NameToken;
  grandfather: NameToken;
  motherGiven: NameToken;
  motherFamily: NameToken;
  birthYear: number;
  household: number;
  parent: Node | null;
  eldestSon: NameToken | null;
  personId?: number;
}

/** Detainees drawn from one clan; sons of a grandfather; children of a father. */
const CLUSTER_SIZES = { 1: 0.5, 2: 0.25, 3: 0.12, 4: 0.07, 5: 0.04, 6: 0.02 };
const SONS = { 1: 0.3, 2: 0.35, 3: 0.25, 4: 0.1 };
const CHILDREN = { 1: 0.12, 2: 0.18, 3: 0.2, 4: 0.18, 5: 0.14, 6: 0.1, 7: 0.08 };
const DETENTION_START = Date.UTC(2011, 2, 15);
const DETENTION_END = Date.UTC(2016, 11, 31);
/** Ages (in 2015) of people who end up on detainee lists. */
const MIN_BIRTH = 1940;
const MAX_BIRTH = 2001;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (y: number, m: number) => (m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : MONTH_DAYS[m - 1]);
/** Every day of the detention period, as ISO dates. */
const DETENTION_DAYS = Array.from({ length: Math.floor((DETENTION_END - DETENTION_START) / 86400000) + 1 }, (_, i) =>
  new Date(DETENTION_START + i * 86400000).toISOString().slice(0, 10),
);

function drawBirth(year: number, rng: Rng): BirthDate {
  const month = 1 + rng.int(12);
  return { year, month, day: 1 + rng.int(daysIn(year, month)) };
}

function distinct(table: WeightedTable<NameToken>, taken: Set<NameToken>, rng: Rng): NameToken {
  for (let i = 0; i < 20; i++) {
    const t = table.draw(rng);
    if (!taken.has(t)) {
      taken.add(t);
      return t;
    }
  }
  const t = table.draw(rng);
  taken.add(t);
  return t;
}

const maleWeight = (n: Node) => (n.sex === 'male' ? 1 : 0.15) * (n.parent ? 1 : 0.5);

/** Draws one of `cands` not yet chosen, men far more often than women, sons more than fathers. */
function drawNode(cands: Node[], chosen: Node[], rng: Rng): Node | null {
  let total = 0;
  for (const c of cands) if (!chosen.includes(c)) total += maleWeight(c);
  if (total === 0) return null;
  let x = rng.next() * total;
  let last: Node | null = null;
  for (const c of cands) {
    if (chosen.includes(c)) continue;
    last = c;
    x -= maleWeight(c);
    if (x < 0) return c;
  }
  return last;
}

class PopulationBuilder {
  readonly persons: Person[] = [];
  private readonly usedIds = new Set<number>();
  private household = 0;
  private clanNo = 0;
  private readonly placeTable: WeightedTable<PlaceName>;
  private readonly govTables = new Map<string, WeightedTable<PlaceName>>();

  constructor(
    private readonly pool: NamePool,
    places: PlaceName[],
    private readonly rng: Rng,
  ) {
    this.placeTable = new WeightedTable(
      places,
      places.map((p) => p.weight),
    );
    const byGovernorate = new Map<string, PlaceName[]>();
    for (const p of places) {
      const list = byGovernorate.get(p.governorateCode) ?? [];
      list.push(p);
      byGovernorate.set(p.governorateCode, list);
    }
    for (const [k, list] of byGovernorate)
      this.govTables.set(
        k,
        new WeightedTable(
          list,
          list.map((p) => p.weight),
        ),
      );
  }

  private nearby(p: PlaceName): PlaceName {
    return (this.govTables.get(p.governorateCode) ?? this.placeTable).draw(this.rng);
  }

  private nationalId(place: PlaceName, register: number): string {
    for (;;) {
      const id = (Number(place.governorateCode) * 1000 + register) * 1_000_000 + this.rng.int(1_000_000);
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return String(id).padStart(11, '0');
      }
    }
  }

  private detentionDate(): string {
    return DETENTION_DAYS[this.rng.int(DETENTION_DAYS.length)];
  }

  private male(kurdish: boolean): WeightedTable<NameToken> {
    return kurdish && this.rng.chance(0.5) ? this.pool.kurdishMale : this.pool.male;
  }

  private female(kurdish: boolean): WeightedTable<NameToken> {
    return kurdish && this.rng.chance(0.5) ? this.pool.kurdishFemale : this.pool.female;
  }

  /** An unrelated person with the name of an earlier one, born in another year. */
  addCollision(): void {
    const { rng, pool, persons } = this;
    const model = persons[rng.int(persons.length)];
    const shift = (rng.chance(0.5) ? 1 : -1) * rng.range(2, 15);
    let year = Math.min(MAX_BIRTH, Math.max(MIN_BIRTH, model.birth.year + shift));
    if (year === model.birth.year) year -= 2;
    const birthPlace = rng.chance(0.5) ? model.birthPlace : this.placeTable.draw(rng);
    persons.push({
      ...model,
      id: persons.length,
      grandfather: rng.chance(0.3) ? model.grandfather : pool.male.draw(rng),
      motherGiven: this.female(model.kurdish).draw(rng),
      motherFamily: pool.family.draw(rng),
      birth: drawBirth(year, rng),
      birthPlace,
      nationalId: this.nationalId(birthPlace, rng.int(1000)),
      clan: -1 - persons.length,
      household: -1 - persons.length,
      fatherId: null,
      eldestSon: null,
      collisionOf: model.id,
      detainedOn: this.detentionDate(),
      detainedAt: this.nearby(birthPlace),
      combatant: rng.chance(0.25),
      sick: rng.chance(0.04),
    });
  }

  /** A clan of three generations, and a cluster of up to `room` detainees from it. */
  addClan(kurdish: boolean, room: number): void {
    const { rng, pool } = this;
    const clan = this.clanNo++;
    const family = kurdish && rng.chance(0.7) ? pool.kurdishFamily.draw(rng) : pool.family.draw(rng);
    const home = this.placeTable.draw(rng);
    const register = rng.int(1000);

    // Great-grandfather (a name only), grandfather, his sons, their children.
    const greatGrandfather = this.male(kurdish).draw(rng);
    const grandfather = this.male(kurdish).draw(rng);
    const grandmother = { given: this.female(kurdish).draw(rng), family: pool.family.draw(rng) };
    const sons: Node[] = [];
    const sonNames = new Set<NameToken>();
    const nSons = Number(rng.choose(SONS));
    let born = rng.range(1915, 1950) + rng.range(20, 28);
    for (let s = 0; s < nSons; s++) {
      let given: NameToken;
      if (s === 0 && rng.chance(0.3)) {
        given = greatGrandfather;
        sonNames.add(given);
      } else given = distinct(this.male(kurdish), sonNames, rng);
      sons.push({
        sex: 'male',
        given,
        father: grandfather,
        grandfather: greatGrandfather,
        motherGiven: grandmother.given,
        motherFamily: grandmother.family,
        birthYear: born,
        household: this.household,
        parent: null,
        eldestSon: null,
      });
      born += rng.range(1, 6);
    }
    this.household++;

    const eligible: Node[] = sons.filter((n) => n.birthYear >= MIN_BIRTH);
    for (const dad of sons) {
      const hh = this.household++;
      const mother = { given: this.female(kurdish).draw(rng), family: rng.chance(0.25) ? family : pool.family.draw(rng) };
      const nKids = Number(rng.choose(CHILDREN));
      const names = new Set<NameToken>([dad.given]);
      let year = dad.birthYear + rng.range(20, 32);
      for (let k = 0; k < nKids; k++) {
        const sex: Sex = rng.chance(0.5) ? 'male' : 'female';
        let given: NameToken;
        // The eldest son is often named after his paternal grandfather.
        if (sex === 'male' && !dad.eldestSon && rng.chance(0.35) && !names.has(grandfather)) {
          given = grandfather;
          names.add(given);
        } else given = distinct(sex === 'male' ? this.male(kurdish) : this.female(kurdish), names, rng);
        if (sex === 'male' && !dad.eldestSon) dad.eldestSon = given;
        if (year >= MIN_BIRTH && year <= MAX_BIRTH) {
          eligible.push({
            sex,
            given,
            father: dad.given,
            grandfather,
            motherGiven: mother.given,
            motherFamily: mother.family,
            birthYear: year,
            household: hh,
            parent: dad,
            eldestSon: null,
          });
        }
        year += rng.chance(0.03) ? 0 : rng.range(1, 4); // twins, rarely
      }
    }
    if (eligible.length === 0) return;

    // The cluster: brothers, cousins, a father and his son.
    const want = Math.min(Number(rng.choose(CLUSTER_SIZES)), room, eligible.length);
    const chosen: Node[] = [];
    while (chosen.length < want) {
      let next: Node | null = null;
      if (chosen.length > 0) {
        const anchor = rng.pick(chosen);
        const r = rng.next();
        if (r < 0.55)
          next = drawNode(
            eligible.filter((n) => n.household === anchor.household),
            chosen,
            rng,
          );
        else if (r < 0.75)
          next = drawNode(
            eligible.filter((n) => n.parent === anchor || anchor.parent === n),
            chosen,
            rng,
          );
      }
      next ??= drawNode(eligible, chosen, rng);
      if (!next) break;
      chosen.push(next);
    }
    const clusterDate = this.detentionDate();
    for (const n of chosen) {
      const p: Person = {
        id: this.persons.length,
        sex: n.sex,
        given: n.given,
        father: n.father,
        grandfather: n.grandfather,
        family,
        motherGiven: n.motherGiven,
        motherFamily: n.motherFamily,
        birth: drawBirth(n.birthYear, rng),
        birthPlace: rng.chance(0.8) ? home : this.nearby(home),
        nationalId: this.nationalId(home, register),
        kurdish,
        clan,
        household: n.household,
        fatherId: null,
        eldestSon: n.eldestSon,
        collisionOf: null,
        detainedOn: rng.chance(0.5) ? clusterDate : this.detentionDate(),
        detainedAt: rng.chance(0.7) ? this.nearby(home) : this.placeTable.draw(rng),
        combatant: n.sex === 'male' && rng.chance(0.3),
        sick: rng.chance(0.04),
      };
      n.personId = p.id;
      this.persons.push(p);
    }
    for (const n of chosen) if (n.parent?.personId !== undefined) this.persons[n.personId!].fatherId = n.parent.personId;
  }
}

/** Generates `size` persons, in clusters of relatives, plus collisions. */
export function generatePopulation(opts: PopulationOptions, rng: Rng): Person[] {
  const kurdishShare = opts.kurdishShare ?? 0.05;
  const collisionShare = opts.collisionShare ?? 0.02;
  const b = new PopulationBuilder(opts.pool, opts.places, rng);
  // A clan yields 1.96 persons on average: this rate makes `collisionShare` of persons collisions.
  const collisionRate = (1.96 * collisionShare) / (1 - collisionShare + 1.96 * collisionShare);
  while (b.persons.length < opts.size) {
    if (b.persons.length > 20 && rng.chance(collisionRate)) b.addCollision();
    else b.addClan(rng.chance(kurdishShare), opts.size - b.persons.length);
  }
  return b.persons;
}

/** Sibling; parent and child; cousin, uncle or nephew (same clan); an unrelated namesake. */
export type Relation = 'sibling' | 'parent-child' | 'cousin' | 'collision';

/** How two different persons are related, if they are. */
export function relationOf(a: Person, b: Person): Relation | null {
  if (a.id === b.id) return null;
  if (a.collisionOf === b.id || b.collisionOf === a.id || (a.collisionOf !== null && a.collisionOf === b.collisionOf)) return 'collision';
  if (a.clan < 0 || a.clan !== b.clan) return null;
  if (a.fatherId === b.id || b.fatherId === a.id) return 'parent-child';
  if (a.household === b.household) return 'sibling';
  return 'cousin';
}
