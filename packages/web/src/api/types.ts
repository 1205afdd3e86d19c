import type { AdoptedIncidentDisclosure } from '@truce/core/incidents/disclosure';
import type { ZoneGeometry } from '@truce/core/mechanism/geojson';
import type { OrgKind, Role } from '@truce/core/model/accounts';

/** Shapes the Truce API answers with (see packages/server/src/*\/routes.ts). */

export type { OrgKind, Role, ZoneGeometry };

/** The accounts module's answers (packages/server/src/accounts/schema.ts). */
export type { ApiToken, Organisation, Session, SessionUser, TokenScope, User } from '@truce/server/schemas/accounts';

export type DecisionRule = 'consensus' | 'majority';

export interface Mechanism {
  name: string;
  slug: string;
  logOrigin: string;
  decisionRule: DecisionRule;
  mfaRequiredRoles: string[];
  supportGroupName: string;
  replyDeadlineHours: number;
  adoptedIncidentDisclosure: AdoptedIncidentDisclosure;
  demo: boolean;
  version: number;
}

export interface Agreement {
  id: string;
  title: string;
  terms: string;
  signedOn: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  signatoryIds: string[];
  version: number;
}

export interface ExcludedGroup {
  id: string;
  name: string;
  aliases: string[];
  note: string;
  version: number;
}

export interface Zone {
  id: string;
  name: string;
  description: string;
  geometry: ZoneGeometry;
  /** [west, south, east, north]; computed by the server. */
  bbox?: [number, number, number, number];
  version: number;
}

export const ACLED_EVENT_TYPES = [
  'Battles',
  'Explosions/Remote violence',
  'Violence against civilians',
  'Protests',
  'Riots',
  'Strategic developments',
] as const;
export type AcledEventType = (typeof ACLED_EVENT_TYPES)[number];

export interface ViolationType {
  id: string;
  code: string;
  label: string;
  description: string;
  acledEventType: AcledEventType;
  acledSubEventType: string;
  active: boolean;
  version: number;
}

/** One entry of the record as the server decodes it (canonical JSON). */
export interface LogEntryBody {
  type: string;
  time: string;
  actor: { organisation: string; user: string } | null;
  subject: Record<string, string>;
  data: Record<string, unknown>;
  commitments: Record<string, string>;
  damaged?: boolean;
}

export interface LogEntrySummary {
  index: number;
  entry: LogEntryBody;
  leafHash: string;
}

export interface LogEntryDetail extends LogEntrySummary {
  entryBase64: string;
  checkpoint: string;
  treeSize?: number;
  proof: string[];
}
