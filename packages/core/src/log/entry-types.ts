/**
 * Every type of entry the server writes to the record (C9), grouped by what it concerns.
 * The record's list filters by these (an unknown one is refused by name) and the Record
 * page names each in the reader's language. A unit test (web/src/log/entryTypes.test.ts)
 * reads the server's log writers and fails when one writes a type missing here or one of
 * these lacks a name in any language.
 */
export const ENTRY_TYPE_GROUPS = {
  mechanism: [
    'mechanism.created',
    'mechanism.updated',
    'mechanism.disclosure_changed',
    'agreement.created',
    'agreement.updated',
    'excluded_group.created',
    'excluded_group.updated',
    'zone.created',
    'zone.updated',
    'taxonomy.created',
    'taxonomy.updated',
    'taxonomy.defaults_loaded',
  ],
  accounts: [
    'organisation.created',
    'organisation.updated',
    'user.created',
    'user.updated',
    'user.password_changed',
    'user.password_reset',
    'user.second_factor_enabled',
    'user.second_factor_removed',
    'user.token_created',
    'user.token_revoked',
  ],
  reports: ['report.filed', 'report.corrected', 'report.withdrawn', 'evidence.uploaded'],
  incidents: [
    'incident.created',
    'incident.report_added',
    'incident.report_removed',
    'incident.merged',
    'incident.replied',
    'incident.reply_period_ended',
    'incident.assessed',
    'finding.adopted',
    'finding.disputed',
    'finding.reopened',
  ],
  detainees: ['detainees.list.version', 'detainees.person.viewed', 'detainees.match.run', 'detainees.match.decided', 'detainees.duplicate.decided'],
  exchanges: ['exchange.proposed', 'exchange.approved', 'exchange.endorsed', 'exchange.scheduled', 'exchange.outcome', 'exchange.withdrawn'],
  meetings: [
    'meeting.scheduled',
    'meeting.changed',
    'meeting.held',
    'meeting.cancelled',
    'meeting.agenda_set',
    'meeting.attendance_recorded',
    'meeting.minutes_recorded',
    'meeting.decision_recorded',
    'meeting.decision_changed',
    'meeting.decision_approved',
    'meeting.decision_adopted',
    'meeting.decision_withdrawn',
    'meeting.action_assigned',
    'meeting.action_done',
  ],
  publications: ['publication.issued'],
  record: ['log.witnesses_changed', 'audit.mismatch_found'],
} as const;

export type EntryTypeGroup = keyof typeof ENTRY_TYPE_GROUPS;
export type EntryType = (typeof ENTRY_TYPE_GROUPS)[EntryTypeGroup][number];

export const ENTRY_TYPES: readonly EntryType[] = Object.values(ENTRY_TYPE_GROUPS).flat();

const KNOWN = new Set<string>(ENTRY_TYPES);
export const isEntryType = (type: string): type is EntryType => KNOWN.has(type);

/** The key of a type's name in the web app's `entryType` namespace (i18next keys take no dots). */
export const entryTypeKey = (type: string) => type.replace(/\./g, '_');
