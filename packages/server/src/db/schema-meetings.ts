import type { ColumnType, Generated } from 'kysely';

/** Table types of the meetings module (migration 0020), joined into Database. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type MeetingStatus = 'scheduled' | 'held' | 'cancelled';
export type Attendance = 'unrecorded' | 'present' | 'absent';

export interface MeetingsTable {
  id: string;
  title: string;
  starts_at: Timestamp;
  venue: string;
  status: MeetingStatus;
  cancel_reason: Generated<string>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface MeetingParticipantsTable {
  meeting_id: string;
  organisation_id: string;
  /** Names of the people the organisation sends. */
  delegates: Json<string[]>;
  attendance: Generated<Attendance>;
  /** Names of the people who came. */
  attendees: Json<string[]>;
}

export interface MeetingAgendaItemsTable {
  id: string;
  meeting_id: string;
  position: number;
  title: string;
  /** Why it was proposed (core meetings/agenda AgendaReason), null for a free item. */
  reason: string | null;
  incident_id: string | null;
  exchange_id: string | null;
  action_item_id: string | null;
  shared: Generated<boolean>;
  minutes: Generated<string>;
  created_by: string;
  created_at: Timestamp;
  removed_at: Timestamp | null;
  removed_by: string | null;
  version: Generated<number>;
}

export interface MeetingMinutesRevisionsTable {
  agenda_item_id: string;
  version: number;
  minutes: string;
  shared: boolean;
  created_by: string;
  created_at: Timestamp;
}

export interface DecisionPersonLink {
  listId: string;
  ref: string;
}

export interface MeetingDecisionsTable {
  id: string;
  meeting_id: string;
  number: number;
  agenda_item_id: string | null;
  text: string;
  proposed_by: string;
  recorded_by: string;
  incident_ids: Json<string[]>;
  exchange_ids: Json<string[]>;
  persons: Json<DecisionPersonLink[]>;
  party_ids: Json<string[]>;
  shared: Generated<boolean>;
  status: 'proposed' | 'adopted' | 'withdrawn';
  adopted_at: Timestamp | null;
  withdrawn_at: Timestamp | null;
  withdraw_reason: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface MeetingDecisionApprovalsTable {
  decision_id: string;
  organisation_id: string;
  user_id: string;
  decision_version: number;
  /** The approval's entry in the log (its id; the index comes from log_entries.idx). */
  log_entry_id: number;
  at: Timestamp;
}

export interface MeetingActionItemsTable {
  id: string;
  meeting_id: string;
  decision_id: string | null;
  text: string;
  owner_org: string;
  due_on: string;
  shared: Generated<boolean>;
  status: 'open' | 'done';
  done_at: Timestamp | null;
  done_by: string | null;
  done_note: Generated<string>;
  created_by: string;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface MeetingTables {
  meetings: MeetingsTable;
  meeting_participants: MeetingParticipantsTable;
  meeting_agenda_items: MeetingAgendaItemsTable;
  meeting_minutes_revisions: MeetingMinutesRevisionsTable;
  meeting_decisions: MeetingDecisionsTable;
  meeting_decision_approvals: MeetingDecisionApprovalsTable;
  meeting_action_items: MeetingActionItemsTable;
}
