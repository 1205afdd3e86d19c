import { FORMATS_OF, type ExportDataset, type ExportFormat } from '@truce/core/exports/format';

/**
 * Addresses of the exports (C8) for the filters a screen shows: the same names as the
 * list's and the map's filters, empty ones left out, the format first.
 */
export function exportUrl(dataset: ExportDataset, format: ExportFormat, filter: object = {}): string {
  const q = new URLSearchParams({ format });
  for (const [k, v] of Object.entries(filter)) if (typeof v === 'string' && v) q.set(k, v);
  return `/api/exports/${dataset}?${q}`;
}

/** The buttons a screen offers, in order: CSV with HXL, ACLED (reports only), GeoJSON, JSON. */
export function offeredFormats(dataset: ExportDataset): ExportFormat[] {
  return (['hxl', 'acled', 'geojson', 'json'] as const).filter((f) => FORMATS_OF[dataset].includes(f));
}
