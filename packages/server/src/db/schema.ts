import type { ColumnType, Generated } from 'kysely';
import type { OrgKind, Role } from '@truce/core/model/accounts';
import type { DetaineeTables } from './schema-detainees.ts';
import type { MeetingTables } from './schema-meetings.ts';
import type { PublicationTables } from './schema-publications.ts';
import type { AuditTables } from './schema-audit.ts';
import type { WitnessTables } from './schema-witnesses.ts';

/** Table types for Kysely. Column names are snake_case as in the migrations. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;
/** A vocabulary item's label per language (0035); the column has a default, so inserts may leave it out. */
type LabelsJson = ColumnType<Partial<Record<'en' | 'ar' | 'ru' | 'tr' | 'fa', string>>, string | undefined, string>;

export interface OrganisationsTable {
  id: string;
  name: string;
  short_name: string;
  kind: OrgKind;
  /** Name and short name per language (0035); `name` and `short_name` keep the English ones. */
  labels: LabelsJson;
  short_labels: LabelsJson;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface UsersTable {
  id: string;
  organisation_id: string;
  name: string;
  email: string;
  role: Role;
  password_hash: string;
  must_change_password: boolean;
  active: boolean;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number | null;
  demo: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
  /** The language the user chose in the web app (0016); e-mails are sent in it. */
  language: Generated<'en' | 'ar' | 'ru' | 'tr' | 'fa' | null>;
}

export interface SessionsTable {
  id: string; // SHA-256 (hex) of the cookie value; the value itself is never stored
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  /** What the token may do: 'read' (GET and HEAD) or 'file' (see accounts/token-scope.ts). */
  scope: 'read' | 'file';
  /** When the token stops working (migration 0027). */
  expires_at: Timestamp;
}

export interface SettingsTable {
  key: string;
  value: Json<unknown>;
}

export interface MechanismTable {
  id: Generated<number>;
  name: string;
  slug: string;
  log_origin: string;
  decision_rule: 'consensus' | 'majority';
  mfa_required_roles: Json<string[]>;
  support_group_name: string;
  reply_deadline_hours: number;
  grouping_window_hours: Generated<number>;
  grouping_distance_km: Generated<number>;
  /** What each reader reads of an adopted incident (core incidents/disclosure.ts), migration 0028. */
  adopted_incident_disclosure: ColumnType<unknown, string | undefined, string>;
  demo: boolean;
  /** How far the mechanism's time stands from the system's (migration 0032): 0, or the demo's. */
  clock_offset_ms: Generated<number>;
  updated_at: Timestamp;
  version: number;
}

export interface AgreementsTable {
  id: string;
  title: string;
  terms: string;
  signed_on: string;
  effective_from: string;
  effective_to: string | null;
  signatory_ids: Json<string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ExcludedGroupsTable {
  id: string;
  name: string;
  aliases: Json<string[]>;
  note: string;
  /** The name per language (0035); `name` keeps the English one. */
  labels: LabelsJson;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ZonesTable {
  id: string;
  name: string;
  description: string;
  geometry: Json<unknown>;
  /** The name per language (0035); `name` keeps the English one. */
  labels: LabelsJson;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface TaxonomyTable {
  id: string;
  code: string;
  label: string;
  /** The label per language (0035); `label` keeps the English one. */
  labels: LabelsJson;
  description: string;
  acled_event_type: string;
  acled_sub_event_type: string;
  active: boolean;
  sort_order: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface LogEntriesTable {
  /** Given at append, in the command's transaction. */
  id: Generated<number>;
  /** Given by the sequencer; null until the entry is in the tree. */
  idx: number | null;
  body: Uint8Array;
  created_at: Timestamp;
}

export interface LogNodesTable {
  level: number;
  idx: number;
  hash: Uint8Array;
}

export interface LogHeadTable {
  id: number;
  size: number;
}

export interface LogCheckpointsTable {
  size: number;
  root: Uint8Array;
  note: string;
  created_at: Timestamp;
}

/** One (name, value) pair of a sequenced entry's subject (migration 0031). */
export interface LogEntrySubjectsTable {
  name: string;
  value: string;
  idx: number;
  type: string;
}

export interface LogSaltsTable {
  entry_id: number;
  field: string;
  salt: Uint8Array;
}

export interface ReportsTable {
  id: string;
  reporter_org: string;
  reporter_user: string;
  created_at: Timestamp;
  current_version: number;
  occurred_at: Timestamp;
  type_code: string;
  alleged_party: string | null;
  alleged_group: string | null;
  affected_party: string | null;
  adm1_pcode: string | null;
  adm2_pcode: string | null;
  outside_zones: boolean;
  outside_dates: boolean;
  withdrawn_at: Timestamp | null;
  withdrawn_by: string | null;
  withdrawn_reason: string | null;
  /** The filer's Idempotency-Key and a hash of what was filed under it (0013). */
  idempotency_key: string | null;
  request_hash: string | null;
  /** H3 cells (bigint, sent as decimal strings) of the place, and of the place as shown when sealed (0011). */
  h3_r5: string | null;
  h3_r6: string | null;
  h3_r7: string | null;
  h3_shown_r5: string | null;
  h3_shown_r6: string | null;
  h3_shown_r7: string | null;
  /** Copies of the current version's casualties and place, for the dashboard and the map (0012). */
  killed_civilian: number | null;
  killed_combatant: number | null;
  injured_civilian: number | null;
  injured_combatant: number | null;
  lat: number | null;
  lon: number | null;
  location_sealed: boolean;
}

export interface ReportVersionsTable {
  report_id: string;
  version: number;
  content: Json<unknown>;
  areas: Json<unknown>;
  change_note: string;
  created_by: string;
  created_at: Timestamp;
}

export interface EvidenceTable {
  sha256: string;
  size: number;
  media_type: string;
  original_name: string | null;
  capture_time: Timestamp | null;
  uploaded_by: string;
  uploaded_org: string;
  uploaded_at: Timestamp;
}

export interface EvidenceUploadsTable {
  id: string;
  sha256: string;
  organisation_id: string;
  user_id: string;
  original_name: string | null;
  capture_time: Timestamp | null;
  claimed_media_type: string | null;
  log_entry_id: number;
  uploaded_at: Timestamp;
}

export interface IncidentsTable {
  id: string;
  created_at: Timestamp;
  created_by: string;
  reply_deadline: Timestamp;
  round: number;
  merged_into: string | null;
  version: number;
  /** The secretariat ended the reply period early, with a reason (migration 0028). */
  reply_period_ended_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  reply_period_ended_by: ColumnType<string | null, string | null | undefined, string | null>;
  reply_period_end_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** The assessments meet the decision rule but the reply period is open: adopt once it closes. */
  adoption_waits: Generated<boolean>;
}

export interface IncidentReportsTable {
  incident_id: string;
  report_id: string;
  added_at: Timestamp;
  added_by: string;
  removed_at: Timestamp | null;
  removed_by: string | null;
}

export interface IncidentRepliesTable {
  id: string;
  incident_id: string;
  party_id: string;
  text: string;
  evidence: Json<string[]>;
  created_by: string;
  created_at: Timestamp;
}

export interface IncidentAssessmentsTable {
  id: string;
  incident_id: string;
  round: number;
  guarantor_id: string;
  verification: 'corroborated' | 'not-corroborated' | 'outside-agreement' | 'inadmissible';
  attribution: Json<unknown>;
  reasoning: string;
  created_by: string;
  created_at: Timestamp;
}

export interface IncidentFindingsTable {
  incident_id: string;
  round: number;
  finding: Json<unknown>;
  basis: Json<string[]>;
  adopted_at: Timestamp;
  reopened_at: Timestamp | null;
  reopened_by: string | null;
  reopen_reason: string | null;
}

export interface NotificationsTable {
  id: string;
  organisation_id: string;
  kind: string;
  subject: Json<Record<string, string>>;
  details: Json<Record<string, unknown>>;
  log_index: number;
  created_at: Timestamp;
  read_at: Timestamp | null;
  read_by: string | null;
}

export interface NotificationCursorTable {
  id: number;
  log_index: number;
}

/** Notification e-mails (0010); see notifications/email.ts. */
export interface EmailOutboxTable {
  id: string;
  notification_id: string;
  user_id: string;
  recipient: string;
  language: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_error: string | null;
  last_attempt_at: Timestamp | null;
  sent_at: Timestamp | null;
  given_up_at: Timestamp | null;
  /** Waits for the daily digest, sent with the person's other waiting notices (0036). */
  digest: Generated<boolean>;
}

/** Per person and kind of notice: also by e-mail at once, in the daily digest, or not (0036). */
export interface NotificationEmailPreferencesTable {
  user_id: string;
  kind: string;
  delivery: 'off' | 'immediate' | 'digest';
}

/** The dashboard's maintained aggregates (0014); see dashboard/rollup/. Only read and written in SQL there. */
export interface DashboardCursorTable {
  id: number;
  log_index: number;
}

export interface Database extends DetaineeTables, MeetingTables, PublicationTables, AuditTables, WitnessTables {
  dashboard_cursor: DashboardCursorTable;
  notifications: NotificationsTable;
  notification_cursor: NotificationCursorTable;
  email_outbox: EmailOutboxTable;
  notification_email_preferences: NotificationEmailPreferencesTable;
  incidents: IncidentsTable;
  incident_reports: IncidentReportsTable;
  incident_replies: IncidentRepliesTable;
  incident_assessments: IncidentAssessmentsTable;
  incident_findings: IncidentFindingsTable;
  evidence: EvidenceTable;
  evidence_uploads: EvidenceUploadsTable;
  reports: ReportsTable;
  report_versions: ReportVersionsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  settings: SettingsTable;
  mechanism: MechanismTable;
  agreements: AgreementsTable;
  excluded_groups: ExcludedGroupsTable;
  zones: ZonesTable;
  taxonomy: TaxonomyTable;
  log_entries: LogEntriesTable;
  log_nodes: LogNodesTable;
  log_head: LogHeadTable;
  log_checkpoints: LogCheckpointsTable;
  log_salts: LogSaltsTable;
  log_entry_subjects: LogEntrySubjectsTable;
}
