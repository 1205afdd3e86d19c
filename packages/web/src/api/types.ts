import type { ZoneGeometry } from '@truce/core/mechanism/geojson';
import type { OrgKind, Role } from '@truce/core/model/accounts';
import type { AcledEventType } from '@truce/server/schemas/mechanism';

/** Shapes the Truce API answers with (see packages/server/src/*\/routes.ts). */

export type { OrgKind, Role, ZoneGeometry };

/** The accounts module's answers (packages/server/src/accounts/schema.ts). */
export type { ApiToken, Organisation, Session, SessionUser, TokenScope, User } from '@truce/server/schemas/accounts';

// The mechanism's set-up and the record, as the server's schemas describe them (packages/server/src/mechanism, log).
export type { AcledEventType, Agreement, DecisionRule, ExcludedGroup, Mechanism, ViolationType, Zone } from '@truce/server/schemas/mechanism';
export type { LogEntries, LogEntryBody, LogEntryDetail, LogEntrySummary, LoggedEntry } from '@truce/server/schemas/log';

/** The ACLED event types a violation type maps onto, in the order the form offers them (the server's list: schema.ts). */
export const ACLED_EVENT_TYPES = [
  'Battles',
  'Explosions/Remote violence',
  'Violence against civilians',
  'Protests',
  'Riots',
  'Strategic developments',
] as const satisfies readonly AcledEventType[];
