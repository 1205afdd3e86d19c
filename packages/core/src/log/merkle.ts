import { EMPTY_ROOT, HASH_SIZE, bytesEqual, nodeHash } from './hash.ts';

/**
 * The RFC 6962 / RFC 9162 §2.1 Merkle tree: root, proofs, their verification, and the
 * addressing of stored nodes.
 *
 * Sizes and indexes are JavaScript numbers up to 2^53-1. Arithmetic uses division and
 * multiplication instead of bit operators, which would silently truncate at 2^32.
 */

/** A complete, aligned subtree: leaves [index * 2^level, (index + 1) * 2^level). */
export interface NodeId {
  level: number;
  index: number;
}

function assertCount(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a whole number from 0 to 2^53-1, not ${n}`);
}

/** The largest power of two strictly less than n, for n > 1 (the RFC's k). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The smallest power of two greater than or equal to n (n >= 1). */
function ceilPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

function isOdd(n: number): boolean {
  return n % 2 === 1;
}

function half(n: number): number {
  return Math.floor(n / 2);
}

/** MTH(D[n]) from leaf hashes, by the RFC's recursive definition (the reference the rest is tested against). */
export function rootFromLeafHashes(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return EMPTY_ROOT.slice();
  const mth = (start: number, end: number): Uint8Array => {
    if (end - start === 1) return leaves[start];
    const k = splitPoint(end - start);
    return nodeHash(mth(start, start + k), mth(start + k, end));
  };
  return mth(0, leaves.length);
}

/**
 * The complete aligned nodes that make up the range [start, end), left to right.
 *
 * Defined for the ranges RFC 6962 itself hashes: every prefix [0, n) and every subtree
 * reached by its recursion, i.e. ranges whose start is a multiple of the smallest power
 * of two that holds the range. Such a range is a chain of nodes of strictly decreasing
 * size (the binary digits of end - start). Any other range has no MTH made of stored
 * nodes, so it is refused rather than hashed wrongly.
 */
export function subtreeNodes(start: number, end: number): NodeId[] {
  assertCount('start', start);
  assertCount('end', end);
  if (end < start) throw new RangeError(`range [${start}, ${end}) is reversed`);
  const size = end - start;
  if (size === 0) return [];
  if (start % ceilPow2(size) !== 0) throw new RangeError(`range [${start}, ${end}) is not an RFC 6962 subtree`);
  const nodes: NodeId[] = [];
  let pos = start;
  let width = ceilPow2(size);
  let level = Math.round(Math.log2(width));
  while (pos < end) {
    if (pos + width <= end) {
      nodes.push({ level, index: pos / width });
      pos += width;
    }
    width /= 2;
    level -= 1;
  }
  return nodes;
}

/**
 * MTH of [start, end) from stored nodes. The tree is left-heavy: the last (smallest)
 * node is the deepest right child, so hashing folds from the right:
 * H(n0, H(n1, H(n2, n3))).
 */
export function hashFromNodes(start: number, end: number, get: (n: NodeId) => Uint8Array): Uint8Array {
  const nodes = subtreeNodes(start, end);
  if (nodes.length === 0) return EMPTY_ROOT.slice();
  const fetch = (n: NodeId): Uint8Array => {
    const h = get(n);
    if (!(h instanceof Uint8Array) || h.length !== HASH_SIZE) throw new Error(`node ${n.level}/${n.index} is not a 32-byte hash`);
    return h;
  };
  let acc = fetch(nodes[nodes.length - 1]);
  for (let i = nodes.length - 2; i >= 0; i--) acc = nodeHash(fetch(nodes[i]), acc);
  return acc;
}

/** Ranges whose hashes form PATH(index, D[size]), leaf's sibling first (RFC 9162 §2.1.3.1). */
export function inclusionProofRanges(index: number, size: number): Array<[number, number]> {
  assertCount('index', index);
  assertCount('size', size);
  if (index >= size) throw new RangeError(`index ${index} is not in a tree of size ${size}`);
  // Walk down from the root; each step's sibling sits one level higher than the next
  // step's, so collecting top-down and reversing gives the bottom-up order.
  const topDown: Array<[number, number]> = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      topDown.push([start + k, end]);
      end = start + k;
    } else {
      topDown.push([start, start + k]);
      start = start + k;
    }
  }
  return topDown.reverse();
}

/** Ranges whose hashes form PROOF(m, D[n]) in RFC 9162 §2.1.4.1 order. */
export function consistencyProofRanges(m: number, n: number): Array<[number, number]> {
  assertCount('m', m);
  assertCount('n', n);
  if (m > n) throw new RangeError(`old size ${m} is larger than new size ${n}`);
  if (m === 0 || m === n) return [];
  // SUBPROOF(m, D[start:end], b) appends its own node after the recursive part, so the
  // recursion unrolls into a top-down list that is reversed at the end.
  const topDown: Array<[number, number]> = [];
  let start = 0;
  let end = n;
  let whole = true; // the RFC's b: m is still the whole old tree
  let rel = m;
  for (;;) {
    if (rel === end - start) {
      if (!whole) topDown.push([start, end]);
      break;
    }
    const k = splitPoint(end - start);
    if (rel <= k) {
      topDown.push([start + k, end]);
      end = start + k;
    } else {
      topDown.push([start, start + k]);
      start = start + k;
      rel -= k;
      whole = false;
    }
  }
  return topDown.reverse();
}

export function inclusionProof(index: number, size: number, get: (n: NodeId) => Uint8Array): Uint8Array[] {
  return inclusionProofRanges(index, size).map(([s, e]) => hashFromNodes(s, e, get));
}

export function consistencyProof(m: number, n: number, get: (n: NodeId) => Uint8Array): Uint8Array[] {
  return consistencyProofRanges(m, n).map(([s, e]) => hashFromNodes(s, e, get));
}

/**
 * Nodes above the leaf that appending leaf `index` completes, lowest first. Each one's
 * right child is the previous one (or the leaf), its left child was stored earlier.
 */
export function nodesCompletedByAppend(index: number): NodeId[] {
  assertCount('index', index);
  const nodes: NodeId[] = [];
  let width = 2;
  let level = 1;
  while ((index + 1) % width === 0) {
    nodes.push({ level, index: (index + 1) / width - 1 });
    width *= 2;
    level += 1;
  }
  return nodes;
}

export function childrenOf(node: NodeId): [NodeId, NodeId] {
  assertCount('level', node.level);
  assertCount('index', node.index);
  if (node.level === 0) throw new RangeError('a leaf has no children');
  return [
    { level: node.level - 1, index: node.index * 2 },
    { level: node.level - 1, index: node.index * 2 + 1 },
  ];
}

function isHash(h: unknown): h is Uint8Array {
  return h instanceof Uint8Array && h.length === HASH_SIZE;
}

function validCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** RFC 9162 §2.1.3.2. Returns false (never throws) for any malformed input. */
export function verifyInclusion(leafHash: Uint8Array, index: number, size: number, proof: Uint8Array[], root: Uint8Array): boolean {
  if (!validCount(index) || !validCount(size) || index >= size) return false;
  if (!isHash(leafHash) || !isHash(root) || !Array.isArray(proof) || !proof.every(isHash)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(r, root);
}

/**
 * RFC 9162 §2.1.4.2, plus the two cases the RFC leaves to the caller: equal sizes need
 * an empty proof and equal roots; the empty tree is consistent with every tree.
 */
export function verifyConsistency(m: number, n: number, proof: Uint8Array[], oldRoot: Uint8Array, newRoot: Uint8Array): boolean {
  if (!validCount(m) || !validCount(n) || m > n) return false;
  if (!isHash(oldRoot) || !isHash(newRoot) || !Array.isArray(proof) || !proof.every(isHash)) return false;
  if (m === n) return proof.length === 0 && bytesEqual(oldRoot, newRoot);
  if (m === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(m) ? [oldRoot, ...proof] : proof;
  let fn = m - 1;
  let sn = n - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return bytesEqual(fr, oldRoot) && bytesEqual(sr, newRoot) && sn === 0;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && ceilPow2(n) === n;
}

/**
 * A compact range over [0, size): the roots of the perfect subtrees that make up the
 * prefix, one per set bit of size. O(log n) memory, so a verifier can stream millions
 * of leaves and still compute MTH at any size it passes through.
 */
export class TreeBuilder {
  // Left to right, strictly decreasing heights; heights[i] is the level of hashes[i].
  private hashes: Uint8Array[] = [];
  private heights: number[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  append(leafHash: Uint8Array): void {
    this.appendSubtree(leafHash, 0);
  }

  /**
   * Appends 2^level leaves at once, given the MTH of that perfect subtree (a full tile's
   * root, say). The tree's size must be a multiple of 2^level, so the subtree is aligned.
   */
  appendSubtree(hash: Uint8Array, level: number): void {
    if (!isHash(hash)) throw new Error('a hash must be 32 bytes');
    if (!Number.isInteger(level) || level < 0 || level > 52) throw new RangeError(`invalid subtree level ${level}`);
    const width = 2 ** level;
    if (this.count % width !== 0) throw new RangeError(`a subtree of 2^${level} leaves cannot start at ${this.count}`);
    if (this.count + width > Number.MAX_SAFE_INTEGER) throw new RangeError('tree is full');
    let height = level;
    // Merge equal-height neighbours, like carrying in binary addition.
    while (this.heights.length > 0 && this.heights[this.heights.length - 1] === height) {
      hash = nodeHash(this.hashes.pop()!, hash);
      this.heights.pop();
      height += 1;
    }
    this.hashes.push(hash);
    this.heights.push(height);
    this.count += width;
  }

  /** MTH of the leaves appended so far. */
  root(): Uint8Array {
    if (this.hashes.length === 0) return EMPTY_ROOT.slice();
    let acc = this.hashes[this.hashes.length - 1];
    for (let i = this.hashes.length - 2; i >= 0; i--) acc = nodeHash(this.hashes[i], acc);
    return acc;
  }
}
