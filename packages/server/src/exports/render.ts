import { ACLED_COLUMNS, acledRow, guessActorType, SYRIA, type AcledOptions } from '@truce/core/exports/acled';
import { BOM, csvRow } from '@truce/core/exports/csv';
import type { ExportFormat } from '@truce/core/exports/format';
import { COLLECTION_CLOSING, collectionOpening, incidentFeature, reportFeature } from '@truce/core/exports/geojson';
import { tableHead, tableRow } from '@truce/core/exports/hxl';
import type { ExportIncident, ExportReport } from '@truce/core/exports/record';
import { INCIDENT_COLUMNS, REPORT_COLUMNS } from '@truce/core/exports/tables';
import type { Names } from './store.ts';

/**
 * Writes an export in its format, a piece at a time (one page of records per piece), so
 * a large export streams with the connection's backpressure instead of being built whole
 * in memory. The formatting itself is the core's (packages/core/src/exports).
 */

/** The ACLED options for this installation: Syria (the demo and default template), actor types from the names. */
export function acledOptions(names: Names): AcledOptions {
  return {
    country: SYRIA,
    actorTypeOf: (id, kind) => guessActorType((kind === 'party' ? names.organisations.get(id)?.nameEn : names.groupsEn.get(id)) ?? '', kind),
  };
}

/** The pieces of a JSON array written one record at a time: "[", then a comma before every record but the first. */
function joiner() {
  let first = true;
  return (text: string) => {
    const out = first ? text : `,${text}`;
    first = false;
    return out;
  };
}

export async function* renderReports(format: ExportFormat, pages: AsyncIterable<ExportReport[]>, metadata: object, names: Names): AsyncGenerator<string> {
  if (format === 'csv' || format === 'hxl') {
    yield BOM + tableHead(REPORT_COLUMNS, format === 'hxl');
    for await (const page of pages) if (page.length) yield page.map((r) => tableRow(REPORT_COLUMNS, r)).join('');
  } else if (format === 'acled') {
    const options = acledOptions(names);
    yield BOM + csvRow(ACLED_COLUMNS);
    for await (const page of pages) if (page.length) yield page.map((r) => csvRow(acledRow(r, options))).join('');
  } else {
    const next = joiner();
    yield format === 'geojson' ? collectionOpening(metadata) : `{"metadata":${JSON.stringify(metadata)},"reports":[`;
    for await (const page of pages) {
      if (page.length) yield page.map((r) => next(JSON.stringify(format === 'geojson' ? reportFeature(r) : r))).join('');
    }
    yield format === 'geojson' ? COLLECTION_CLOSING : ']}';
  }
}

export function* renderIncidents(format: ExportFormat, incidents: ExportIncident[], metadata: object): Generator<string> {
  const PIECE = 500;
  if (format === 'csv' || format === 'hxl') {
    yield BOM + tableHead(INCIDENT_COLUMNS, format === 'hxl');
    for (let i = 0; i < incidents.length; i += PIECE)
      yield incidents
        .slice(i, i + PIECE)
        .map((r) => tableRow(INCIDENT_COLUMNS, r))
        .join('');
  } else if (format === 'geojson' || format === 'json') {
    const next = joiner();
    yield format === 'geojson' ? collectionOpening(metadata) : `{"metadata":${JSON.stringify(metadata)},"incidents":[`;
    for (let i = 0; i < incidents.length; i += PIECE) {
      yield incidents
        .slice(i, i + PIECE)
        .map((r) => next(JSON.stringify(format === 'geojson' ? incidentFeature(r) : r)))
        .join('');
    }
    yield format === 'geojson' ? COLLECTION_CLOSING : ']}';
  } else {
    throw new Error(`incidents have no ${format} export`);
  }
}
