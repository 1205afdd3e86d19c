/**
 * Administrative areas (governorates = adm1, districts = adm2) from the OCHA boundaries
 * that ship with Truce (C10): reading them from GeoJSON, finding the areas that contain
 * a point (C2 "pick on the map; the OCHA p-code is filled in") and a label point inside
 * each area. Pure: the caller reads the files; the browser can run this too.
 */

export type Ring = number[][];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Ring[];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

/** How results name an administrative unit. */
export interface AreaRef {
  pcode: string;
  nameEn: string;
  nameAr: string;
}

export interface AdminArea extends AreaRef {
  level: 1 | 2;
  /** The governorate of a district; null for a governorate. */
  parent: string | null;
  geometry: AreaGeometry;
}

/** [west, south, east, north] */
export type BBox = [number, number, number, number];

/**
 * Reads a FeatureCollection of governorates (level 1) or districts (level 2) with the
 * properties of the shipped files (`pcode`, `name_en`, `name_ar`, and `adm1_pcode` for
 * districts). Throws naming the feature and the field when the file is not that.
 */
export function readAdminAreas(collection: unknown, level: 1 | 2): AdminArea[] {
  if (!isObject(collection) || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new Error(`adm${level}: not a GeoJSON FeatureCollection`);
  }
  return collection.features.map((feature: unknown, i: number): AdminArea => {
    const at = `adm${level} feature ${i}`;
    if (!isObject(feature) || !isObject(feature.properties) || !isObject(feature.geometry))
      throw new Error(`${at}: not a Feature with properties and geometry`);
    const p = feature.properties;
    const g = feature.geometry;
    const text = (name: string) => {
      const v = p[name];
      if (typeof v !== 'string' || v.trim() === '') throw new Error(`${at}: properties.${name} must be a non-empty string`);
      return v.trim();
    };
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') throw new Error(`${at}: geometry must be a Polygon or MultiPolygon`);
    const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown;
    if (!Array.isArray(polygons) || !polygons.every(isPolygonCoordinates)) throw new Error(`${at}: geometry coordinates are not polygons of [lon, lat] rings`);
    return {
      pcode: text('pcode'),
      nameEn: text('name_en'),
      nameAr: text('name_ar'),
      level,
      parent: level === 2 ? text('adm1_pcode') : null,
      geometry: g as unknown as AreaGeometry,
    };
  });
}

function isPolygonCoordinates(rings: unknown): boolean {
  return (
    Array.isArray(rings) &&
    rings.length > 0 &&
    rings.every(
      (ring) =>
        Array.isArray(ring) &&
        ring.length >= 4 &&
        ring.every((pos) => Array.isArray(pos) && pos.length >= 2 && Number.isFinite(pos[0]) && Number.isFinite(pos[1])),
    )
  );
}

const polygonsOf = (g: AreaGeometry): Ring[][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

/** Even-odd test against one ring (crossing number; a closing position is harmless). */
function inRing(ring: ArrayLike<number>, x: number, y: number): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const xi = ring[i],
      yi = ring[i + 1],
      xj = ring[j],
      yj = ring[j + 1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A polygon ready for repeated tests: flat coordinates and a bounding box. */
interface CompiledPolygon {
  bbox: BBox;
  outer: Float64Array;
  holes: Float64Array[];
}

function compilePolygon(rings: Ring[]): CompiledPolygon {
  const flat = (ring: Ring) => {
    const a = new Float64Array(ring.length * 2);
    ring.forEach((p, i) => {
      a[2 * i] = p[0];
      a[2 * i + 1] = p[1];
    });
    return a;
  };
  return { bbox: ringsBBox([rings[0]]), outer: flat(rings[0]), holes: rings.slice(1).map(flat) };
}

function ringsBBox(rings: Ring[]): BBox {
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  for (const ring of rings)
    for (const [x, y] of ring) {
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
  return [w, s, e, n];
}

const inBBox = (b: BBox, x: number, y: number) => x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];

function inCompiled(p: CompiledPolygon, x: number, y: number): boolean {
  return inBBox(p.bbox, x, y) && inRing(p.outer, x, y) && !p.holes.some((h) => inRing(h, x, y));
}

/** Is the point (lon, lat) inside the geometry: inside an outer ring and in none of its holes? */
export function pointInGeometry(geometry: AreaGeometry, lon: number, lat: number): boolean {
  return polygonsOf(geometry).some((rings) => inCompiled(compilePolygon(rings), lon, lat));
}

/** Signed area of a ring in square degrees (positive when counter-clockwise). */
export function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}

const round5 = (v: number) => Math.round(v * 1e5) / 1e5;

/**
 * A point inside the area to put its label or marker on (and to report as its position):
 * the centroid of its largest polygon when that lies inside, otherwise the middle of the
 * widest inside stretch of the horizontal line through the centroid (a crescent-shaped
 * district, or one around a hole like Rural Damascus around Damascus). [lon, lat].
 */
export function interiorPoint(geometry: AreaGeometry): [number, number] {
  const rings = polygonsOf(geometry).reduce((best, p) => (Math.abs(ringArea(p[0])) > Math.abs(ringArea(best[0])) ? p : best));
  const outer = rings[0];
  const a = ringArea(outer);
  let cx = 0,
    cy = 0;
  for (let i = 0; i < outer.length - 1; i++) {
    const cross = outer[i][0] * outer[i + 1][1] - outer[i + 1][0] * outer[i][1];
    cx += (outer[i][0] + outer[i + 1][0]) * cross;
    cy += (outer[i][1] + outer[i + 1][1]) * cross;
  }
  if (a !== 0) {
    cx /= 6 * a;
    cy /= 6 * a;
  } else {
    [cx, cy] = outer[0];
  }
  const compiled = compilePolygon(rings);
  if (inCompiled(compiled, cx, cy)) return [round5(cx), round5(cy)];
  const [, s, , n] = compiled.bbox;
  for (const y of [cy, (s + n) / 2, s + (n - s) / 3, s + (2 * (n - s)) / 3]) {
    const xs: number[] = [];
    for (const ring of rings)
      for (let i = 0; i < ring.length - 1; i++) {
        const [x1, y1] = ring[i];
        const [x2, y2] = ring[i + 1];
        if (y1 > y !== y2 > y) xs.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
      }
    xs.sort((p, q) => p - q);
    let best: [number, number] | null = null;
    for (let i = 0; i + 1 < xs.length; i += 2) if (!best || xs[i + 1] - xs[i] > best[1] - best[0]) best = [xs[i], xs[i + 1]];
    if (best && inCompiled(compiled, (best[0] + best[1]) / 2, y)) return [round5((best[0] + best[1]) / 2), round5(y)];
  }
  return [round5(outer[0][0]), round5(outer[0][1])];
}

export interface Located {
  adm1: AreaRef;
  /** Null only if the point falls in a governorate but, on a border, in none of its districts. */
  adm2: AreaRef | null;
}

interface IndexedArea {
  area: AdminArea;
  ref: AreaRef;
  bbox: BBox;
  polygons: CompiledPolygon[];
}

/**
 * The governorates and districts, indexed for point location: each area's and each
 * polygon's bounding box is checked before the rings, so a point is tested against the
 * outlines of two or three areas, not all 75.
 */
export class AdminAreas {
  private readonly byLevel: Record<1 | 2, IndexedArea[]> = { 1: [], 2: [] };
  private readonly byPcode = new Map<string, IndexedArea>();

  constructor(areas: readonly AdminArea[]) {
    for (const area of areas) {
      if (this.byPcode.has(area.pcode)) throw new Error(`area ${area.pcode} appears twice`);
      const polygons = polygonsOf(area.geometry).map(compilePolygon);
      const indexed: IndexedArea = {
        area,
        ref: { pcode: area.pcode, nameEn: area.nameEn, nameAr: area.nameAr },
        bbox: ringsBBox(polygonsOf(area.geometry).map((p) => p[0])),
        polygons,
      };
      this.byLevel[area.level].push(indexed);
      this.byPcode.set(area.pcode, indexed);
    }
    for (const d of this.byLevel[2]) {
      const parent = d.area.parent ? this.byPcode.get(d.area.parent) : undefined;
      if (!parent || parent.area.level !== 1) throw new Error(`district ${d.area.pcode} names governorate ${d.area.parent}, which is not loaded`);
    }
  }

  /** The areas of one level, in file order. */
  list(level: 1 | 2): AdminArea[] {
    return this.byLevel[level].map((a) => a.area);
  }

  get(pcode: string): AdminArea | undefined {
    return this.byPcode.get(pcode)?.area;
  }

  ref(pcode: string): AreaRef | undefined {
    return this.byPcode.get(pcode)?.ref;
  }

  /**
   * The governorate and district containing (lon, lat), or null outside every governorate.
   * The district is looked up first and gives its governorate, so the two always agree.
   */
  locate(lon: number, lat: number): Located | null {
    const hit = (level: 1 | 2) => this.byLevel[level].find((a) => inBBox(a.bbox, lon, lat) && a.polygons.some((p) => inCompiled(p, lon, lat)));
    const district = hit(2);
    if (district) return { adm1: this.byPcode.get(district.area.parent!)!.ref, adm2: district.ref };
    const governorate = hit(1);
    return governorate ? { adm1: governorate.ref, adm2: null } : null;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
