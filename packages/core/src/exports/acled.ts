import type { GeoPrecision, TimePrecision } from '../reports/model.ts';
import type { Cell } from './csv.ts';
import { joined } from './hxl.ts';
import type { ExportReport } from './record.ts';

/**
 * Reports as rows of ACLED's data set (Armed Conflict Location & Event Data, codebook of
 * 2023–24), so that analysts can put the mechanism's reports beside ACLED's own events.
 * The columns, in ACLED's order, and ACLED's codes: time and geo precision 1–3, the
 * numeric actor types (inter1, inter2: 1 state forces … 8 external/other forces) and the
 * two-digit interaction code, the disorder type, "Civilian targeting". Each report is one
 * event: the reports of one incident describe the same event and give one row each.
 */
export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
] as const;
export type AcledColumn = (typeof ACLED_COLUMNS)[number];

/** The country the mechanism covers, as ACLED names it. */
export interface AcledCountry {
  /** ISO 3166-1 numeric code. */
  iso: number;
  /** ISO 3166-1 alpha-3 code, the prefix of ACLED's event ids. */
  iso3: string;
  name: string;
  /** ACLED's region. */
  region: string;
}

export const SYRIA: AcledCountry = { iso: 760, iso3: 'SYR', name: 'Syria', region: 'Middle East' };

/** ACLED's event types with their sub-event types (codebook 2023–24). */
export const ACLED_EVENT_TYPES: Readonly<Record<string, readonly string[]>> = {
  Battles: ['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory'],
  'Explosions/Remote violence': [
    'Chemical weapon',
    'Air/drone strike',
    'Suicide bomb',
    'Shelling/artillery/missile attack',
    'Remote explosive/landmine/IED',
    'Grenade',
  ],
  'Violence against civilians': ['Sexual violence', 'Attack', 'Abduction/forced disappearance'],
  Protests: ['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters'],
  Riots: ['Violent demonstration', 'Mob violence'],
  'Strategic developments': [
    'Agreement',
    'Arrests',
    'Change to group/activity',
    'Disrupted weapons use',
    'Headquarters or base established',
    'Looting/property destruction',
    'Non-violent transfer of territory',
    'Other',
  ],
};

/**
 * The default taxonomy's codes and their ACLED types. A mechanism's taxonomy carries its
 * own mapping (set-up, C1); this one is used for a type the taxonomy does not map.
 */
export const DEFAULT_ACLED_TYPES: Readonly<Record<string, readonly [string, string]>> = {
  'armed-clash': ['Battles', 'Armed clash'],
  'territory-taken': ['Battles', 'Non-state actor overtakes territory'],
  'territory-regained': ['Battles', 'Government regains territory'],
  shelling: ['Explosions/Remote violence', 'Shelling/artillery/missile attack'],
  'air-strike': ['Explosions/Remote violence', 'Air/drone strike'],
  'explosive-device': ['Explosions/Remote violence', 'Remote explosive/landmine/IED'],
  'suicide-bomb': ['Explosions/Remote violence', 'Suicide bomb'],
  'chemical-weapon': ['Explosions/Remote violence', 'Chemical weapon'],
  'attack-on-civilians': ['Violence against civilians', 'Attack'],
  abduction: ['Violence against civilians', 'Abduction/forced disappearance'],
  'sexual-violence': ['Violence against civilians', 'Sexual violence'],
  arrests: ['Strategic developments', 'Arrests'],
  looting: ['Strategic developments', 'Looting/property destruction'],
  'base-established': ['Strategic developments', 'Headquarters or base established'],
  'humanitarian-obstruction': ['Strategic developments', 'Other'],
  'troop-movement': ['Strategic developments', 'Other'],
};

/** Whether an event and sub-event type pair is one of ACLED's. */
export const isAcledType = (eventType: string, subEventType: string) => ACLED_EVENT_TYPES[eventType]?.includes(subEventType) ?? false;

/** The ACLED types of a report: the taxonomy's when they are ACLED's, else the default mapping, else "Strategic developments / Other". */
export function acledTypes(r: Pick<ExportReport, 'typeCode' | 'acledEventType' | 'acledSubEventType'>): [string, string] {
  if (r.acledEventType && r.acledSubEventType && isAcledType(r.acledEventType, r.acledSubEventType)) return [r.acledEventType, r.acledSubEventType];
  const fallback = DEFAULT_ACLED_TYPES[r.typeCode];
  return fallback ? [fallback[0], fallback[1]] : ['Strategic developments', 'Other'];
}

/** ACLED's disorder type of an event type. */
export function disorderType(eventType: string, subEventType: string): string {
  if (eventType === 'Strategic developments') return 'Strategic developments';
  if (eventType === 'Protests') return 'Demonstrations';
  if (eventType === 'Riots') return subEventType === 'Mob violence' ? 'Political violence; Demonstrations' : 'Demonstrations';
  return 'Political violence';
}

/**
 * ACLED's time precision: 1 the day is known, 2 the week, 3 the month. A time given to
 * the minute, the hour or the day is 1; an approximate time says no more than the month.
 */
export function acledTimePrecision(p: TimePrecision): 1 | 2 | 3 {
  return p === 'approximate' ? 3 : 1;
}

/**
 * ACLED's geo precision: 1 the place itself (a point or a named town), 2 a part of a
 * district near it, 3 only the larger region. A place shown rounded to its district is 2.
 */
export function acledGeoPrecision(p: GeoPrecision): 1 | 2 | 3 {
  switch (p) {
    case 'exact':
    case 'place':
      return 1;
    case 'district':
      return 2;
    case 'governorate':
      return 3;
  }
}

/** ACLED's actor types, the numbers of inter1 and inter2. */
export const ACTOR_TYPES = {
  state: 1,
  rebel: 2,
  politicalMilitia: 3,
  identityMilitia: 4,
  rioters: 5,
  protesters: 6,
  civilians: 7,
  external: 8,
} as const;
export type ActorType = (typeof ACTOR_TYPES)[keyof typeof ACTOR_TYPES];

/**
 * ACLED's interaction code: the two actor types, the smaller first (12: state forces and
 * a rebel group); an actor type alone ends in 0 (20: a rebel group on its own).
 */
export function interaction(inter1: ActorType | null, inter2: ActorType | null): number | null {
  if (inter1 === null) return inter2 === null ? null : inter2 * 10;
  if (inter2 === null) return inter1 * 10;
  return Math.min(inter1, inter2) * 10 + Math.max(inter1, inter2);
}

/**
 * How the export names an actor to ACLED: a party's or excluded group's type is looked up
 * (`actorTypeOf`: the server says which party is the state); an unknown perpetrator is
 * ACLED's "Unidentified Armed Group" (a political militia); civilians are civilians.
 */
export interface AcledOptions {
  country: AcledCountry;
  actorTypeOf: (id: string, kind: 'party' | 'excluded') => ActorType;
}

function perpetrator(r: ExportReport, o: AcledOptions): [string, ActorType] {
  const a = r.alleged;
  if ((a.kind === 'party' || a.kind === 'excluded') && a.id) return [a.name ?? a.id, o.actorTypeOf(a.id, a.kind)];
  return [`Unidentified Armed Group (${o.country.name})`, ACTOR_TYPES.politicalMilitia];
}

function target(r: ExportReport, o: AcledOptions): [string, ActorType] | null {
  const a = r.affected;
  if (a.kind === 'civilians') return [`Civilians (${o.country.name})`, ACTOR_TYPES.civilians];
  if (a.kind === 'party' && a.id) return [a.name ?? a.id, o.actorTypeOf(a.id, 'party')];
  return null;
}

const sum = (...xs: (number | null)[]) => xs.reduce<number>((s, x) => s + (x ?? 0), 0);

/** One report as an ACLED row, in ACLED_COLUMNS order. */
export function acledRow(r: ExportReport, o: AcledOptions): Cell[] {
  const [eventType, subEventType] = acledTypes(r);
  const [actor1, inter1] = perpetrator(r, o);
  const second = target(r, o);
  const civilians = r.affected.kind === 'civilians' || eventType === 'Violence against civilians';
  const tags = joined([
    `truce_report=${r.id}`,
    `truce_type=${r.typeCode}`,
    r.incidentId ? `truce_incident=${r.incidentId}` : null,
    r.finding ? `truce_finding=${r.finding}` : null,
    r.locationRounded ? 'location rounded to district' : null,
    r.withdrawnAt ? 'withdrawn by the reporter' : null,
    r.casualties.killedCivilian === null && r.casualties.killedCombatant === null ? 'fatalities not known' : null,
  ]);
  const row: Record<AcledColumn, Cell> = {
    event_id_cnty: `${o.country.iso3}-${r.id}`,
    event_date: r.occurredAt.slice(0, 10),
    year: Number(r.occurredAt.slice(0, 4)),
    time_precision: acledTimePrecision(r.timePrecision),
    disorder_type: disorderType(eventType, subEventType),
    event_type: eventType,
    sub_event_type: subEventType,
    actor1,
    assoc_actor_1: null,
    inter1,
    actor2: second?.[0] ?? null,
    assoc_actor_2: null,
    inter2: second?.[1] ?? null,
    interaction: interaction(inter1, second?.[1] ?? null),
    civilian_targeting: civilians ? 'Civilian targeting' : null,
    iso: o.country.iso,
    region: o.country.region,
    country: o.country.name,
    admin1: r.adm1?.nameEn ?? null,
    admin2: r.adm2?.nameEn ?? null,
    admin3: null,
    location: r.placeName ?? r.adm2?.nameEn ?? r.adm1?.nameEn ?? null,
    latitude: r.lat,
    longitude: r.lon,
    geo_precision: acledGeoPrecision(r.geoPrecision),
    source: `Truce: ${r.reporter.name}`,
    source_scale: 'Other',
    notes: r.description,
    fatalities: sum(r.casualties.killedCivilian, r.casualties.killedCombatant),
    tags,
    timestamp: Math.floor(Date.parse(r.updatedAt) / 1000),
  };
  return ACLED_COLUMNS.map((c) => row[c]);
}

/**
 * Which ACLED actor type a party or group is, when nothing else says: a party whose name
 * says it is the government (in English or Arabic) is state forces; every other party,
 * and every group excluded from the ceasefire, a rebel group.
 */
export function guessActorType(name: string, kind: 'party' | 'excluded'): ActorType {
  if (kind === 'party' && /\bgovernment\b|\bstate forces\b|\bministry of defen[cs]e\b|حكومة|الجيش العربي السوري/iu.test(name)) return ACTOR_TYPES.state;
  return ACTOR_TYPES.rebel;
}
