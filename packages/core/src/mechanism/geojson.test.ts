import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { boundingBox, extractZoneGeometry } from './geojson.ts';

// The copy that ships with the server, so these tests run in any clone.
const GEO = path.resolve(__dirname, '../../../server/data/geo');

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
    expect(extractZoneGeometry({ type: 'Point', coordinates: [36.2, 37.1] }).error).toEqual({
      path: '/type',
      message: 'must be Polygon or MultiPolygon, not "Point"',
    });
    const open = {
      type: 'Polygon',
      coordinates: [
        [
          [36.1, 36.2],
          [36.3, 36.2],
          [36.3, 36.4],
          [36.1, 36.5],
        ],
      ],
    };
    expect(extractZoneGeometry(open).error).toEqual({ path: '/coordinates/0', message: 'a ring must end where it starts' });
    const tooFewInFeature = {
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [36.1, 36.2],
            [36.3, 36.2],
            [36.1, 36.2],
          ],
        ],
      },
    };
    expect(extractZoneGeometry(tooFewInFeature).error?.path).toBe('/geometry/coordinates/0');
    const text = {
      type: 'Polygon',
      coordinates: [
        [
          ['36.1', 36.2],
          [36.3, 36.2],
          [36.3, 36.4],
          ['36.1', 36.2],
        ],
      ],
    };
    expect(extractZoneGeometry(text).error?.path).toBe('/coordinates/0/0');
    expect(extractZoneGeometry('Idlib').error?.message).toBe('must be a GeoJSON object');
  });
});

describe('zone membership', () => {
  it('places Syrian cities inside the country and neighbouring capitals outside', async () => {
    const { zoneContains } = await import('./geojson.ts');
    const fc = JSON.parse(fs.readFileSync(path.join(GEO, 'syr_adm0_country.geojson'), 'utf8'));
    const syria = extractZoneGeometry(fc).geometry!;
    const inside = { Aleppo: [37.16, 36.2], Damascus: [36.29, 33.51], Idlib: [36.63, 35.93], 'Deir ez-Zor': [40.14, 35.33], Daraa: [36.1, 32.62] };
    const outside = { Beirut: [35.5, 33.89], Amman: [35.93, 31.95], Gaziantep: [37.38, 37.07], Mosul: [43.13, 36.34] };
    for (const [name, [lon, lat]] of Object.entries(inside)) expect(zoneContains(syria, lon, lat), name).toBe(true);
    for (const [name, [lon, lat]] of Object.entries(outside)) expect(zoneContains(syria, lon, lat), name).toBe(false);
  });

  it('treats a hole as outside', async () => {
    const { zoneContains } = await import('./geojson.ts');
    const donut = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [36, 35],
          [37, 35],
          [37, 36],
          [36, 36],
          [36, 35],
        ],
        [
          [36.4, 35.4],
          [36.6, 35.4],
          [36.6, 35.6],
          [36.4, 35.6],
          [36.4, 35.4],
        ],
      ],
    };
    expect(zoneContains(donut, 36.2, 35.2)).toBe(true);
    expect(zoneContains(donut, 36.5, 35.5)).toBe(false);
  });
});
