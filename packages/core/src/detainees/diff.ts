/**
 * What a new upload of a detainee list changes (C4): persons added, removed and changed
 * since the last accepted version, matched by the party's own `ref`. The upload screen
 * shows this before the party accepts the new version.
 *
 * An empty string, null and a missing field all mean "unknown" and compare equal; other
 * values compare exactly (validateRows has already cleaned them). Pure, no I/O.
 */
import { COLUMN_FIELD, type PersonRecord } from './person.ts';

export interface ChangedPerson {
  ref: string;
  before: PersonRecord;
  after: PersonRecord;
  /** The fields that differ, in canonical column order. */
  fields: (keyof PersonRecord)[];
}

export interface ListDiff {
  /** In the order of the new list. */
  added: PersonRecord[];
  /** In the order of the previous list. */
  removed: PersonRecord[];
  /** In the order of the new list. */
  changed: ChangedPerson[];
  unchanged: number;
}

/** The compared fields, in canonical column order (ref is the key, not a compared field). */
const FIELDS = (Object.values(COLUMN_FIELD) as (keyof PersonRecord)[]).filter((f) => f !== 'ref');

const known = (value: unknown) => (value === undefined || value === '' ? null : value);

/** The fields in which two records of the same person differ. */
export function changedFields(before: PersonRecord, after: PersonRecord): (keyof PersonRecord)[] {
  return FIELDS.filter((f) => known(before[f]) !== known(after[f]));
}

/**
 * The difference between two versions of one list, by ref. Refs are unique within a
 * list (validateRows sees to it); if one is repeated, its last record counts.
 */
export function diffLists(previous: readonly PersonRecord[], next: readonly PersonRecord[]): ListDiff {
  const before = new Map(previous.map((p) => [p.ref, p]));
  const after = new Map(next.map((p) => [p.ref, p]));
  const added: PersonRecord[] = [];
  const changed: ChangedPerson[] = [];
  let unchanged = 0;
  for (const [ref, person] of after) {
    const old = before.get(ref);
    if (old === undefined) {
      added.push(person);
      continue;
    }
    const fields = changedFields(old, person);
    if (fields.length === 0) unchanged++;
    else changed.push({ ref, before: old, after: person, fields });
  }
  const removed = [...before.values()].filter((p) => !after.has(p.ref));
  return { added, removed, changed, unchanged };
}
