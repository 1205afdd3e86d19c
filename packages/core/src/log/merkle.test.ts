import { describe, expect, it } from 'vitest';
import { EMPTY_ROOT, fromHex, leafHash, sha256, toHex, utf8 } from './hash.ts';
import {
  TreeBuilder,
  childrenOf,
  consistencyProof,
  consistencyProofRanges,
  hashFromNodes,
  inclusionProof,
  inclusionProofRanges,
  nodesCompletedByAppend,
  rootFromLeafHashes,
  subtreeNodes,
  verifyConsistency,
  verifyInclusion,
  type NodeId,
} from './merkle.ts';

// The RFC 6962 test tree used by certificate-transparency implementations
// (transparency-dev/merkle proof/verify_test.go): leaf inputs and MTH for sizes 1..8.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(fromHex);
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
// Published proofs for that tree; the source numbers leaves from 1, these are 0-based indexes.
const INCLUSION: Array<{ index: number; size: number; proof: string[] }> = [
  { index: 0, size: 1, proof: [] },
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];
const CONSISTENCY: Array<{ m: number; n: number; proof: string[] }> = [
  { m: 1, n: 1, proof: [] },
  {
    m: 1,
    n: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    m: 6,
    n: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    m: 2,
    n: 5,
    proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'],
  },
  {
    m: 6,
    n: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

/** Every complete aligned node of a tree of `leaves`, as the server stores them. */
function nodeStore(leaves: Uint8Array[]): (n: NodeId) => Uint8Array {
  const store = new Map<string, Uint8Array>();
  leaves.forEach((leaf, i) => {
    store.set(`0/${i}`, leaf);
    for (const node of nodesCompletedByAppend(i)) {
      const [l, r] = childrenOf(node).map((c) => store.get(`${c.level}/${c.index}`)!);
      store.set(`${node.level}/${node.index}`, sha256(new Uint8Array([1, ...l, ...r])));
    }
  });
  return (n) => {
    const h = store.get(`${n.level}/${n.index}`);
    if (!h) throw new Error(`missing node ${n.level}/${n.index}`);
    return h;
  };
}

const syntheticLeaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(utf8(`entry ${i}`)));
const flip = (h: Uint8Array, bit = 0) => {
  const c = h.slice();
  c[0] ^= 1 << bit;
  return c;
};

describe('RFC 6962 known answers', () => {
  const hashes = LEAVES.map(leafHash);

  it('computes the published roots for sizes 1..8, and the empty root', () => {
    expect(toHex(rootFromLeafHashes([]))).toBe(toHex(EMPTY_ROOT));
    for (let n = 1; n <= 8; n++) expect(toHex(rootFromLeafHashes(hashes.slice(0, n))), `size ${n}`).toBe(ROOTS[n - 1]);
  });

  it('produces and verifies the published inclusion proofs', () => {
    const get = nodeStore(hashes);
    for (const v of INCLUSION) {
      const proof = inclusionProof(v.index, v.size, get);
      expect(proof.map(toHex), `${v.index}/${v.size}`).toEqual(v.proof);
      expect(verifyInclusion(hashes[v.index], v.index, v.size, v.proof.map(fromHex), fromHex(ROOTS[v.size - 1]))).toBe(true);
    }
  });

  it('produces and verifies the published consistency proofs', () => {
    const get = nodeStore(hashes);
    for (const v of CONSISTENCY) {
      expect(consistencyProof(v.m, v.n, get).map(toHex), `${v.m}->${v.n}`).toEqual(v.proof);
      expect(verifyConsistency(v.m, v.n, v.proof.map(fromHex), fromHex(ROOTS[v.m - 1]), fromHex(ROOTS[v.n - 1]))).toBe(true);
    }
  });

  it('TreeBuilder reaches every published root', () => {
    const b = new TreeBuilder();
    expect(b.root()).toEqual(EMPTY_ROOT);
    hashes.forEach((h, i) => {
      b.append(h);
      expect(b.size).toBe(i + 1);
      expect(toHex(b.root())).toBe(ROOTS[i]);
    });
  });
});

describe('node addressing', () => {
  it('decomposes prefixes and proof ranges into aligned nodes, left to right', () => {
    expect(subtreeNodes(0, 0)).toEqual([]);
    expect(subtreeNodes(0, 1)).toEqual([{ level: 0, index: 0 }]);
    expect(subtreeNodes(0, 7)).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(subtreeNodes(8, 13)).toEqual([
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(subtreeNodes(256, 512)).toEqual([{ level: 8, index: 1 }]);
  });

  it('refuses ranges that are not RFC 6962 subtrees', () => {
    expect(() => subtreeNodes(1, 3)).toThrow(/not an RFC 6962 subtree/);
    expect(() => subtreeNodes(2, 5)).toThrow(/not an RFC 6962 subtree/);
    expect(() => subtreeNodes(5, 4)).toThrow(/reversed/);
    expect(() => subtreeNodes(-1, 4)).toThrow(RangeError);
    expect(() => subtreeNodes(0, 1.5)).toThrow(RangeError);
  });

  it('hashFromNodes equals MTH for every prefix and every proof range up to 70 leaves', () => {
    const leaves = syntheticLeaves(70);
    const get = nodeStore(leaves);
    const ranges = new Set<string>();
    for (let n = 1; n <= 70; n++) {
      ranges.add(`0,${n}`);
      for (let i = 0; i < n; i++) for (const [s, e] of inclusionProofRanges(i, n)) ranges.add(`${s},${e}`);
      for (let m = 1; m < n; m++) for (const [s, e] of consistencyProofRanges(m, n)) ranges.add(`${s},${e}`);
    }
    expect(ranges.size).toBeGreaterThan(200);
    for (const r of ranges) {
      const [s, e] = r.split(',').map(Number);
      expect(toHex(hashFromNodes(s, e, get)), r).toBe(toHex(rootFromLeafHashes(leaves.slice(s, e))));
    }
  });

  it('hashFromNodes rejects a store that returns something other than a hash', () => {
    expect(() => hashFromNodes(0, 2, () => new Uint8Array(31))).toThrow(/32-byte/);
  });

  it('lists the nodes an append completes, lowest first, and their children', () => {
    expect(nodesCompletedByAppend(0)).toEqual([]);
    expect(nodesCompletedByAppend(1)).toEqual([{ level: 1, index: 0 }]);
    expect(nodesCompletedByAppend(2)).toEqual([]);
    expect(nodesCompletedByAppend(7)).toEqual([
      { level: 1, index: 3 },
      { level: 2, index: 1 },
      { level: 3, index: 0 },
    ]);
    expect(nodesCompletedByAppend(11)).toEqual([
      { level: 1, index: 5 },
      { level: 2, index: 2 },
    ]);
    expect(nodesCompletedByAppend(2 ** 40 - 1).length).toBe(40);
    expect(childrenOf({ level: 3, index: 5 })).toEqual([
      { level: 2, index: 10 },
      { level: 2, index: 11 },
    ]);
    expect(() => childrenOf({ level: 0, index: 1 })).toThrow(/leaf/);
  });

  it('completes floor(n / 2^l) nodes at level l over n appends', () => {
    const n = 100;
    const perLevel = new Map<number, number>();
    for (let i = 0; i < n; i++) for (const node of nodesCompletedByAppend(i)) perLevel.set(node.level, (perLevel.get(node.level) ?? 0) + 1);
    for (let l = 1; l <= 6; l++) expect(perLevel.get(l)).toBe(Math.floor(n / 2 ** l));
    expect(perLevel.get(7)).toBeUndefined();
  });
});

describe('proof ranges', () => {
  it('follow RFC 9162 order', () => {
    expect(inclusionProofRanges(0, 1)).toEqual([]);
    expect(inclusionProofRanges(5, 8)).toEqual([
      [4, 5],
      [6, 8],
      [0, 4],
    ]);
    expect(inclusionProofRanges(6, 7)).toEqual([
      [4, 6],
      [0, 4],
    ]);
    expect(consistencyProofRanges(3, 7)).toEqual([
      [2, 3],
      [3, 4],
      [0, 2],
      [4, 7],
    ]);
    expect(consistencyProofRanges(4, 7)).toEqual([[4, 7]]);
    expect(consistencyProofRanges(0, 7)).toEqual([]);
    expect(consistencyProofRanges(7, 7)).toEqual([]);
  });

  it('reject impossible arguments', () => {
    expect(() => inclusionProofRanges(3, 3)).toThrow(RangeError);
    expect(() => inclusionProofRanges(0, 0)).toThrow(RangeError);
    expect(() => consistencyProofRanges(4, 3)).toThrow(RangeError);
    expect(() => inclusionProofRanges(-1, 3)).toThrow(RangeError);
  });

  it('stay logarithmic for large trees', () => {
    const size = 2 ** 40 + 12345;
    expect(inclusionProofRanges(2 ** 39 + 7, size).length).toBeLessThanOrEqual(41);
    const ranges = consistencyProofRanges(2 ** 35 + 3, size);
    expect(ranges.length).toBeLessThanOrEqual(2 * 41);
    for (const [s, e] of ranges) expect(() => subtreeNodes(s, e)).not.toThrow();
  });
});

describe('verification, every proof for sizes 1..70', () => {
  const N = 70;
  const leaves = syntheticLeaves(N);
  const get = nodeStore(leaves);
  const roots = [EMPTY_ROOT, ...Array.from({ length: N }, (_, i) => rootFromLeafHashes(leaves.slice(0, i + 1)))];

  it('accepts every inclusion proof and rejects every corruption of it', () => {
    let checked = 0;
    for (let n = 1; n <= N; n++) {
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(i, n, get);
        expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)));
        expect(verifyInclusion(leaves[i], i, n, proof, roots[n]), `${i}/${n}`).toBe(true);
        proof.forEach((_, j) => {
          const bad = proof.slice();
          bad[j] = flip(proof[j], j % 8);
          expect(verifyInclusion(leaves[i], i, n, bad, roots[n])).toBe(false);
        });
        expect(verifyInclusion(flip(leaves[i]), i, n, proof, roots[n])).toBe(false);
        expect(verifyInclusion(leaves[i], i, n, proof, flip(roots[n]))).toBe(false);
        for (const j of [i - 1, i + 1, i ^ 2])
          if (j >= 0 && j !== i) expect(verifyInclusion(leaves[i], j, n, proof, roots[n]), `index ${j} for ${i}/${n}`).toBe(false);
        for (const m of [n * 2, Math.floor(n / 2)])
          if (m !== n) expect(verifyInclusion(leaves[i], i, m, proof, roots[n]), `size ${m} for ${i}/${n}`).toBe(false);
        expect(verifyInclusion(leaves[i], i, n, [...proof, roots[n]], roots[n])).toBe(false);
        if (proof.length > 0) {
          expect(verifyInclusion(leaves[i], i, n, proof.slice(0, -1), roots[n])).toBe(false);
          expect(verifyInclusion(leaves[i], i, n, [roots[n], ...proof], roots[n])).toBe(false);
        }
        checked++;
      }
    }
    expect(checked).toBe((N * (N + 1)) / 2);
  });

  it('accepts every consistency proof and rejects every corruption of it', () => {
    let checked = 0;
    for (let n = 1; n <= N; n++) {
      for (let m = 0; m <= n; m++) {
        const proof = consistencyProof(m, n, get);
        expect(verifyConsistency(m, n, proof, roots[m], roots[n]), `${m}->${n}`).toBe(true);
        checked++;
        if (m === 0 || m === n) {
          expect(proof).toEqual([]);
          continue;
        }
        proof.forEach((_, j) => {
          const bad = proof.slice();
          bad[j] = flip(proof[j], 4);
          expect(verifyConsistency(m, n, bad, roots[m], roots[n]), `flip ${j} in ${m}->${n}`).toBe(false);
        });
        expect(verifyConsistency(m, n, proof, flip(roots[m]), roots[n])).toBe(false);
        expect(verifyConsistency(m, n, proof, roots[m], flip(roots[n]))).toBe(false);
        expect(verifyConsistency(m, n, proof, roots[n], roots[m])).toBe(false);
        expect(verifyConsistency(m, n, [], roots[m], roots[n])).toBe(false);
        expect(verifyConsistency(m, n, proof.slice(0, -1), roots[m], roots[n])).toBe(false);
        expect(verifyConsistency(m, n, [...proof, roots[n]], roots[m], roots[n])).toBe(false);
        expect(verifyConsistency(m, n, [proof[0], ...proof], roots[m], roots[n])).toBe(false);
        for (const m2 of [m - 1, m + 1, m ^ 2]) {
          if (m2 > 0 && m2 < n && m2 !== m) expect(verifyConsistency(m2, n, proof, roots[m2], roots[n]), `old size ${m2} for ${m}->${n}`).toBe(false);
        }
        for (const n2 of [n * 2, n + 1, n - 1]) {
          if (n2 > m && n2 !== n && n2 <= N) expect(verifyConsistency(m, n2, proof, roots[m], roots[n2]), `new size ${n2} for ${m}->${n}`).toBe(false);
        }
      }
    }
    expect(checked).toBe((N * (N + 3)) / 2);
  });

  it('handles the edge cases the RFC leaves out', () => {
    const [r1, r2] = [roots[1], roots[2]];
    expect(verifyConsistency(0, 0, [], EMPTY_ROOT, EMPTY_ROOT)).toBe(true);
    expect(verifyConsistency(0, 0, [], r1, r2)).toBe(false); // equal sizes need equal roots
    expect(verifyConsistency(0, 5, [], EMPTY_ROOT, roots[5])).toBe(true);
    expect(verifyConsistency(0, 5, [r1], EMPTY_ROOT, roots[5])).toBe(false); // proof must be empty
    expect(verifyConsistency(3, 3, [], roots[3], roots[3])).toBe(true);
    expect(verifyConsistency(3, 3, [r1], roots[3], roots[3])).toBe(false);
    expect(verifyConsistency(3, 3, [], roots[3], roots[4])).toBe(false);
    expect(verifyConsistency(4, 3, [r1], roots[4], roots[3])).toBe(false); // time travel
    expect(verifyConsistency(1, 2, [], r1, r2)).toBe(false);
    expect(verifyConsistency(1, 2, [new Uint8Array(31)], r1, r2)).toBe(false);
    expect(verifyInclusion(leaves[0], 0, 0, [], EMPTY_ROOT)).toBe(false);
    expect(verifyInclusion(leaves[0], 0, 1, [], roots[1])).toBe(true);
    expect(verifyInclusion(leaves[0], 1, 1, [], roots[1])).toBe(false);
    expect(verifyInclusion(leaves[0], -1, 1, [], roots[1])).toBe(false);
    expect(verifyInclusion(leaves[0], 0.5, 1, [], roots[1])).toBe(false);
    expect(verifyInclusion(leaves[0].subarray(0, 31), 0, 1, [], roots[1])).toBe(false);
  });

  it('uses the size to reject a proof that ends before the root (the final sn == 0 check)', () => {
    // The proofs for size 2, claimed for size 3 with the size-2 root: every hash matches,
    // only the size bookkeeping tells the path is too short. (Sizes whose paths have the
    // same shape cannot be told apart this way at all: the signed root is what binds the
    // size, which is why the tests above pair each claimed size with its own root.)
    const get = nodeStore(leaves);
    expect(verifyInclusion(leaves[0], 0, 2, inclusionProof(0, 2, get), roots[2])).toBe(true);
    expect(verifyInclusion(leaves[0], 0, 3, inclusionProof(0, 2, get), roots[2])).toBe(false);
    expect(verifyConsistency(1, 2, consistencyProof(1, 2, get), roots[1], roots[2])).toBe(true);
    expect(verifyConsistency(1, 3, consistencyProof(1, 2, get), roots[1], roots[2])).toBe(false);
  });
});

describe('TreeBuilder', () => {
  it('matches MTH at every size up to 300 while streaming', () => {
    const leaves = syntheticLeaves(300);
    const b = new TreeBuilder();
    leaves.forEach((leaf, i) => {
      b.append(leaf);
      if (i < 70 || i % 37 === 0 || i === 299) expect(toHex(b.root()), `size ${i + 1}`).toBe(toHex(rootFromLeafHashes(leaves.slice(0, i + 1))));
    });
    expect(b.size).toBe(300);
  });

  it('appends aligned subtrees as one step', () => {
    const leaves = syntheticLeaves(600);
    const b = new TreeBuilder();
    b.appendSubtree(rootFromLeafHashes(leaves.slice(0, 256)), 8);
    b.appendSubtree(rootFromLeafHashes(leaves.slice(256, 512)), 8);
    expect(b.size).toBe(512);
    for (const leaf of leaves.slice(512, 520)) b.append(leaf);
    b.appendSubtree(rootFromLeafHashes(leaves.slice(520, 528)), 3);
    expect(b.root()).toEqual(rootFromLeafHashes(leaves.slice(0, 528)));
    expect(() => b.appendSubtree(leaves[0], 5)).toThrow(/cannot start at 528/);
    b.append(leaves[528]);
    expect(() => b.appendSubtree(leaves[0], 1)).toThrow(/cannot start at 529/);
  });

  it('refuses hashes that are not 32 bytes', () => {
    expect(() => new TreeBuilder().append(new Uint8Array(33))).toThrow(/32 bytes/);
  });
});
