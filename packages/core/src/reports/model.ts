/**
 * A violation report (C2) as the reporter gives it. Reports are never edited in place:
 * a correction is a new version of the whole content, and every version stays readable.
 */
export const TIME_PRECISIONS = ['exact', 'hour', 'day', 'approximate'] as const;
export type TimePrecision = (typeof TIME_PRECISIONS)[number];

/** How precisely the place is known: a point, a named place, or only its district or governorate. */
export const GEO_PRECISIONS = ['exact', 'place', 'district', 'governorate'] as const;
export type GeoPrecision = (typeof GEO_PRECISIONS)[number];

export const SOURCE_KINDS = ['own-observation', 'witness', 'victim', 'media', 'official', 'other'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export type Perpetrator = { kind: 'party'; organisationId: string } | { kind: 'excluded'; groupId: string } | { kind: 'unknown' };
export type AffectedSide = { kind: 'party'; organisationId: string } | { kind: 'civilians' } | { kind: 'unknown' };

/** Casualty counts; null means "not known", which is not the same as zero. */
export interface Casualties {
  killedCivilian: number | null;
  killedCombatant: number | null;
  injuredCivilian: number | null;
  injuredCombatant: number | null;
}

export interface ReportLocation {
  lat: number;
  lon: number;
  geoPrecision: GeoPrecision;
  /** OCHA p-code of the place or area chosen (a populated place C…, district or governorate SY…). */
  pcode?: string;
  placeName?: string;
}

export interface ReportContent {
  occurredAt: string;
  timePrecision: TimePrecision;
  location: ReportLocation;
  /** The reporter asks that the exact place be sealed: others see it rounded to the district. */
  sealLocation: boolean;
  typeCode: string;
  allegedPerpetrator: Perpetrator;
  affectedSide: AffectedSide;
  casualties: Casualties;
  description: string;
  /** BCP 47 language tag of the description, e.g. "ar". User text stays in its language. */
  language: string;
  /** Who or what the report rests on: sealed (secretariat and guarantors only). */
  sources: { kind: SourceKind; detail: string }[];
  /** SHA-256 (hex) of evidence files uploaded first through /api/evidence. */
  evidence: string[];
}

/** Administrative areas the location falls in, filled by the server from the boundaries. */
export interface AreaRef {
  pcode: string;
  nameEn: string;
  nameAr: string;
}

/** What the system notices about a report; it is accepted all the same. */
export interface ReportFlags {
  outsideZones: boolean;
  outsideDates: boolean;
}
