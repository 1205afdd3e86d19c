import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AdminAreas, interiorPoint, pointInGeometry, readAdminAreas, ringArea, type AreaGeometry } from './areas.ts';
import { parsePlacesTsv } from './gazetteer.ts';

// The copy that ships with the server (the server's geo integration test checks it byte for byte
// against the source data where that sits beside the repository), so these tests run in any clone.
const GEO = path.resolve(__dirname, '../../../server/data/geo');
const read = (file: string) => fs.readFileSync(path.join(GEO, file), 'utf8');
const governorates = readAdminAreas(JSON.parse(read('syr_adm1_governorates.geojson')), 1);
const districts = readAdminAreas(JSON.parse(read('syr_adm2_districts.geojson')), 2);
const areas = new AdminAreas([...governorates, ...districts]);

describe('reading the OCHA boundaries', () => {
  it('has the 14 governorates SY01…SY14 and 61 districts, each in a loaded governorate', () => {
    expect(governorates.map((g) => g.pcode)).toEqual(Array.from({ length: 14 }, (_, i) => `SY${String(i + 1).padStart(2, '0')}`));
    expect(districts).toHaveLength(61);
    for (const d of districts) {
      expect(d.pcode).toMatch(/^SY\d{4}$/);
      expect(d.pcode.slice(0, 4)).toBe(d.parent);
    }
    expect(areas.get('SY09')).toMatchObject({ nameEn: 'Deir-ez-Zor', nameAr: 'دير الزور', level: 1, parent: null });
    expect(areas.get('SY0702')).toMatchObject({ nameEn: "Al Ma'ra", nameAr: 'معرة النعمان', parent: 'SY07' });
  });

  it('follows the RFC 7946 right-hand rule: outer rings counter-clockwise, holes clockwise', () => {
    for (const a of [...governorates, ...districts]) {
      const polygons = a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates;
      for (const [outer, ...holes] of polygons) {
        expect(ringArea(outer), a.pcode).toBeGreaterThan(0);
        for (const hole of holes) expect(ringArea(hole), a.pcode).toBeLessThan(0);
      }
    }
  });

  it('names the feature and field of a broken file', () => {
    expect(() =>
      readAdminAreas(
        { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { pcode: 'SY01' }, geometry: { type: 'Point', coordinates: [36, 33] } }] },
        1,
      ),
    ).toThrow('adm1 feature 0: geometry must be a Polygon or MultiPolygon');
    const square = [
      [
        [36, 33],
        [37, 33],
        [37, 34],
        [36, 33],
      ],
    ];
    expect(() =>
      readAdminAreas(
        {
          type: 'FeatureCollection',
          features: [{ type: 'Feature', properties: { pcode: 'SY01', name_en: ' ' }, geometry: { type: 'Polygon', coordinates: square } }],
        },
        1,
      ),
    ).toThrow('adm1 feature 0: properties.name_en must be a non-empty string');
    expect(() => readAdminAreas({ type: 'Topology' }, 2)).toThrow('adm2: not a GeoJSON FeatureCollection');
    expect(() => new AdminAreas([districts[0]])).toThrow(/governorate SY01, which is not loaded/);
  });
});

describe('point in polygon', () => {
  const square = (x0: number, y0: number, size: number) => [
    [x0, y0],
    [x0 + size, y0],
    [x0 + size, y0 + size],
    [x0, y0 + size],
    [x0, y0],
  ];
  const donut: AreaGeometry = { type: 'Polygon', coordinates: [square(0, 0, 10), square(4, 4, 2).reverse()] };
  const islands: AreaGeometry = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(5, 5, 1)]] };

  it('handles holes and multipolygons', () => {
    expect(pointInGeometry(donut, 1, 1)).toBe(true);
    expect(pointInGeometry(donut, 5, 5)).toBe(false); // in the hole
    expect(pointInGeometry(donut, 11, 5)).toBe(false);
    expect(pointInGeometry(islands, 5.5, 5.5)).toBe(true);
    expect(pointInGeometry(islands, 3, 3)).toBe(false);
  });

  it('puts a label point inside every area, around holes too', () => {
    expect(pointInGeometry(donut, ...interiorPoint(donut))).toBe(true);
    for (const a of [...governorates, ...districts]) {
      const [lon, lat] = interiorPoint(a.geometry);
      expect(pointInGeometry(a.geometry, lon, lat), a.pcode).toBe(true);
    }
  });
});

describe('locate', () => {
  it('finds the governorate and district of the big cities', () => {
    expect(areas.locate(37.140868, 36.2031147)).toEqual({
      adm1: { pcode: 'SY02', nameEn: 'Aleppo', nameAr: 'حلب' },
      adm2: { pcode: 'SY0200', nameEn: 'Jebel Saman', nameAr: 'جبل سمعان' },
    });
    expect(areas.locate(36.6349095, 35.9319912)?.adm1.pcode).toBe('SY07'); // Idleb
    expect(areas.locate(40.1397698, 35.3377492)?.adm2?.pcode).toBe('SY0901'); // Deir-ez-Zor
    expect(areas.locate(38.9962876, 35.9644702)?.adm1.pcode).toBe('SY11'); // Ar-Raqqa
    expect(areas.locate(36.1134217, 32.6187165)?.adm1.pcode).toBe('SY12'); // Dar'a
    expect(areas.locate(36.5673698, 32.7117962)?.adm1.pcode).toBe('SY13'); // As-Sweida
  });

  it('puts Damascus in SY01, not in the Rural Damascus that surrounds it', () => {
    const ruralDamascus = areas.get('SY03')!;
    expect(ruralDamascus.geometry.coordinates).toHaveLength(2); // outer ring + the hole of the city
    expect(pointInGeometry(ruralDamascus.geometry, 36.29128, 33.5102)).toBe(false);
    expect(areas.locate(36.29128, 33.5102)?.adm1.pcode).toBe('SY01');
    expect(areas.locate(36.3478343, 33.4859124)?.adm1.pcode).toBe('SY03'); // Jaramana, just outside the city
  });

  it('finds the island of Arwad in the second polygon of Tartous', () => {
    expect(areas.get('SY10')!.geometry.type).toBe('MultiPolygon');
    expect(areas.locate(35.8585, 34.8565)).toMatchObject({ adm1: { pcode: 'SY10' }, adm2: { pcode: 'SY1000' } });
  });

  it('answers null outside Syria', () => {
    expect(areas.locate(35.5018, 33.8938)).toBeNull(); // Beirut
    expect(areas.locate(35.0, 35.0)).toBeNull(); // the sea off Lattakia
    expect(areas.locate(44.3661, 33.3152)).toBeNull(); // Baghdad
    expect(areas.locate(0, 0)).toBeNull();
  });

  it('agrees with the gazetteer for the places inside the simplified outline (SOURCES.md: 5,203 of 5,251)', () => {
    const places = parsePlacesTsv(read('syr_populated_places.tsv'));
    let same = 0,
      other = 0,
      outside = 0,
      sameDistrict = 0;
    for (const p of places) {
      const found = areas.locate(p.lon, p.lat);
      if (!found) outside++;
      else if (found.adm1.pcode === p.adm1_pcode) same++;
      else other++;
      if (found?.adm2?.pcode === p.adm2_pcode) sameDistrict++;
    }
    expect({ same, other, outside }).toEqual({ same: 5203, other: 1, outside: 47 });
    expect(sameDistrict).toBeGreaterThanOrEqual(5150);
  });
});
