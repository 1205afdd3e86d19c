import { describe, expect, it } from 'vitest';
import { exportUrl, offeredFormats } from './url.ts';

describe('export addresses', () => {
  it('carry the format and the filters that are set, and nothing else', () => {
    expect(exportUrl('reports', 'hxl', { from: '2018-04-01', to: '', type: 'shelling', allegedParty: undefined })).toBe(
      '/api/exports/reports?format=hxl&from=2018-04-01&type=shelling',
    );
    expect(exportUrl('incidents', 'geojson')).toBe('/api/exports/incidents?format=geojson');
  });
  it('offer ACLED for reports only', () => {
    expect(offeredFormats('reports')).toEqual(['hxl', 'acled', 'geojson', 'json']);
    expect(offeredFormats('incidents')).toEqual(['hxl', 'geojson', 'json']);
  });
});
