import { describe, expect, it } from 'vitest';
import { formatCheckpoint } from './checkpoint.ts';
import { concatBytes, leafHash, toBase64, utf8 } from './hash.ts';
import { rootFromLeafHashes } from './merkle.ts';
import { generateSigner, makeVerifier, signNote, type Signer } from './note.ts';
import { encodeBundle, entriesPath, tilePath, tilesForSize } from './tiles.ts';
import { verifyLog, type LogSource } from './verifier.ts';

const ORIGIN = 'truce/test-log';
const signer = generateSigner(ORIGIN);
const verifier = makeVerifier(signer.name, signer.publicKey);

const makeEntries = (n: number, tag = '') => Array.from({ length: n }, (_, i) => utf8(`{"i":${i},"t":"${tag}"}`));

function checkpointNote(entries: Uint8Array[], size = entries.length, key: Signer = signer, origin = ORIGIN): string {
  return signNote(formatCheckpoint({ origin, size, rootHash: rootFromLeafHashes(entries.slice(0, size).map(leafHash)) }), key);
}

/**
 * An in-memory log served the tlog-tiles way, built with the reference MTH (not the node
 * store) so the verifier is checked against an independent computation. Lookups go
 * through the canonical paths, so a request for a tile that does not exist fails.
 */
function memoryLog(entries: Uint8Array[], { withEntries = true } = {}) {
  const leaves = entries.map(leafHash);
  const files = new Map<string, Uint8Array>();
  for (const t of tilesForSize(entries.length)) {
    const span = 256 ** t.level;
    const hashes: Uint8Array[] = [];
    for (let i = 0; i < t.width; i++) {
      const start = (t.n * 256 + i) * span;
      hashes.push(rootFromLeafHashes(leaves.slice(start, start + span)));
    }
    files.set(tilePath(t.level, t.n, t.width), concatBytes(...hashes));
    if (t.level === 0) files.set(entriesPath(t.n, t.width), encodeBundle(entries.slice(t.n * 256, t.n * 256 + t.width)));
  }
  let note = checkpointNote(entries);
  const requests: string[] = [];
  const read = async (path: string) => {
    requests.push(path);
    const f = files.get(path);
    if (!f) throw new Error(`404 ${path}`);
    return f;
  };
  const source: LogSource = {
    checkpoint: async () => note,
    tile: (level, n, width) => read(tilePath(level, n, width)),
  };
  if (withEntries) source.entries = (n, width) => read(entriesPath(n, width));
  return {
    source,
    files,
    requests,
    setCheckpoint: (n: string) => {
      note = n;
    },
  };
}

describe('verifyLog on a sound log', () => {
  it.each([0, 1, 255, 256, 257, 600])('verifies a log of %i entries, entries included', async (size) => {
    const entries = makeEntries(size);
    const log = memoryLog(entries);
    const report = await verifyLog({ source: log.source, verifier });
    expect(report.ok, report.message).toBe(true);
    expect(report.problem).toBeUndefined();
    expect(report.size).toBe(size);
    expect(report.root).toBe(toBase64(rootFromLeafHashes(entries.map(leafHash))));
    expect(report.entriesChecked).toBe(size);
    expect(report.message).toBe(`${ORIGIN}: ${size} entries verified`);
    expect(report.checks[0]).toMatch(new RegExp(`^checkpoint of ${ORIGIN} signed by ${ORIGIN}\\+[0-9a-f]{8}: size ${size}, root `));
    expect(report.checks).toContain(`${size} entries match their leaf hashes`);
    // Every tile the tree has was fetched, upper levels included, and nothing else.
    const tiles = log.requests.filter((p) => !p.startsWith('tile/entries/'));
    expect(tiles.sort()).toEqual(
      tilesForSize(size)
        .map((t) => tilePath(t.level, t.n, t.width))
        .sort(),
    );
  });

  it('says when entries are not available and checks the hashes alone', async () => {
    const log = memoryLog(makeEntries(300), { withEntries: false });
    const report = await verifyLog({ source: log.source, verifier });
    expect(report.ok).toBe(true);
    expect(report.entriesChecked).toBe('not available');
    expect(report.checks).toContain('entries: not available (hashes only)');
    expect(report.message).toMatch(/entries not available/);
  });

  it('checks earlier checkpoints, including sizes inside tiles, at the edges and equal to the current one', async () => {
    const entries = makeEntries(600);
    const previous = [0, 1, 100, 256, 257, 511, 512, 600].map((m) => checkpointNote(entries, m));
    const report = await verifyLog({ source: memoryLog(entries).source, verifier, previous });
    expect(report.ok, report.message).toBe(true);
    expect(report.previousChecked).toBe(8);
    expect(report.checks).toContain('8 checkpoint(s) seen before are consistent with this one');
  });

  it('verifies a 70,000-entry log with three tile levels and reports progress', async () => {
    const entries = makeEntries(70_000);
    const previous = [300, 65_536, 69_999].map((m) => checkpointNote(entries, m));
    const progress: number[] = [];
    const report = await verifyLog({ source: memoryLog(entries).source, verifier, previous, onProgress: (d, t) => progress.push(t - d) });
    expect(report.ok, report.message).toBe(true);
    expect(report.entriesChecked).toBe(70_000);
    expect(report.checks).toContain('3 hash tiles above level 0 agree with the tiles below');
    expect(progress.length).toBe(274);
    expect(progress.at(-1)).toBe(0);
  }, 30_000);
});

describe('verifyLog finds what is wrong', () => {
  const entries = makeEntries(600);

  it('names the FIRST entry whose bytes were changed', async () => {
    const log = memoryLog(entries);
    const changed = entries.slice();
    changed[17] = utf8('{"i":17,"t":"forged"}');
    changed[300] = utf8('{"i":300,"t":"forged"}');
    log.files.set(entriesPath(0), encodeBundle(changed.slice(0, 256)));
    log.files.set(entriesPath(1), encodeBundle(changed.slice(256, 512)));
    const report = await verifyLog({ source: log.source, verifier });
    expect(report).toMatchObject({ ok: false, problem: 'entry-mismatch', index: 17, message: 'entry 17 does not match the hash in the log' });
    expect(report.entriesChecked).toBe(18);
    expect(report.checks.at(-1)).toBe('600 leaf hashes in 3 level-0 tiles recompute the signed root');
  });

  it('finds a changed entry in the partial bundle too', async () => {
    const log = memoryLog(entries);
    const tail = entries.slice(512);
    tail[87] = utf8('x');
    log.files.set(entriesPath(2, 88), encodeBundle(tail));
    expect(await verifyLog({ source: log.source, verifier })).toMatchObject({ problem: 'entry-mismatch', index: 599 });
  });

  it('notices leaf hashes that do not give the signed root', async () => {
    const log = memoryLog(entries);
    const tile = log.files.get(tilePath(0, 1))!.slice();
    tile[40] ^= 1;
    log.files.set(tilePath(0, 1), tile);
    const report = await verifyLog({ source: log.source, verifier });
    expect(report.problem).toBe('root-mismatch');
    expect(report.message).toMatch(/600 leaf hashes give root .* but the signed checkpoint says/);
  });

  it('notices an upper tile that disagrees with the tiles below', async () => {
    const log = memoryLog(entries);
    const tile = log.files.get(tilePath(1, 0, 2))!.slice();
    tile[33] ^= 1;
    log.files.set(tilePath(1, 0, 2), tile);
    expect(await verifyLog({ source: log.source, verifier })).toMatchObject({ ok: false, problem: 'tile-mismatch' });
    expect((await verifyLog({ source: log.source, verifier, checkUpperTiles: false })).ok).toBe(true);
  });

  it('refuses a checkpoint signed by another key, altered, or for another origin', async () => {
    const log = memoryLog(entries);
    const other = generateSigner(ORIGIN);
    log.setCheckpoint(checkpointNote(entries, 600, other));
    let report = await verifyLog({ source: log.source, verifier });
    expect(report).toMatchObject({ ok: false, problem: 'checkpoint-signature', entriesChecked: 'not available' });
    expect(report.message).toMatch(/no signature from a known key/);

    log.setCheckpoint(checkpointNote(entries).replace('\n600\n', '\n599\n'));
    report = await verifyLog({ source: log.source, verifier });
    expect(report.problem).toBe('checkpoint-signature');
    expect(report.message).toMatch(/does not verify/);

    const elsewhere = generateSigner('other/log');
    log.setCheckpoint(checkpointNote(entries, 600, elsewhere, ORIGIN));
    expect((await verifyLog({ source: log.source, verifier: makeVerifier(elsewhere.name, elsewhere.publicKey) })).problem).toBe('origin-mismatch');

    log.setCheckpoint('not a note');
    expect((await verifyLog({ source: log.source, verifier })).problem).toBe('checkpoint-malformed');
  });

  it('says which earlier checkpoint the current log contradicts', async () => {
    const forked = entries.slice();
    forked[5] = utf8('{"i":5,"t":"rewritten"}');
    const previous = [checkpointNote(entries, 100), checkpointNote(forked, 200), checkpointNote(entries, 300)];
    const report = await verifyLog({ source: memoryLog(entries).source, verifier, previous });
    expect(report).toMatchObject({ ok: false, problem: 'previous-inconsistent', previousIndex: 1, previousChecked: 1 });
    expect(report.message).toMatch(/seen before \(#2, size 200, .*history was rewritten/);
  });

  it('notices a rollback and refuses earlier checkpoints it cannot trust', async () => {
    const longer = makeEntries(700);
    const rollback = await verifyLog({ source: memoryLog(entries).source, verifier, previous: [checkpointNote(longer, 650)] });
    expect(rollback).toMatchObject({ ok: false, problem: 'previous-larger', previousIndex: 0 });
    expect(rollback.message).toMatch(/size 650, larger than the current 600: the log was rolled back/);

    const unsigned = await verifyLog({ source: memoryLog(entries).source, verifier, previous: [checkpointNote(entries, 10, generateSigner(ORIGIN))] });
    expect(unsigned).toMatchObject({ ok: false, problem: 'previous-signature', previousIndex: 0 });
  });

  it('reports malformed tiles and bundles', async () => {
    let log = memoryLog(entries);
    log.files.set(tilePath(0, 0), new Uint8Array(8191));
    expect(await verifyLog({ source: log.source, verifier })).toMatchObject({
      problem: 'tile-malformed',
      message: 'level-0 tile 0: a tile of width 256 is 8192 bytes, this one is 8191',
    });

    log = memoryLog(entries);
    const bundle = log.files.get(entriesPath(1))!;
    log.files.set(entriesPath(1), bundle.subarray(0, bundle.length - 3));
    expect((await verifyLog({ source: log.source, verifier })).problem).toBe('bundle-malformed');

    log = memoryLog(entries);
    log.files.set(entriesPath(1), encodeBundle(entries.slice(256, 511)));
    expect(await verifyLog({ source: log.source, verifier })).toMatchObject({
      problem: 'bundle-malformed',
      message: 'entry bundle 1 holds 255 entries, expected 256',
    });
  });

  it('reports what the source could not deliver', async () => {
    const log = memoryLog(entries);
    log.files.delete(tilePath(0, 2, 88));
    expect(await verifyLog({ source: log.source, verifier })).toMatchObject({
      problem: 'unavailable',
      message: 'could not fetch level-0 tile 2: 404 tile/0/002.p/88',
    });
    const down = await verifyLog({ source: { ...log.source, checkpoint: () => Promise.reject(new Error('connection refused')) }, verifier });
    expect(down).toMatchObject({ problem: 'unavailable', message: 'could not fetch the checkpoint: connection refused' });
  });
});
