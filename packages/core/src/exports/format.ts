/**
 * The export formats (C8) and how each is served. `csv` is the plain table, `hxl` the
 * same table with the HXL hashtag row under its header, `acled` the reports in ACLED's
 * columns and codes, `geojson` an RFC 7946 FeatureCollection, `json` the records whole.
 */
export const EXPORT_FORMATS = ['csv', 'hxl', 'acled', 'geojson', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_DATASETS = ['reports', 'incidents'] as const;
export type ExportDataset = (typeof EXPORT_DATASETS)[number];

/** Which formats each data set offers: ACLED rows are single events, so reports only. */
export const FORMATS_OF: Record<ExportDataset, readonly ExportFormat[]> = {
  reports: EXPORT_FORMATS,
  incidents: ['csv', 'hxl', 'geojson', 'json'],
};

export const MEDIA_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  hxl: 'text/csv; charset=utf-8',
  acled: 'text/csv; charset=utf-8',
  geojson: 'application/geo+json',
  json: 'application/json; charset=utf-8',
};

const SUFFIX: Record<ExportFormat, string> = { csv: '.csv', hxl: '-hxl.csv', acled: '-acled.csv', geojson: '.geojson', json: '.json' };

/** The file name offered for download, e.g. truce-reports-2018-03-05-2018-03-18-hxl.csv (ASCII only). */
export function exportFileName(dataset: ExportDataset, format: ExportFormat, parts: readonly string[]): string {
  const stem = ['truce', dataset, ...parts].join('-').replace(/[^A-Za-z0-9._-]/g, '_');
  return stem + SUFFIX[format];
}
