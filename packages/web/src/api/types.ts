import type { ZoneGeometry } from '@truce/core/mechanism/geojson';
import type { OrgKind, Role } from '@truce/core/model/accounts';
import type { AcledEventType } from '@truce/server/schemas/mechanism';

/** Shapes the Truce API answers with (see packages/server/src/*\/routes.ts). */

export type { OrgKind, Role, ZoneGeometry };

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  organisationId: string;
  organisationName: string;
  organisationKind: OrgKind;
  role: Role;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  /** The language last used in the web app: e-mails are sent in it. */
  language: string | null;
}

export interface Session {
  user: SessionUser;
  mfaEnrolmentRequired: boolean;
  mechanism: { name: string; demo: boolean } | null;
}

export interface Organisation {
  id: string;
  name: string;
  shortName: string;
  kind: OrgKind;
  version: number;
  createdAt: string;
}

export interface User {
  id: string;
  name: string;
  email: string;
  organisationId: string;
  role: Role;
  active: boolean;
  totpEnabled: boolean;
  createdAt: string;
  version: number;
}

export type TokenScope = 'read' | 'file';

export interface ApiToken {
  id: string;
  name: string;
  scope: TokenScope;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
  lastUsedAt: string | null;
}

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
