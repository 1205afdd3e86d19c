import { encodeBundle, parseTileRequest } from '@truce/core/log/index';
import type { AppContext } from '../context.ts';
import { notFound } from '../errors/index.ts';
import { readEntries } from './entries.ts';
import * as store from './store.ts';

/** C2SP tlog-tiles: 256 entries or hashes to a full tile. */
const TILE_WIDTH = 256;

/** An entry bundle (path after /log/tile/entries/): the entries, each behind its length. */
export async function entryBundle(ctx: AppContext, path: string): Promise<Uint8Array> {
  const tile = parseTileRequest('entries/' + path);
  if (!tile || tile.kind !== 'entries') throw notFound('No such entry bundle: the path is not a valid tile path.');
  const width = tile.width ?? TILE_WIDTH;
  const rows = await readEntries(ctx, tile.n * TILE_WIDTH, width);
  if (rows.length < width) throw notFound('No such entry bundle yet.');
  return encodeBundle(rows.map((r) => r.body));
}

/** A hash tile (path after /log/tile/): the stored hashes of one level's range. */
export async function hashTile(ctx: AppContext, path: string): Promise<Buffer> {
  const tile = parseTileRequest(path);
  if (!tile || tile.kind !== 'hash') throw notFound('No such tile: the path is not a valid tile path.');
  const width = tile.width ?? TILE_WIDTH;
  const hashes = await store.nodeRange(ctx.db, tile.level * 8, tile.n * TILE_WIDTH, width);
  if (hashes.length < width) throw notFound('No such tile yet.');
  return Buffer.concat(hashes);
}
