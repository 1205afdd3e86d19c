/**
 * A detained person's way through the mechanism (C6). Each step is recorded with who
 * took it and when; the last four are outcomes the facilitator records on the day.
 *
 *   listed → matched → proposed → approved → released → confirmed
 *                                          ↘ declined | not_found | deceased
 */
export const PERSON_STATUSES = ['listed', 'matched', 'proposed', 'approved', 'released', 'confirmed', 'declined', 'not_found', 'deceased'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

/** What the facilitator records for each person of an exchange on the day. */
export const RELEASE_OUTCOMES = ['released', 'confirmed', 'declined', 'not_found', 'deceased'] as const;
export type ReleaseOutcome = (typeof RELEASE_OUTCOMES)[number];

/** Outcomes after which nothing more happens to the person in this exchange. */
export const FINAL_OUTCOMES: readonly ReleaseOutcome[] = ['confirmed', 'declined', 'not_found', 'deceased'];

/** Outcomes that need a reason: a person who did not come home is never left unexplained. */
export const OUTCOMES_NEEDING_NOTE: readonly ReleaseOutcome[] = ['declined', 'not_found', 'deceased'];

/**
 * May a person's release outcome move from `from` (pending when none yet) to `to`?
 * A release may be confirmed after it was recorded, or recorded as confirmed at once;
 * a final outcome is not changed by a later click (a correction is a new decision with
 * its reason, through `correct`).
 */
export function outcomeAllowed(from: ReleaseOutcome | 'pending', to: ReleaseOutcome, correct = false): boolean {
  if (correct) return from !== to;
  if (from === 'pending') return true;
  if (from === 'released') return to !== 'released';
  return false;
}

export function isPersonStatus(value: string): value is PersonStatus {
  return (PERSON_STATUSES as readonly string[]).includes(value);
}
