import {
  TILE_HEIGHT,
  TILE_WIDTH,
  TreeBuilder,
  bytesEqual,
  checkWitnesses,
  describeWitnessCheck,
  fromBase64,
  logOnlyPolicy,
  parseCheckpoint,
  parsePolicy,
  parseVerifierKey,
  rootFromLeafHashes,
  splitTile,
  tilePath,
  toBase64,
  verifyConsistency,
  verifyLog,
  type Checkpoint,
} from '@truce/core/log/index';
import { MirrorDir } from './mirror-files.ts';
import { StagingSource } from './mirror-source.ts';
import { HttpLogSource } from './sources.ts';

type Out = (line: string) => void;

export interface MirrorOptions {
  url: string;
  token?: string;
  dir: string;
  /** A log key to check the pinned (or offered) one against. */
  key?: string;
  /** A policy file's text, which replaces the pinned policy. */
  policy?: string;
}

/** code 0: adopted or already up to date; 1: failed. `refused`: the log is inconsistent with what the mirror holds. */
export interface MirrorResult {
  code: 0 | 1;
  refused: boolean;
  size?: number;
  fetchedTiles: number;
  fetchedBundles: number;
}

const textOf = (note: string) => note.slice(0, note.lastIndexOf('\n\n') + 1);
const cosignerCount = (note: string) =>
  note
    .slice(note.lastIndexOf('\n\n') + 2)
    .split('\n')
    .filter((l) => l).length;

/**
 * One run of `truce mirror`: fetch the served checkpoint, believe it only if the pinned
 * key signed it and the pinned policy's quorum cosigned it, show it consistent with the
 * newest checkpoint held, fetch the tiles the mirror lacks, recompute the whole tree
 * against the signed root, and only then adopt it. Anything inconsistent with what the
 * mirror holds is refused and nothing held is changed: the held files are the evidence.
 */
export async function mirrorOnce(options: MirrorOptions, out: Out): Promise<MirrorResult> {
  const mirror = new MirrorDir(options.dir);
  const remote = new HttpLogSource(options.url, options.token);
  const result: MirrorResult = { code: 1, refused: false, fetchedTiles: 0, fetchedBundles: 0 };
  const fail = (message: string): MirrorResult => {
    out(`FAILED: ${message}`);
    return result;
  };
  try {
    // The key: pinned in the mirror, else given, else offered by the server (trust on first use).
    const heldKey = mirror.readText('key')?.trim();
    if (heldKey && options.key && options.key.trim() !== heldKey)
      return fail(`this mirror holds the log key ${heldKey}, not the key given (${options.key.trim()}): it mirrors another log`);
    let keyText = heldKey ?? options.key?.trim();
    if (!keyText) {
      keyText = await remote.key();
      out(`note: trusting the key offered by ${remote.describe} on first use: ${keyText}`);
    }
    const verifier = parseVerifierKey(keyText);

    // The witness policy: given (replacing the pinned one), else pinned, else offered (trust on first use).
    const heldPolicy = mirror.readText('policy');
    let policyText = options.policy ?? heldPolicy;
    if (options.policy !== undefined && heldPolicy !== null && heldPolicy !== options.policy)
      out('note: the policy given replaces the policy this mirror held');
    if (policyText === null) {
      policyText = (await remote.policy()) ?? logOnlyPolicy(keyText, remote.describe + '/log');
      out(`note: trusting the witness policy offered by ${remote.describe} on first use (quorum: ${parsePolicy(policyText).quorum ?? 'none'})`);
    }
    const policy = parsePolicy(policyText);

    // The served checkpoint: the log's signature and the quorum's cosignatures.
    const note = await remote.checkpoint();
    const witnesses = checkWitnesses(note, policy, verifier);
    const served = parseCheckpoint(textOf(note));
    if (served.origin !== verifier.name) return fail(`the checkpoint is for the log "${served.origin}", but the key is for "${verifier.name}"`);
    result.size = served.size;
    out(`served checkpoint: size ${served.size}, root ${toBase64(served.rootHash)}`);
    for (const line of describeWitnessCheck(witnesses)) out(`  ${line}`);
    if (!witnesses.met)
      return fail(
        `the checkpoint of size ${served.size} does not meet the quorum ${witnesses.quorum} of the pinned policy: missing cosignatures from ${witnesses.missing.join(', ')}; nothing adopted`,
      );

    const heldNote = mirror.readText('checkpoint');
    const held = heldNote === null ? null : parseCheckpoint(textOf(heldNote));
    const refuse = (why: string): MirrorResult => {
      result.refused = true;
      out('');
      out('REFUSED: THE LOG IS NOT CONSISTENT WITH THIS MIRROR.');
      out(`  ${remote.describe} serves a checkpoint of size ${served.size} with root ${toBase64(served.rootHash)},`);
      out(`  this mirror holds a checkpoint of size ${held!.size} with root ${toBase64(held!.rootHash)};`);
      out(`  ${why}`);
      out(`  Nothing in ${options.dir} was changed: keep it, it is the evidence. The checkpoint served was:`);
      for (const line of note.trimEnd().split('\n')) out(`    ${line}`);
      return result;
    };

    if (held && served.size <= held.size) {
      const at = served.size === held.size ? held.rootHash : heldRootAt(mirror, served.size);
      if (!bytesEqual(at, served.rootHash))
        return refuse(`the first ${served.size} entries this mirror holds hash to ${toBase64(at)}: the log's history was rewritten`);
      // Nothing refused: a policy given now is pinned, as it would be with a new checkpoint.
      if (heldPolicy !== policyText) mirror.write('policy', policyText);
      if (served.size < held.size) {
        out(
          `warning: the server serves an older checkpoint (size ${served.size}) than this mirror holds (size ${held.size}); it is consistent, nothing changed`,
        );
      } else if (note !== heldNote && cosignerCount(note) >= cosignerCount(heldNote!)) {
        mirror.write(`checkpoints/${served.size}`, note);
        mirror.write('checkpoint', note);
        out(`up to date at size ${served.size} (kept the checkpoint with its newer cosignatures)`);
      } else {
        out(`up to date at size ${served.size}`);
      }
      result.code = 0;
      return result;
    }

    if (held && held.size > 0) {
      const consistent = await consistencyFromServer(remote, held, served);
      if (consistent === false)
        return refuse(`the server's consistency proof from size ${held.size} to ${served.size} does not verify: the log's history was rewritten`);
      out(
        consistent
          ? `  consistency proof from size ${held.size} to ${served.size} verifies`
          : `  no consistency proof served: consistency is recomputed from the tiles`,
      );
    }

    // Entries: the bundles the token may read, and never a mirror half with and half without them.
    const withEntries = await remote.canReadEntries();
    if (options.token && !withEntries) out('note: the token may not read the entries: mirroring the hash tiles only');
    if (!withEntries && mirror.has('tile/entries'))
      return fail('this mirror holds the entries: give --token (or TRUCE_TOKEN) of an account that may read them, so that it stays complete');

    const source = new StagingSource(mirror, remote, note, withEntries);
    const report = await verifyLog({ source, verifier, previous: heldNote ? [heldNote] : [] });
    if (!report.ok) {
      // A tile that could not be fetched is kept in .incoming for the next run; a wrong one is not.
      if (report.problem !== 'unavailable') mirror.dropIncoming();
      const inconsistent = report.problem === 'previous-inconsistent' || report.problem === 'previous-larger' || report.problem === 'root-mismatch';
      if (held && inconsistent) return refuse(`the tiles do not recompute both roots: ${report.message}`);
      return fail(`${report.message}; nothing adopted`);
    }

    // Adopt: the tiles first, then the checkpoint, so an interruption leaves the old checkpoint whole.
    for (const p of [...source.resumed, ...source.fetched]) mirror.adopt(p);
    if (!mirror.has('key')) mirror.write('key', keyText + '\n');
    if (heldPolicy !== policyText) mirror.write('policy', policyText);
    mirror.write(`checkpoints/${served.size}`, note);
    mirror.write('checkpoint', note);
    mirror.removeSupersededPartials(new Set(source.paths));
    mirror.dropIncoming();

    const isBundle = (p: string) => p.startsWith('tile/entries/');
    result.fetchedTiles = source.fetched.filter((p) => !isBundle(p)).length;
    result.fetchedBundles = source.fetched.filter(isBundle).length;
    const heldCount = source.held.length + source.resumed.length;
    out(
      `OK: mirrored ${served.origin} at size ${served.size}: fetched ${result.fetchedTiles} hash tiles and ${result.fetchedBundles} entry bundles, ` +
        `${heldCount} already held${source.resumed.length ? ` (${source.resumed.length} from an interrupted run)` : ''}${withEntries ? '' : ' (hash tiles only: no entries)'}`,
    );
    result.code = 0;
    return result;
  } catch (err) {
    return fail((err as Error).message);
  }
}

/** true: the server's proof verifies; false: it does not; null: the server offers none (a static copy, say). */
async function consistencyFromServer(remote: HttpLogSource, held: Checkpoint, served: Checkpoint): Promise<boolean | null> {
  let body: { proof?: unknown };
  try {
    body = JSON.parse(new TextDecoder().decode(await remote.get(`/api/log/proof/consistency?first=${held.size}&second=${served.size}`)));
  } catch {
    return null;
  }
  if (!Array.isArray(body.proof) || !body.proof.every((p) => typeof p === 'string')) return false;
  let proof: Uint8Array[];
  try {
    proof = body.proof.map((p) => fromBase64(p as string));
  } catch {
    return false;
  }
  return verifyConsistency(held.size, served.size, proof, held.rootHash, served.rootHash);
}

/** The root of the first `size` leaves from the level-0 tiles held (size below the held tree's). */
function heldRootAt(mirror: MirrorDir, size: number): Uint8Array {
  const builder = new TreeBuilder();
  const full = Math.floor(size / TILE_WIDTH);
  for (let t = 0; t < full; t++) builder.appendSubtree(rootFromLeafHashes(splitTile(mirror.read(tilePath(0, t)))), TILE_HEIGHT);
  const rest = size % TILE_WIDTH;
  if (rest > 0) {
    // The held tree has more leaves: the tile at this position is held full, or partial and wider.
    let bytes: Uint8Array | undefined;
    if (mirror.has(tilePath(0, full))) bytes = mirror.read(tilePath(0, full));
    else for (let w = TILE_WIDTH - 1; w >= rest && !bytes; w--) if (mirror.has(tilePath(0, full, w))) bytes = mirror.read(tilePath(0, full, w));
    if (!bytes) throw new Error(`the mirror lacks the level-0 tile ${full} it needs to compare the tree of size ${size}`);
    for (const h of splitTile(bytes, bytes.length / 32).slice(0, rest)) builder.append(h);
  }
  return builder.root();
}
