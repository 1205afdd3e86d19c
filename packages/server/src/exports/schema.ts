import { Type, type Static } from '@sinclair/typebox';
import { FORMATS_OF, type ExportFormat } from '@truce/core/exports/format';
import { VERIFICATIONS } from '@truce/core/incidents/findings';
import { fileAnswers } from '../http/index.ts';

/**
 * The query strings of the exports (STYLE #3). They take the filters of the list and the
 * map they are offered beside, and stay strings (no coercion in this app): a wrong value
 * gets 400 naming the parameter.
 */
const closed = { additionalProperties: false } as const;
/** One of some words: an enum, so that a wrong value is refused as "must be equal to one of the allowed values" naming the parameter. */
const oneOf = <T extends string>(values: readonly T[], description: string) => Type.Unsafe<T>({ type: 'string', enum: [...values], description });

const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD (UTC day, included)' });
const Limit = Type.String({ pattern: '^[1-9][0-9]{0,6}$', description: 'At most this many records (default and ceiling: TRUCE_EXPORT_MAX_ROWS)' });
/** The language of the names in the file (types, organisations, groups); without it, the reader's chosen language. ACLED is always English. */
const Lang = oneOf(
  ['en', 'ar', 'ru', 'tr', 'fa'] as const,
  "The language of the labels and names in the file (default: the reader's chosen language; ACLED: English)",
);
const Finding = oneOf([...VERIFICATIONS, 'none'] as const, "The verification of the finding that stands on the report's incident, or none");

export const ReportExportQuery = Type.Object(
  {
    format: oneOf<ExportFormat>(
      FORMATS_OF.reports,
      'csv (plain table), hxl (the table with its HXL hashtag row), acled (ACLED columns and codes), geojson (RFC 7946), json',
    ),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    type: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'A type code of the taxonomy' })),
    allegedParty: Type.Optional(Type.String({ format: 'uuid' })),
    finding: Type.Optional(Finding),
    governorate: Type.Optional(Type.String({ pattern: '^[A-Z]{2}[0-9]{2}$', description: "the governorate's p-code (as the report list)" })),
    ungrouped: Type.Optional(oneOf(['true'] as const, 'only reports in no incident yet (as the report list)')),
    withdrawn: Type.Optional(oneOf(['include', 'exclude'] as const, 'Withdrawn reports, marked as such (default: include; exclude for acled)')),
    limit: Type.Optional(Limit),
    lang: Type.Optional(Lang),
  },
  closed,
);
export type ReportExportQueryInput = Static<typeof ReportExportQuery>;

export const IncidentExportQuery = Type.Object(
  {
    format: oneOf<ExportFormat>(FORMATS_OF.incidents, 'csv, hxl, geojson or json (ACLED rows are single events: export the reports)'),
    type: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'Incidents with a report of this type code' })),
    allegedParty: Type.Optional(Type.String({ format: 'uuid', description: 'Incidents with a report that accuses this party' })),
    finding: Type.Optional(Finding),
    reply: Type.Optional(oneOf<'open' | 'closed'>(['open', 'closed'], 'open: the accused may still reply; closed: the others (as the incident list)')),
    limit: Type.Optional(Limit),
    lang: Type.Optional(Lang),
  },
  closed,
);
export type IncidentExportQueryInput = Static<typeof IncidentExportQuery>;

/**
 * The answers: a file in the format asked for (streamed, never serialised as JSON), named by
 * Content-Disposition. CSV, CSV with HXL and ACLED CSV are text/csv.
 */
const CSV = 'text/csv';
const GEOJSON = 'application/geo+json';
const JSON_FILE = 'application/json';
export const ExportFile = {
  reports: fileAnswers([CSV, GEOJSON, JSON_FILE], 'The reports as a file in the format asked for'),
  incidents: fileAnswers([CSV, GEOJSON, JSON_FILE], 'The incidents as a file in the format asked for'),
  csv: fileAnswers([CSV], 'The reports as CSV'),
  geojson: fileAnswers([GEOJSON], 'The reports as an RFC 7946 FeatureCollection'),
};
