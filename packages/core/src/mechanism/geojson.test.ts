import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { boundingBox, extractZoneGeometry } from './geojson.ts';

const GEO = path.resolve(__dirname, '../../../../../shared/data/geo');

describe('zone geometry', () => {
  it('accepts every OCHA governorate of Syria and frames it inside the country', () => {
    const fc = JSON.parse(fs.readFileSync(path.join(GEO, 'syr_adm1_governorates.geojson'), 'utf8'));
    expect(fc.features).toHaveLength(14);
    for (const feature of fc.features) {
      const { geometry, error } = extractZoneGeometry(feature);
      expect(error, feature.properties.name_en).toBeUndefined();
      const [w, s, e, n] = boundingBox(geometry!);
      expect(w).toBeGreaterThanOrEqual(35.5);
      expect(e).toBeLessThanOrEqual(42.5);
      expect(s).toBeGreaterThanOrEqual(32.2);
      expect(n).toBeLessThanOrEqual(37.5);
    }
  });

  it('takes a FeatureCollection of one feature, refuses one of several', () => {
    const fc = JSON.parse(fs.readFileSync(path.join(GEO, 'syr_adm0_country.geojson'), 'utf8'));
    expect(extractZoneGeometry(fc).geometry?.type).toBe('MultiPolygon');
    const two = { type: 'FeatureCollection', features: [fc.features[0], fc.features[0]] };
    expect(extractZoneGeometry(two).error?.path).toBe('/features');
  });

  it('says where a geometry is wrong', () => {
    expect(extractZoneGeometry({ type: 'Point', coordinates: [36.2, 37.1] }).error).toEqual({ path: '/type', message: 'must be Polygon or MultiPolygon, not "Point"' });
    const open = { type: 'Polygon', coordinates: [[[36.1, 36.2], [36.3, 36.2], [36.3, 36.4], [36.1, 36.5]]] };
    expect(extractZoneGeometry(open).error).toEqual({ path: '/coordinates/0', message: 'a ring must end where it starts' });
    const tooFewInFeature = { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[36.1, 36.2], [36.3, 36.2], [36.1, 36.2]]] } };
    expect(extractZoneGeometry(tooFewInFeature).error?.path).toBe('/geometry/coordinates/0');
    const text = { type: 'Polygon', coordinates: [[['36.1', 36.2], [36.3, 36.2], [36.3, 36.4], ['36.1', 36.2]]] };
    expect(extractZoneGeometry(text).error?.path).toBe('/coordinates/0/0');
    expect(extractZoneGeometry('Idlib').error?.message).toBe('must be a GeoJSON object');
  });
});
