import type { Period } from '../dashboard/period.ts';
import type { Trend } from '../dashboard/trend.ts';
import type { DocumentLanguage } from '../documents/model.ts';

/**
 * The figures of the mechanism's two periodic publications (C8), as the server reads them
 * at one log checkpoint. Pure data: the builders (build.ts) turn them into a document in
 * any language, and the same object is the JSON data annex.
 */
export const PUBLICATION_KINDS = ['un', 'issg'] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

export function isPublicationKind(v: unknown): v is PublicationKind {
  return v === 'un' || v === 'issg';
}

/** Longest period a publication may cover (days, both ends included): one year, leap years too. */
export const MAX_PUBLICATION_DAYS = 366;
/** The findings listed in the document itself; the annex lists them all. */
export const LISTED_FINDINGS = 150;

export interface Casualties {
  killed: { civilian: number; combatant: number; unknownCount: number };
  injured: { civilian: number; combatant: number; unknownCount: number };
}

export interface CountRow {
  reports: number;
  incidents: number;
}

export interface FindingRow {
  incidentId: string;
  /** Day the finding was adopted (YYYY-MM-DD). */
  adoptedOn: string;
  /** Day of the incident's earliest report (YYYY-MM-DD). */
  occurredOn: string | null;
  pcode: string | null;
  verification: string;
  reports: number;
  /** The earliest report's description, in its original language, shortened. */
  summary: string;
}

/** What the violation figures say over a period, from the reports and incidents tables. */
export interface ViolationFigures {
  period: Period;
  previousPeriod: Period;
  reports: Trend;
  incidents: Trend;
  casualties: Casualties;
  byType: ({ code: string; label: string } & CountRow)[];
  byGovernorate: ({ pcode: string | null } & CountRow)[];
  byParty: ({ partyId: string | null; name: string | null } & CountRow)[];
  /** Weeks start on Monday (YYYY-MM-DD). */
  byWeek: ({ week: string } & CountRow)[];
  findings: {
    total: number;
    byVerification: { verification: string; count: number }[];
    /** In order of adoption; the document lists the first LISTED_FINDINGS. */
    rows: FindingRow[];
  };
}

export interface OpenIssues {
  /** Accused parties whose reply is still due (deadline ahead). */
  repliesDue: number;
  /** Accused parties whose reply deadline passed without a reply. */
  noReply: number;
  /** Open incidents where a guarantor's assessment is missing. */
  assessmentsMissing: number;
  /** Open incidents whose assessments disagree: the finding is disputed. */
  disagreements: number;
}

export interface BriefingFigures {
  agreements: { title: string; effectiveFrom: string; effectiveTo: string | null }[];
  excludedGroups: number;
  exchanges: {
    proposed: number;
    completed: number;
    /** Current state of every exchange proposed up to the end of the period. */
    byStatus: { status: string; count: number }[];
    /** Persons whose release (or confirmed release) was recorded in the period. */
    releasedByCategory: { category: string; count: number }[];
  };
  /** Null when the meetings module holds no decisions table. */
  decisions: { shared: { number: number; meeting: string; adoptedOn: string; text: string }[]; notShared: number } | null;
  open: OpenIssues;
}

export interface CheckpointFigures {
  origin: string;
  size: number;
  /** base64 */
  rootHash: string;
}

/** Everything a publication shows: the annex. */
export interface PublicationData {
  kind: PublicationKind;
  mechanism: { name: string; supportGroup: string };
  checkpoint: CheckpointFigures;
  violations: ViolationFigures;
  /** Only for the ISSG briefing. */
  briefing?: BriefingFigures;
  /** Governorate p-code → names, for the tables and the map. */
  governorates: Record<string, { en: string; ar: string }>;
}

export interface PublicationRequest {
  kind: PublicationKind;
  from: string;
  to: string;
  language: DocumentLanguage;
}
