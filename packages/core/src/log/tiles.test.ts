import { describe, expect, it } from 'vitest';
import { decodeBundle, encodeBundle, entriesPath, parseTileIndexPath, parseTileRequest, splitTile, tileIndexPath, tilePath, tilesForSize } from './tiles.ts';

describe('tile index paths', () => {
  it('split N into 3-digit groups, all but the last prefixed with x', () => {
    expect(tileIndexPath(1234067)).toBe('x001/x234/067'); // the spec's example
    expect(tileIndexPath(0)).toBe('000');
    expect(tileIndexPath(7)).toBe('007');
    expect(tileIndexPath(999)).toBe('999');
    expect(tileIndexPath(1000)).toBe('x001/000');
    expect(tileIndexPath(1_000_000)).toBe('x001/x000/000');
    expect(() => tileIndexPath(-1)).toThrow(RangeError);
    expect(() => tileIndexPath(1.5)).toThrow(RangeError);
  });

  it('parse back only the canonical form', () => {
    for (const n of [0, 7, 999, 1000, 1234067, 2 ** 45]) expect(parseTileIndexPath(tileIndexPath(n))).toBe(n);
    for (const bad of ['', '1', '01', '0001', 'x001', 'x000/001', 'x01/000', '001/002', 'x001/', '/001', 'x001/x002', 'X001/000', 'x001/00a', '+01']) {
      expect(parseTileIndexPath(bad), bad).toBeNull();
    }
  });
});

describe('tile and bundle paths', () => {
  it('format full and partial tiles', () => {
    expect(tilePath(0, 1234067)).toBe('tile/0/x001/x234/067');
    expect(tilePath(1, 0, 17)).toBe('tile/1/000.p/17');
    expect(tilePath(2, 5, 256)).toBe('tile/2/005');
    expect(entriesPath(1234067, 5)).toBe('tile/entries/x001/x234/067.p/5');
    expect(entriesPath(0)).toBe('tile/entries/000');
    expect(() => tilePath(64, 0)).toThrow(RangeError);
    expect(() => tilePath(0, 0, 0)).toThrow(RangeError);
    expect(() => tilePath(0, 0, 257)).toThrow(RangeError);
  });

  it('parse requests into tiles', () => {
    expect(parseTileRequest('0/x001/x234/067')).toEqual({ kind: 'hash', level: 0, n: 1234067 });
    expect(parseTileRequest('63/000')).toEqual({ kind: 'hash', level: 63, n: 0 });
    expect(parseTileRequest('1/000.p/17')).toEqual({ kind: 'hash', level: 1, n: 0, width: 17 });
    expect(parseTileRequest('entries/000.p/255')).toEqual({ kind: 'entries', n: 0, width: 255 });
    expect(parseTileRequest('entries/x001/000')).toEqual({ kind: 'entries', n: 1000 });
    for (let n = 0; n < 3000; n += 97) {
      expect(parseTileRequest(tilePath(3, n, (n % 255) + 1).slice('tile/'.length))).toEqual({ kind: 'hash', level: 3, n, width: (n % 255) + 1 });
      expect(parseTileRequest(entriesPath(n).slice('tile/'.length))).toEqual({ kind: 'entries', n });
    }
  });

  it('return null for every non-canonical or out-of-range path', () => {
    const bad = [
      '',
      '0',
      'entries',
      '64/000',
      '00/000',
      '01/000',
      '-1/000',
      'x/000',
      '0/1234',
      '0/x000/001',
      '0/000/',
      '0//000',
      '0/000.p',
      '0/000.p/',
      '0/000.p/0',
      '0/000.p/256',
      '0/000.p/017',
      '0/000.p/5/6',
      '0/000.q/5',
      '0/x001.p/000/5',
      'entries/000.p/',
      'entries/0',
      'entries/entries/000',
      'hash/0/000',
      '0/000?x=1',
    ];
    for (const p of bad) expect(parseTileRequest(p), p).toBeNull();
  });
});

describe('tilesForSize', () => {
  const summarise = (size: number) => {
    const byLevel = new Map<number, { full: number; partial: number[] }>();
    for (const t of tilesForSize(size)) {
      const l = byLevel.get(t.level) ?? { full: 0, partial: [] };
      if (t.width === 256) l.full++;
      else l.partial.push(t.width);
      byLevel.set(t.level, l);
    }
    return Object.fromEntries(byLevel);
  };

  it('matches the spec: size 70,000 and size 256', () => {
    expect(summarise(70_000)).toEqual({ 0: { full: 273, partial: [112] }, 1: { full: 1, partial: [17] }, 2: { full: 0, partial: [1] } });
    expect(summarise(256)).toEqual({ 0: { full: 1, partial: [] }, 1: { full: 0, partial: [1] } });
  });

  it('lists full tiles then the partial one, level by level, and nothing for an empty tree', () => {
    expect(tilesForSize(0)).toEqual([]);
    expect(tilesForSize(1)).toEqual([{ level: 0, n: 0, width: 1 }]);
    expect(tilesForSize(513)).toEqual([
      { level: 0, n: 0, width: 256 },
      { level: 0, n: 1, width: 256 },
      { level: 0, n: 2, width: 1 },
      { level: 1, n: 0, width: 2 },
    ]);
    expect(summarise(65_536)).toEqual({ 0: { full: 256, partial: [] }, 1: { full: 1, partial: [] }, 2: { full: 0, partial: [1] } });
  });
});

describe('tiles and entry bundles', () => {
  it('splits a tile into hashes and checks its length', () => {
    const bytes = new Uint8Array(64).map((_, i) => i);
    const [a, b] = splitTile(bytes, 2);
    expect(a[0]).toBe(0);
    expect(b[0]).toBe(32);
    expect(() => splitTile(bytes, 3)).toThrow(/96 bytes/);
    expect(() => splitTile(bytes)).toThrow(/8192 bytes/);
  });

  it('encodes entries behind big-endian u16 lengths and decodes them back', () => {
    expect([...encodeBundle([new Uint8Array([7, 8, 9]), new Uint8Array(0)])]).toEqual([0, 3, 7, 8, 9, 0, 0]);
    const big = new Uint8Array(65535).fill(1);
    const entries = [new Uint8Array(0), new Uint8Array([1]), big, new Uint8Array(300).fill(2)];
    const bundle = encodeBundle(entries);
    expect([...bundle.subarray(5, 7)]).toEqual([0xff, 0xff]);
    expect(decodeBundle(bundle)).toEqual(entries);
    expect(decodeBundle(new Uint8Array(0))).toEqual([]);
  });

  it('refuses entries over 65535 bytes and truncated bundles', () => {
    expect(() => encodeBundle([new Uint8Array(65536)])).toThrow(/entry 0 is 65536 bytes/);
    const bundle = encodeBundle([new Uint8Array([1, 2, 3]), new Uint8Array([4, 5])]);
    expect(() => decodeBundle(bundle.subarray(0, bundle.length - 1))).toThrow(/truncated/);
    expect(() => decodeBundle(bundle.subarray(0, 6))).toThrow(/truncated/);
    expect(() => decodeBundle(new Uint8Array([0]))).toThrow(/truncated/);
  });
});
