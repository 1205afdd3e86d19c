import type { ZoneGeometry } from '@truce/core/mechanism/geojson';
import type { OrgKind, Role } from '@truce/core/model/accounts';

/** Shapes the Truce API answers with (see packages/server/src/*\/routes.ts). */

export type { OrgKind, Role, ZoneGeometry };

/** The accounts module's answers (packages/server/src/accounts/schema.ts). */
export type { ApiToken, Organisation, Session, SessionUser, TokenScope, User } from '@truce/server/schemas/accounts';

// The mechanism's set-up and the record, as the server's schemas describe them (packages/server/src/mechanism, log).
export type { AcledEventType, Agreement, DecisionRule, ExcludedGroup, Mechanism, ViolationType, Zone } from '@truce/server/schemas/mechanism';
export type { LogEntries, LogEntryBody, LogEntryDetail, LogEntrySummary, LoggedEntry } from '@truce/server/schemas/log';

/** The ACLED event types the set-up form offers (core's list, which the server's schema takes too). */
export { ACLED_EVENT_TYPES } from '@truce/core/mechanism/taxonomy';
