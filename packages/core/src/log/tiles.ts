import { HASH_SIZE } from './hash.ts';

/**
 * c2sp.org/tlog-tiles: the static read API. Hash tiles at tile/<L>/<N>[.p/<W>] and entry
 * bundles at tile/entries/<N>[.p/<W>]. A full tile holds 256 hashes; tile n at level l
 * holds MTH of the 256^l-leaf subtrees (n*256+i), i = 0..255, i.e. the stored nodes at
 * tree level 8*l.
 */

export const TILE_WIDTH = 256;
export const TILE_HEIGHT = 8;
export const MAX_TILE_LEVEL = 63;
export const MAX_ENTRY_SIZE = 65535;

export type TileRequest = { kind: 'hash'; level: number; n: number; width?: number } | { kind: 'entries'; n: number; width?: number };

export interface TileRef {
  level: number;
  n: number;
  /** 256 for a full tile, 1..255 for a partial one. */
  width: number;
}

function assertIndex(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`a tile index must be a whole number, not ${n}`);
}

function assertLevel(level: number): void {
  if (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL) throw new RangeError(`a tile level is 0 to 63, not ${level}`);
}

/** Full tiles are written without a width; 256 and undefined both mean full. */
function widthSuffix(width: number | undefined): string {
  if (width === undefined || width === TILE_WIDTH) return '';
  if (!Number.isInteger(width) || width < 1 || width > 255) throw new RangeError(`a partial tile is 1 to 255 wide, not ${width}`);
  return `.p/${width}`;
}

/** 1234067 → "x001/x234/067": 3-digit groups, all but the last prefixed with "x". */
export function tileIndexPath(n: number): string {
  assertIndex(n);
  let digits = String(n);
  digits = digits.padStart(Math.ceil(digits.length / 3) * 3, '0');
  const groups: string[] = [];
  for (let i = 0; i < digits.length; i += 3) groups.push(digits.slice(i, i + 3));
  return groups.map((g, i) => (i < groups.length - 1 ? 'x' + g : g)).join('/');
}

/**
 * The inverse of tileIndexPath, accepting only the canonical form (so each tile has one
 * URL): no leading "x000" group, exactly 3 digits per group. Null if malformed.
 */
export function parseTileIndexPath(path: string): number | null {
  const groups = path.split('/');
  let digits = '';
  for (let i = 0; i < groups.length; i++) {
    const last = i === groups.length - 1;
    const m = (last ? /^([0-9]{3})$/ : /^x([0-9]{3})$/).exec(groups[i]);
    if (!m) return null;
    if (i === 0 && !last && m[1] === '000') return null;
    digits += m[1];
  }
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : null;
}

export function tilePath(level: number, n: number, width?: number): string {
  assertLevel(level);
  return `tile/${level}/${tileIndexPath(n)}${widthSuffix(width)}`;
}

export function entriesPath(n: number, width?: number): string {
  return `tile/entries/${tileIndexPath(n)}${widthSuffix(width)}`;
}

/**
 * Parses the part of a URL after "tile/" ("0/x001/234.p/7", "entries/000"). Returns null
 * for anything that is not the canonical path of some tile, so the server can 404 it.
 */
export function parseTileRequest(path: string): TileRequest | null {
  if (typeof path !== 'string') return null;
  const segments = path.split('/');
  const head = segments.shift();
  let level: number | null = null;
  if (head === 'entries') level = null;
  else if (head !== undefined && /^(0|[1-9][0-9]?)$/.test(head) && Number(head) <= MAX_TILE_LEVEL) level = Number(head);
  else return null;

  let width: number | undefined;
  if (segments.length >= 2 && segments[segments.length - 2].endsWith('.p')) {
    const w = segments.pop()!;
    if (!/^[1-9][0-9]{0,2}$/.test(w) || Number(w) > 255) return null;
    width = Number(w);
    segments[segments.length - 1] = segments[segments.length - 1].slice(0, -2);
  }
  if (segments.length === 0) return null;
  const n = parseTileIndexPath(segments.join('/'));
  if (n === null) return null;
  const base = width === undefined ? {} : { width };
  return level === null ? { kind: 'entries', n, ...base } : { kind: 'hash', level, n, ...base };
}

/**
 * Every tile that exists for a tree of `size` leaves, level by level: at level l there
 * are floor(size / 256^l) hashes, making full tiles and, for the remainder, one partial
 * tile. Empty tiles do not exist.
 */
export function tilesForSize(size: number): TileRef[] {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`a tree size must be a whole number, not ${size}`);
  const tiles: TileRef[] = [];
  let hashes = size; // hashes at the current level
  for (let level = 0; hashes > 0 && level <= MAX_TILE_LEVEL; level++) {
    const full = Math.floor(hashes / TILE_WIDTH);
    for (let n = 0; n < full; n++) tiles.push({ level, n, width: TILE_WIDTH });
    const partial = hashes % TILE_WIDTH;
    if (partial > 0) tiles.push({ level, n: full, width: partial });
    hashes = full;
  }
  return tiles;
}

/** The 32-byte hashes of a tile; throws if the byte count is not `width` hashes. */
export function splitTile(bytes: Uint8Array, width: number = TILE_WIDTH): Uint8Array[] {
  if (bytes.length !== width * HASH_SIZE) throw new Error(`a tile of width ${width} is ${width * HASH_SIZE} bytes, this one is ${bytes.length}`);
  const hashes: Uint8Array[] = [];
  for (let i = 0; i < width; i++) hashes.push(bytes.slice(i * HASH_SIZE, (i + 1) * HASH_SIZE));
  return hashes;
}

/** An entry bundle: each entry as u16be length || bytes. */
export function encodeBundle(entries: Uint8Array[]): Uint8Array {
  let total = 0;
  entries.forEach((e, i) => {
    if (e.length > MAX_ENTRY_SIZE) throw new RangeError(`entry ${i} is ${e.length} bytes; a bundle entry is at most ${MAX_ENTRY_SIZE}`);
    total += 2 + e.length;
  });
  const out = new Uint8Array(total);
  let at = 0;
  for (const e of entries) {
    out[at] = e.length >> 8;
    out[at + 1] = e.length & 0xff;
    out.set(e, at + 2);
    at += 2 + e.length;
  }
  return out;
}

export function decodeBundle(bytes: Uint8Array): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 2 > bytes.length) throw new Error(`entry bundle truncated: a length prefix is cut off at byte ${at}`);
    const length = (bytes[at] << 8) | bytes[at + 1];
    if (at + 2 + length > bytes.length)
      throw new Error(`entry bundle truncated: entry ${entries.length} needs ${length} bytes, ${bytes.length - at - 2} remain`);
    entries.push(bytes.slice(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return entries;
}
