import type { Verification } from '../incidents/findings.ts';
import type { Casualties, GeoPrecision, SourceKind, TimePrecision } from '../reports/model.ts';

/**
 * What the exports are made of (C8). The server builds these records for one reader,
 * after the access policy: a record holds nothing that reader may not see (no sources
 * unless sealed parts are visible to it, a sealed place already rounded). Every format
 * (CSV with HXL, ACLED, GeoJSON, JSON) is a pure function of them.
 */
export interface NamedArea {
  pcode: string;
  nameEn: string;
  nameAr: string;
}

/** An organisation or excluded group as an export names it. */
export interface Named {
  id: string;
  name: string;
}

export interface ExportReport {
  id: string;
  version: number;
  filedAt: string;
  /** When the current version was written. */
  updatedAt: string;
  occurredAt: string;
  timePrecision: TimePrecision;
  typeCode: string;
  typeLabel: string | null;
  /** The type's ACLED event and sub-event type, from the mechanism's taxonomy. */
  acledEventType: string | null;
  acledSubEventType: string | null;
  adm1: NamedArea | null;
  adm2: NamedArea | null;
  /** The place as shown to this reader (a sealed place is rounded to its district). */
  placeName: string | null;
  placePcode: string | null;
  lat: number;
  lon: number;
  geoPrecision: GeoPrecision;
  /** The place is sealed at the reporter's request and this reader gets it rounded. */
  locationRounded: boolean;
  reporter: Named;
  alleged: { kind: 'party' | 'excluded' | 'unknown'; id: string | null; name: string | null };
  affected: { kind: 'party' | 'civilians' | 'unknown'; id: string | null; name: string | null };
  casualties: Casualties;
  incidentId: string | null;
  /** The verification of the finding that stands on the report's incident, if any. */
  finding: Verification | null;
  outsideZones: boolean;
  outsideDates: boolean;
  withdrawnAt: string | null;
  language: string;
  description: string;
  /** Only when this reader may see sealed parts of this report (JSON export only). */
  sources?: { kind: SourceKind; detail: string }[];
  /** What was withheld from this reader in this record: "sources", "location". */
  withheld: string[];
}

export interface ExportIncident {
  id: string;
  createdAt: string;
  firstOccurredAt: string | null;
  lastOccurredAt: string | null;
  typeCodes: string[];
  reportCount: number;
  /** The reports of the incident this reader may open; the others are counted only. */
  readableReportIds: string[];
  governorates: NamedArea[];
  allegedParties: Named[];
  affectedParties: Named[];
  replyDeadline: string;
  finding: Verification | null;
  findingAdoptedAt: string | null;
  /** The mean of the places of the readable reports, as this reader is shown them; null when it may open none. */
  lat: number | null;
  lon: number | null;
  killed: number | null;
  injured: number | null;
}
