/**
 * What the audit finds (C9): a stored record, or a stored file, that no longer agrees
 * with the log entry that recorded it. `field` names what differs ("content",
 * "alleged_party", "bytes"…); `logIndex` is the entry's place in the log, or null when
 * no entry records the item at all.
 */
export interface Mismatch {
  kind: string;
  id: string;
  field: string;
  logIndex: number | null;
  message: string;
}

/** One audit run: how many items of each kind were compared, and what differs. */
export interface AuditResult {
  startedAt: string;
  finishedAt: string;
  checked: Record<string, number>;
  mismatches: Mismatch[];
}

/** Mismatches kept in one result: past this the rest are counted, not listed. */
export const MAX_LISTED = 1000;
