import type { Checkpoint } from './checkpoint.ts';
import { bytesEqual, leafHash, toBase64 } from './hash.ts';
import { TreeBuilder, rootFromLeafHashes } from './merkle.ts';
import type { Verifier } from './note.ts';
import { TILE_HEIGHT, TILE_WIDTH, decodeBundle, splitTile } from './tiles.ts';
import { Failure, openCheckpoint, reason, type VerifyProblem } from './verify-checkpoint.ts';

export { verifyCheckpointUpdate, verifyEntryInclusion, type UpdateReport, type VerifyProblem } from './verify-checkpoint.ts';

/**
 * Verifying a whole log from its tlog-tiles resources, wherever they come from (a server,
 * an exported directory, the browser's fetch). The source is not trusted: everything is
 * recomputed and checked against the signed checkpoint and the checkpoints seen before.
 */

export interface LogSource {
  /** The signed checkpoint note. */
  checkpoint(): Promise<string>;
  /** A hash tile; width undefined for a full tile. */
  tile(level: number, n: number, width?: number): Promise<Uint8Array>;
  /** An entry bundle; absent when the entries are not available to this reader. */
  entries?(n: number, width?: number): Promise<Uint8Array>;
}

export interface VerifyReport {
  ok: boolean;
  problem?: VerifyProblem;
  /** For entry-mismatch: the first entry whose bytes do not match its leaf hash. */
  index?: number;
  /** For previous-*: the position in `previous` of the checkpoint concerned. */
  previousIndex?: number;
  /** One sentence: what was verified, or what is wrong. */
  message: string;
  /** The verified checkpoint (parsed), once its signature has been checked. */
  checkpoint?: Checkpoint;
  /** Base64 root hash of that checkpoint. */
  root?: string;
  size?: number;
  entriesChecked: number | 'not available';
  previousChecked: number;
  /** What was checked, one line each, in order. */
  checks: string[];
}

export interface VerifyLogOptions {
  source: LogSource;
  /** The log's key (a parsed vkey); its name must be the checkpoint origin. */
  verifier: Verifier;
  /** Signed checkpoint notes seen earlier from this log. */
  previous?: string[];
  /** Also check hash tiles above level 0 against the level below (default true). */
  checkUpperTiles?: boolean;
  /** How many tiles to fetch ahead (default 8). */
  concurrency?: number;
  onProgress?: (tilesDone: number, tilesTotal: number) => void;
}

// Fetches run ahead of use; settling them at once keeps a failure in a prefetched tile
// from surfacing as an unhandled rejection before (or after) its turn comes.
type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(p: Promise<T>): Promise<Settled<T>> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/** Verifies a log end to end; never throws for problems with the log, it reports them. */
export async function verifyLog(options: VerifyLogOptions): Promise<VerifyReport> {
  const checks: string[] = [];
  const state: Partial<VerifyReport> & { entriesChecked: number | 'not available'; previousChecked: number } = {
    entriesChecked: 'not available',
    previousChecked: 0,
  };
  try {
    const message = await runVerification(options, checks, state);
    return { ok: true, message, checks, ...state };
  } catch (e) {
    if (!(e instanceof Failure)) throw e;
    return { ok: false, problem: e.problem, message: e.message, ...e.extra, checks, ...state };
  }
}

async function runVerification(
  { source, verifier, previous = [], checkUpperTiles = true, concurrency = 8, onProgress }: VerifyLogOptions,
  checks: string[],
  report: Partial<VerifyReport> & { entriesChecked: number | 'not available'; previousChecked: number },
): Promise<string> {
  let note: string;
  try {
    note = await source.checkpoint();
  } catch (e) {
    throw new Failure('unavailable', `could not fetch the checkpoint: ${reason(e)}`);
  }
  const { checkpoint, signer } = openCheckpoint(note, verifier, 'the checkpoint');
  const { size, rootHash } = checkpoint;
  report.checkpoint = checkpoint;
  report.size = size;
  report.root = toBase64(rootHash);
  checks.push(`checkpoint of ${checkpoint.origin} signed by ${signer}: size ${size}, root ${report.root}`);

  // Earlier checkpoints: signature and size now; their roots once the stream passes their size.
  const earlier = previous.map((p, i) => {
    const { checkpoint: old } = openCheckpoint(p, verifier, `the checkpoint seen before (#${i + 1})`, i);
    if (old.size > size) {
      throw new Failure(
        'previous-larger',
        `a checkpoint seen before (#${i + 1}) has size ${old.size}, larger than the current ${size}: the log was rolled back`,
        { previousIndex: i },
      );
    }
    return old;
  });
  const wanted = new Set(earlier.map((c) => c.size));
  const rootsAt = new Map<number, Uint8Array>();

  const entries = source.entries ? source.entries.bind(source) : undefined;
  const fullTiles = Math.floor(size / TILE_WIDTH);
  const tileCount = fullTiles + (size % TILE_WIDTH > 0 ? 1 : 0);
  const widthOf = (t: number) => (t < fullTiles ? TILE_WIDTH : size % TILE_WIDTH);
  const builder = new TreeBuilder();
  const tileRoots: Uint8Array[] = []; // level-1 hashes: roots of the full level-0 tiles
  let entryMismatch: number | undefined;
  let entriesChecked = 0;

  const fetchTile = (t: number) => {
    const width = widthOf(t);
    const partial = width === TILE_WIDTH ? undefined : width;
    const wantBundle = entries !== undefined && entryMismatch === undefined;
    return {
      tile: settle(source.tile(0, t, partial)),
      bundle: wantBundle ? settle(entries(t, partial)) : undefined,
    };
  };
  const ahead: Array<ReturnType<typeof fetchTile>> = [];
  let next = 0;
  const depth = Math.max(1, Math.floor(concurrency));

  const capture = () => {
    if (wanted.has(builder.size)) rootsAt.set(builder.size, builder.root());
  };

  for (let t = 0; t < tileCount; t++) {
    while (next < tileCount && next < t + depth) ahead.push(fetchTile(next++));
    const pending = ahead.shift()!;
    const width = widthOf(t);
    const tileResult = await pending.tile;
    if (!tileResult.ok) throw new Failure('unavailable', `could not fetch level-0 tile ${t}: ${reason(tileResult.error)}`);
    let hashes: Uint8Array[];
    try {
      hashes = splitTile(tileResult.value, width);
    } catch (e) {
      throw new Failure('tile-malformed', `level-0 tile ${t}: ${reason(e)}`);
    }

    const start = t * TILE_WIDTH;
    const full = width === TILE_WIDTH;
    const tileRoot = full ? rootFromLeafHashes(hashes) : undefined;
    if (tileRoot) tileRoots.push(tileRoot);
    const inside = earlier.some((c) => c.size > start && c.size < start + width);
    capture();
    if (tileRoot && !inside) {
      builder.appendSubtree(tileRoot, TILE_HEIGHT);
    } else {
      for (const h of hashes) {
        capture();
        builder.append(h);
      }
    }

    if (pending.bundle && entryMismatch === undefined) {
      const bundleResult = await pending.bundle;
      if (!bundleResult.ok) throw new Failure('unavailable', `could not fetch entry bundle ${t}: ${reason(bundleResult.error)}`);
      let bundle: Uint8Array[];
      try {
        bundle = decodeBundle(bundleResult.value);
      } catch (e) {
        throw new Failure('bundle-malformed', `entry bundle ${t}: ${reason(e)}`);
      }
      if (bundle.length !== width) throw new Failure('bundle-malformed', `entry bundle ${t} holds ${bundle.length} entries, expected ${width}`);
      for (let i = 0; i < width; i++) {
        entriesChecked++;
        if (!bytesEqual(leafHash(bundle[i]), hashes[i])) {
          entryMismatch = start + i;
          break;
        }
      }
    }
    onProgress?.(t + 1, tileCount);
  }
  capture();
  if (entries) report.entriesChecked = entriesChecked;

  const computed = builder.root();
  if (!bytesEqual(computed, rootHash)) {
    throw new Failure('root-mismatch', `the log's ${size} leaf hashes give root ${toBase64(computed)}, but the signed checkpoint says ${report.root}`);
  }
  checks.push(`${size} leaf hashes in ${tileCount} level-0 tiles recompute the signed root`);

  if (entries) {
    if (entryMismatch !== undefined) {
      throw new Failure('entry-mismatch', `entry ${entryMismatch} does not match the hash in the log`, { index: entryMismatch });
    }
    checks.push(`${entriesChecked} entries match their leaf hashes`);
  } else {
    checks.push('entries: not available (hashes only)');
  }

  if (checkUpperTiles) {
    const upper = await checkUpper(source, size, tileRoots);
    if (upper > 0) checks.push(`${upper} hash tiles above level 0 agree with the tiles below`);
  }

  earlier.forEach((old, i) => {
    const at = rootsAt.get(old.size)!;
    if (!bytesEqual(at, old.rootHash)) {
      throw new Failure(
        'previous-inconsistent',
        `the checkpoint seen before (#${i + 1}, size ${old.size}, root ${toBase64(old.rootHash)}) is not consistent with the current one: the log's first ${old.size} entries now hash to ${toBase64(at)}, so its history was rewritten`,
        { previousIndex: i },
      );
    }
    report.previousChecked = i + 1;
  });
  if (earlier.length > 0) checks.push(`${earlier.length} checkpoint(s) seen before are consistent with this one`);

  return `${checkpoint.origin}: ${size} entries verified` + (entries ? '' : ' (leaf hashes only; entries not available)');
}

/**
 * Checks the tiles at levels 1 and up: each hash must be the root of the full tile below
 * it. `below` holds the roots of the full tiles of level 0. Returns how many tiles were checked.
 */
async function checkUpper(source: LogSource, size: number, below: Uint8Array[]): Promise<number> {
  let checked = 0;
  let expected = below;
  for (let level = 1; expected.length > 0; level++) {
    const roots: Uint8Array[] = [];
    const count = Math.ceil(expected.length / TILE_WIDTH);
    for (let n = 0; n < count; n++) {
      const want = expected.slice(n * TILE_WIDTH, (n + 1) * TILE_WIDTH);
      const partial = want.length === TILE_WIDTH ? undefined : want.length;
      let bytes: Uint8Array;
      try {
        bytes = await source.tile(level, n, partial);
      } catch (e) {
        throw new Failure('unavailable', `could not fetch level-${level} tile ${n}: ${reason(e)}`);
      }
      let hashes: Uint8Array[];
      try {
        hashes = splitTile(bytes, want.length);
      } catch (e) {
        throw new Failure('tile-malformed', `level-${level} tile ${n}: ${reason(e)}`);
      }
      const bad = hashes.findIndex((h, i) => !bytesEqual(h, want[i]));
      if (bad >= 0) {
        throw new Failure('tile-mismatch', `level-${level} tile ${n} hash ${bad} does not match the level-${level - 1} tile below it (tree size ${size})`);
      }
      if (want.length === TILE_WIDTH) roots.push(rootFromLeafHashes(hashes));
      checked++;
    }
    expected = roots;
  }
  return checked;
}
