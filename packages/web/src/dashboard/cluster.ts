/**
 * Grid clustering: points are put into square cells of `cell` pixels at the map's
 * current zoom; each cell holding points becomes one cluster at their mean position.
 * Simple and fast enough for the server's limit of points, and no dependency.
 */
export interface Cluster<T> {
  x: number;
  y: number;
  items: T[];
}

export function gridCluster<T>(items: readonly T[], project: (item: T) => { x: number; y: number }, cell = 60): Cluster<T>[] {
  const cells = new Map<string, { sx: number; sy: number; items: T[] }>();
  for (const item of items) {
    const { x, y } = project(item);
    const key = `${Math.floor(x / cell)}:${Math.floor(y / cell)}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { sx: 0, sy: 0, items: [] }));
    c.sx += x;
    c.sy += y;
    c.items.push(item);
  }
  return [...cells.values()].map((c) => ({ x: c.sx / c.items.length, y: c.sy / c.items.length, items: c.items }));
}

/** Colour classes for a choropleth: the class (0..n-1) of a count, on a square-root scale so that a few busy areas do not wash out the rest. */
export function classOf(count: number, max: number, n: number): number {
  if (count <= 0 || max <= 0) return -1;
  return Math.min(n - 1, Math.floor(Math.sqrt(count / max) * n - 1e-9));
}
