/**
 * A choropleth of governorates as a standalone SVG (C8 "a map"): the shipped boundaries
 * drawn with a simple equirectangular projection (longitude scaled by the cosine of the
 * middle latitude), no tiles, no scripts, no fonts named (the PDF renderer uses its own).
 */
export type Ring = readonly (readonly number[])[];
export interface AreaShape {
  pcode: string;
  /** Polygons, each a list of rings (the first is the outline), in [lon, lat]. */
  polygons: readonly (readonly Ring[])[];
}

/** GeoJSON features (Polygon or MultiPolygon with a `pcode` property) → shapes. */
export function shapesOf(collection: {
  features: { properties?: Record<string, unknown> | null; geometry?: { type: string; coordinates: unknown } | null }[];
}): AreaShape[] {
  const out: AreaShape[] = [];
  for (const f of collection.features) {
    const pcode = f.properties?.pcode;
    if (typeof pcode !== 'string' || !f.geometry) continue;
    if (f.geometry.type === 'Polygon') out.push({ pcode, polygons: [f.geometry.coordinates as Ring[]] });
    else if (f.geometry.type === 'MultiPolygon') out.push({ pcode, polygons: f.geometry.coordinates as Ring[][] });
  }
  return out;
}

/** Light to dark; index 0 is "none". */
const CLASSES = ['#f1f1ef', '#fde0c5', '#f9b58a', '#ef7f5a', '#d24a3c', '#9c1f2b'];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface ChoroplethOptions {
  counts: ReadonlyMap<string, number>;
  /** The name to write on an area (already in the document's language). */
  name: (pcode: string) => string;
  /** Formats a number for the document's language. */
  num: (n: number) => string;
  /** Word after the numbers in the legend, e.g. "reports". */
  legend: string;
  rtl?: boolean;
  width?: number;
}

export function choroplethSvg(shapes: readonly AreaShape[], o: ChoroplethOptions): string {
  const width = o.width ?? 640;
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const s of shapes)
    for (const p of s.polygons)
      for (const [lon, lat] of p[0] ?? []) {
        minLon = Math.min(minLon, lon);
        maxLon = Math.max(maxLon, lon);
        minLat = Math.min(minLat, lat);
        maxLat = Math.max(maxLat, lat);
      }
  if (!Number.isFinite(minLon)) return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="40" viewBox="0 0 ${width} 40"></svg>`;
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const pad = 10;
  const legendH = 34;
  const scale = (width - 2 * pad) / ((maxLon - minLon) * kx);
  const mapH = (maxLat - minLat) * scale;
  const height = Math.ceil(mapH + 2 * pad + legendH);
  const x = (lon: number) => pad + (lon - minLon) * kx * scale;
  const y = (lat: number) => pad + (maxLat - lat) * scale;
  const max = Math.max(0, ...o.counts.values());
  const classOf = (n: number) => (n <= 0 || max === 0 ? 0 : Math.min(5, Math.max(1, Math.ceil((n / max) * 5))));

  const paths: string[] = [];
  const labels: string[] = [];
  for (const s of shapes) {
    let d = '';
    let best: { ring: Ring; area: number } | null = null;
    for (const polygon of s.polygons) {
      for (const ring of polygon) {
        let last: [number, number] | null = null;
        let part = '';
        for (const [lon, lat] of ring) {
          const px = Math.round(x(lon) * 10) / 10;
          const py = Math.round(y(lat) * 10) / 10;
          if (last && Math.abs(px - last[0]) < 0.6 && Math.abs(py - last[1]) < 0.6) continue;
          part += `${last ? 'L' : 'M'}${px} ${py}`;
          last = [px, py];
        }
        if (part) d += `${part}Z`;
      }
      const outline = polygon[0] ?? [];
      const area =
        Math.abs(
          outline.reduce((a, p, i) => {
            const q = outline[(i + 1) % outline.length];
            return a + (p[0] * q[1] - q[0] * p[1]);
          }, 0),
        ) / 2;
      if (!best || area > best.area) best = { ring: outline, area };
    }
    const n = o.counts.get(s.pcode) ?? 0;
    paths.push(
      `<path d="${d}" fill="${CLASSES[classOf(n)]}" stroke="#555" stroke-width="0.6" fill-rule="evenodd"><title>${esc(`${o.name(s.pcode)}: ${o.num(n)}`)}</title></path>`,
    );
    if (best && best.ring.length > 0) {
      const cx = best.ring.reduce((a, p) => a + x(p[0]), 0) / best.ring.length;
      const cy = best.ring.reduce((a, p) => a + y(p[1]), 0) / best.ring.length;
      const dark = classOf(n) >= 4;
      const fill = dark ? '#fff' : '#222';
      if (s.pcode !== 'SY01')
        labels.push(`<text x="${cx.toFixed(1)}" y="${(cy - 2).toFixed(1)}" font-size="9" text-anchor="middle" fill="${fill}">${esc(o.name(s.pcode))}</text>`);
      labels.push(
        `<text x="${cx.toFixed(1)}" y="${(cy + (s.pcode === 'SY01' ? 3 : 9)).toFixed(1)}" font-size="9" font-weight="bold" text-anchor="middle" fill="${fill}">${esc(o.num(n))}</text>`,
      );
    }
  }

  // Legend: the five classes with their upper bounds, and "none".
  const legend: string[] = [];
  const ly = Math.ceil(mapH + 2 * pad + 6);
  const bounds = [0, ...[1, 2, 3, 4, 5].map((k) => Math.floor((max * k) / 5))];
  const items =
    max === 0
      ? [[0, '0']]
      : bounds
          .map((b, k) => [k, k === 0 ? '0' : `${o.num(Math.floor((max * (k - 1)) / 5) + 1)}–${o.num(b)}`])
          .filter(([k], i) => i === 0 || bounds[Number(k)] > bounds[Number(k) - 1]);
  const step = (width - 2 * pad) / 7;
  items.forEach(([k, text], i) => {
    const lx = o.rtl ? width - pad - (i + 1) * step : pad + i * step;
    legend.push(`<rect x="${lx.toFixed(1)}" y="${ly}" width="14" height="10" fill="${CLASSES[Number(k)]}" stroke="#555" stroke-width="0.5"/>`);
    legend.push(`<text x="${(lx + 18).toFixed(1)}" y="${ly + 9}" font-size="9" fill="#222">${esc(String(text))}</text>`);
  });
  legend.push(
    `<text x="${o.rtl ? pad : width - pad}" y="${ly + 24}" font-size="9" fill="#444" text-anchor="${o.rtl ? 'start' : 'end'}">${esc(o.legend)}</text>`,
  );

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    ...paths,
    ...labels,
    ...legend,
    '</svg>',
  ].join('\n');
}
