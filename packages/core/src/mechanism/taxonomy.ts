/**
 * The default violation taxonomy. Each type maps onto an ACLED event type and sub-event
 * type (ACLED codebook), so exports line up with the data set analysts already use. The
 * secretariat edits, deactivates or adds types in set-up.
 */
/** The ACLED event types a violation type maps onto, in the order the set-up form offers them. */
export const ACLED_EVENT_TYPES = [
  'Battles',
  'Explosions/Remote violence',
  'Violence against civilians',
  'Protests',
  'Riots',
  'Strategic developments',
] as const;
export type AcledEventType = (typeof ACLED_EVENT_TYPES)[number];

export interface TaxonomyDefault {
  code: string;
  label: string;
  description: string;
  acledEventType: string;
  acledSubEventType: string;
}

export const DEFAULT_TAXONOMY: readonly TaxonomyDefault[] = [
  {
    code: 'armed-clash',
    label: 'Armed clash',
    description: 'Exchange of fire or ground fighting between armed forces or groups.',
    acledEventType: 'Battles',
    acledSubEventType: 'Armed clash',
  },
  {
    code: 'territory-taken',
    label: 'Seizure of territory',
    description: 'An armed party takes a position or area held by another.',
    acledEventType: 'Battles',
    acledSubEventType: 'Non-state actor overtakes territory',
  },
  {
    code: 'territory-regained',
    label: 'Government regains territory',
    description: 'Government forces retake a position or area.',
    acledEventType: 'Battles',
    acledSubEventType: 'Government regains territory',
  },
  {
    code: 'shelling',
    label: 'Shelling, artillery or missile attack',
    description: 'Indirect fire: artillery, mortars, rockets or missiles.',
    acledEventType: 'Explosions/Remote violence',
    acledSubEventType: 'Shelling/artillery/missile attack',
  },
  {
    code: 'air-strike',
    label: 'Air or drone strike',
    description: 'Attack from aircraft or drones.',
    acledEventType: 'Explosions/Remote violence',
    acledSubEventType: 'Air/drone strike',
  },
  {
    code: 'explosive-device',
    label: 'Explosive device or landmine',
    description: 'Improvised explosive device, landmine or booby trap.',
    acledEventType: 'Explosions/Remote violence',
    acledSubEventType: 'Remote explosive/landmine/IED',
  },
  {
    code: 'suicide-bomb',
    label: 'Suicide bombing',
    description: 'Attack in which the attacker detonates explosives on themselves or a vehicle.',
    acledEventType: 'Explosions/Remote violence',
    acledSubEventType: 'Suicide bomb',
  },
  {
    code: 'chemical-weapon',
    label: 'Use of chemical weapons',
    description: 'Use of chemical agents as weapons.',
    acledEventType: 'Explosions/Remote violence',
    acledSubEventType: 'Chemical weapon',
  },
  {
    code: 'attack-on-civilians',
    label: 'Attack on civilians',
    description: 'Deliberate violence against unarmed civilians.',
    acledEventType: 'Violence against civilians',
    acledSubEventType: 'Attack',
  },
  {
    code: 'abduction',
    label: 'Abduction or enforced disappearance',
    description: 'Civilians taken or held without legal process.',
    acledEventType: 'Violence against civilians',
    acledSubEventType: 'Abduction/forced disappearance',
  },
  {
    code: 'sexual-violence',
    label: 'Sexual violence',
    description: 'Sexual violence as an act of conflict.',
    acledEventType: 'Violence against civilians',
    acledSubEventType: 'Sexual violence',
  },
  {
    code: 'arrests',
    label: 'Arbitrary arrests',
    description: 'Detentions by an armed party in breach of the agreement.',
    acledEventType: 'Strategic developments',
    acledSubEventType: 'Arrests',
  },
  {
    code: 'looting',
    label: 'Looting or destruction of property',
    description: 'Looting, arson or destruction of civilian property.',
    acledEventType: 'Strategic developments',
    acledSubEventType: 'Looting/property destruction',
  },
  {
    code: 'base-established',
    label: 'New position or base',
    description: 'A party establishes a new military position or headquarters.',
    acledEventType: 'Strategic developments',
    acledSubEventType: 'Headquarters or base established',
  },
  {
    code: 'humanitarian-obstruction',
    label: 'Obstruction of humanitarian access',
    description: 'Convoys, aid workers or civilians denied passage agreed under the ceasefire.',
    acledEventType: 'Strategic developments',
    acledSubEventType: 'Other',
  },
  {
    code: 'troop-movement',
    label: 'Prohibited movement of forces',
    description: 'Reinforcement or redeployment the agreement forbids.',
    acledEventType: 'Strategic developments',
    acledSubEventType: 'Other',
  },
];
