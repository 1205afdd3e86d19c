import type { ColumnType, Generated } from 'kysely';
import type { PersonRecord } from '@truce/core/detainees/person';

/** Table types of the detainee modules (migrations 0017–0019), joined into Database. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type ListKind = 'held' | 'sought';

export interface DetaineeListsTable {
  id: string;
  party_id: string;
  kind: ListKind;
  current_version: number;
  person_count: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DetaineeListVersionsTable {
  list_id: string;
  version: number;
  source: 'upload' | 'form';
  file_name: string | null;
  file_sha256: string | null;
  person_count: number;
  added: number;
  removed: number;
  changed: number;
  created_by: string;
  created_at: Timestamp;
}

export interface DetaineePersonsTable {
  id: Generated<string>;
  list_id: string;
  ref: string;
  record: Json<PersonRecord>;
  from_version: number;
  to_version: number | null;
}

export interface DetaineeUploadsTable {
  id: string;
  list_id: string;
  base_version: number;
  file_name: string;
  file_sha256: string;
  file_bytes: number;
  headers: Json<string[]>;
  /** The file's rows as read: { row, cells }[]; kept so a new mapping needs no new upload. */
  cells: Json<{ row: number; cells: string[] }[]>;
  mapping: Json<Record<string, string | null>>;
  status: 'pending' | 'accepted' | 'discarded';
  created_by: string;
  created_at: Timestamp;
  decided_at: Timestamp | null;
}

export interface DetaineeHeaderMappingsTable {
  organisation_id: string;
  header: string;
  target: string | null;
  updated_at: Timestamp;
}

export interface DetaineeViewsTable {
  id: Generated<string>;
  list_id: string;
  refs: string[];
  what: string;
  viewer_user: string;
  viewer_org: string;
  viewed_at: Timestamp;
}

export interface MatchRunsTable {
  id: string;
  kind: 'match' | 'dedupe';
  sought_list_id: string;
  sought_version: number;
  held_list_id: string;
  held_version: number;
  status: 'queued' | 'running' | 'done' | 'failed';
  requested_by: string | null;
  requested_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  stats: Json<Record<string, number>> | null;
  error: string | null;
}

export interface MatchCandidatesTable {
  run_id: string;
  sought_ref: string;
  held_ref: string;
  score: number;
  band: 'link' | 'review';
  comparisons: Json<unknown[]>;
}

export interface MatchDecisionsTable {
  sought_list_id: string;
  sought_ref: string;
  held_list_id: string;
  held_ref: string;
  decision: 'confirmed' | 'rejected';
  note: Generated<string>;
  score: number | null;
  decided_by: string;
  decided_org: string;
  decided_at: Timestamp;
  version: Generated<number>;
}

export type ExchangeMode = 'one-for-one' | 'by-category' | 'all-for-all' | 'list';
export type ExchangeStatus = 'proposed' | 'approved' | 'endorsed' | 'completed' | 'withdrawn';
export type ReleaseOutcome = 'pending' | 'released' | 'confirmed' | 'declined' | 'not_found' | 'deceased';

export interface ExchangesTable {
  id: string;
  title: string;
  mode: ExchangeMode;
  party_a: string;
  party_b: string;
  meeting_date: string | null;
  /** The meeting it is scheduled at (0020). */
  meeting_id: Generated<string | null>;
  status: ExchangeStatus;
  note: Generated<string>;
  proposed_by: string;
  proposed_org: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ExchangePersonsTable {
  exchange_id: string;
  list_id: string;
  ref: string;
  releasing_party: string;
  sought_list_id: string | null;
  sought_ref: string | null;
  category: string | null;
  outcome: Generated<ReleaseOutcome>;
  outcome_note: Generated<string>;
  outcome_by: string | null;
  outcome_at: Timestamp | null;
}

export interface ExchangeApprovalsTable {
  exchange_id: string;
  organisation_id: string;
  kind: 'approval' | 'endorsement';
  user_id: string;
  exchange_version: number;
  at: Timestamp;
}

export interface DetaineeStatusTable {
  list_id: string;
  ref: string;
  status: string;
  exchange_id: string | null;
  note: Generated<string>;
  changed_by: string | null;
  changed_at: Timestamp;
}

export interface DetaineeStatusEventsTable {
  id: Generated<string>;
  list_id: string;
  ref: string;
  status: string;
  exchange_id: string | null;
  note: Generated<string>;
  changed_by: string | null;
  changed_org: string | null;
  changed_at: Timestamp;
}

export interface DetaineeTables {
  detainee_lists: DetaineeListsTable;
  detainee_list_versions: DetaineeListVersionsTable;
  detainee_persons: DetaineePersonsTable;
  detainee_uploads: DetaineeUploadsTable;
  detainee_header_mappings: DetaineeHeaderMappingsTable;
  detainee_views: DetaineeViewsTable;
  match_runs: MatchRunsTable;
  match_candidates: MatchCandidatesTable;
  match_decisions: MatchDecisionsTable;
  exchanges: ExchangesTable;
  exchange_persons: ExchangePersonsTable;
  exchange_approvals: ExchangeApprovalsTable;
  detainee_status: DetaineeStatusTable;
  detainee_status_events: DetaineeStatusEventsTable;
}
