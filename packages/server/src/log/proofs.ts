import {
  consistencyProof as buildConsistencyProof,
  consistencyProofRanges,
  inclusionProof as buildInclusionProof,
  inclusionProofRanges,
  subtreeNodes,
  toBase64,
  type NodeId,
} from '@truce/core/log/index';
import type { AppContext } from '../context.ts';
import { badRequest } from '../errors/index.ts';
import * as store from './store.ts';

/** Inclusion and consistency proofs (RFC 9162's, as C2SP's tlog formats carry them) from the stored tree nodes. */

async function nodesFor(ctx: AppContext, ranges: Array<[number, number]>) {
  const needed: NodeId[] = ranges.flatMap(([s, e]) => subtreeNodes(s, e));
  return store.getNodes(ctx.db, needed);
}

export async function inclusionProof(ctx: AppContext, index: number, treeSize: number): Promise<string[]> {
  const size = await store.logSize(ctx.db);
  if (treeSize > size)
    throw badRequest(`tree_size ${treeSize} is larger than the log (${size} entries)`, [{ path: '/query/tree_size', message: `must be at most ${size}` }]);
  if (index >= treeSize)
    throw badRequest(`index ${index} is not in a tree of size ${treeSize}`, [{ path: '/query/index', message: `must be less than tree_size (${treeSize})` }]);
  const get = await nodesFor(ctx, inclusionProofRanges(index, treeSize));
  return buildInclusionProof(index, treeSize, get).map(toBase64);
}

export async function consistencyProof(ctx: AppContext, first: number, second: number): Promise<string[]> {
  const size = await store.logSize(ctx.db);
  if (second > size)
    throw badRequest(`second ${second} is larger than the log (${size} entries)`, [{ path: '/query/second', message: `must be at most ${size}` }]);
  if (first > second) throw badRequest(`first ${first} is larger than second ${second}`, [{ path: '/query/first', message: 'must be at most second' }]);
  const get = await nodesFor(ctx, consistencyProofRanges(first, second));
  return buildConsistencyProof(first, second, get).map(toBase64);
}
