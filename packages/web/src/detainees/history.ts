import { changedFields } from '@truce/core/detainees/diff';
import type { PersonRecord } from '@truce/core/detainees/person';
import type { PersonDetail } from '@truce/server/schemas/detainees';

/** One record a person had, valid from `fromVersion` until `toVersion` (null: still current), as the API answers it. */
export type RecordSpan = PersonDetail['versions'][number];

/**
 * A person's records, newest first, each with the fields that differ from the record
 * before it (none for the first). A span ends at the version that replaced or removed it.
 */
export function withChanges(spans: readonly RecordSpan[]): (RecordSpan & { changed: (keyof PersonRecord)[]; first: boolean })[] {
  const ordered = [...spans].sort((a, b) => a.fromVersion - b.fromVersion);
  return ordered.map((span, i) => ({ ...span, first: i === 0, changed: i === 0 ? [] : changedFields(ordered[i - 1].record, span.record) })).reverse();
}
