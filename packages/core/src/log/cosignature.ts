import { parseCheckpoint } from './checkpoint.ts';
import { concatBytes, toBase64, toHex, utf8 } from './hash.ts';
import {
  NoteError,
  SIG_COSIGNATURE_V1,
  cosignatureMessage,
  cosignatureTimestamp,
  ed25519Sign,
  formatVerifierKey,
  isValidKeyName,
  keyId,
  type Signer,
  type Verifier,
} from './keys.ts';
import { SIGNATURE_PREFIX, splitNote } from './note.ts';

/**
 * c2sp.org/tlog-cosignature, Ed25519 flavour (signature type 0x04): a witness's
 * statement that, at time t, this checkpoint is the largest consistent tree it has seen
 * for the origin. The line's payload is keyID[4] || u64be(t) || Ed25519 sig[64], over
 * "cosignature/v1\ntime <t>\n" + the checkpoint note text.
 *
 * A cosigner is an ordinary Ed25519 key pair (Signer); only the key ID and the signed
 * message differ from a log signature. The format does not commit to the cosigner's
 * name, so each cosigner needs its own key.
 */

export interface Cosignature {
  name: string;
  /** 8 hex digits. */
  keyId: string;
  /** POSIX seconds. */
  timestamp: number;
}

/** The vkey of a cosigner: `<name>+<hex8 id>+<b64(0x04 || publicKey)>`. */
export function formatCosignerKey(name: string, publicKey: Uint8Array): string {
  return formatVerifierKey(name, publicKey, SIG_COSIGNATURE_V1);
}

/** Cosigns checkpoint note text (not the signed note), returning one signature line. */
export function cosignCheckpoint(checkpointText: string, cosigner: Signer, timestampSeconds: number): string {
  parseCheckpoint(checkpointText);
  if (!isValidKeyName(cosigner.name)) throw new NoteError('bad-key', `invalid cosigner name ${JSON.stringify(cosigner.name)}`);
  // tlog-witness: a timestamp of 0 is not a time the witness saw anything.
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds <= 0)
    throw new RangeError(`the cosignature time must be positive whole seconds, not ${timestampSeconds}`);
  const ts = new Uint8Array(8);
  new DataView(ts.buffer).setBigUint64(0, BigInt(timestampSeconds), false);
  const sig = ed25519Sign(cosigner, cosignatureMessage(utf8(checkpointText), timestampSeconds));
  const id = keyId(cosigner.name, SIG_COSIGNATURE_V1, cosigner.publicKey);
  return `${SIGNATURE_PREFIX}${cosigner.name} ${toBase64(concatBytes(id, ts, sig))}\n`;
}

/** A cosignature line's fields, unverified. Throws NoteError if it is not one. */
export function parseCosignatureLine(line: string): Cosignature & { signature: Uint8Array } {
  const withNewline = line.endsWith('\n') ? line : line + '\n';
  if (withNewline.indexOf('\n') !== withNewline.length - 1) throw new NoteError('malformed', 'expected exactly one signature line');
  // Parse as a one-signature note, so that line syntax has a single definition.
  const parsed = splitNote('x\n\n' + withNewline).lines[0];
  const timestamp = cosignatureTimestamp(parsed.signature);
  if (timestamp === null) throw new NoteError('malformed', `the signature by ${parsed.name} is not a 76-byte timestamped cosignature`);
  return { name: parsed.name, keyId: toHex(parsed.id), timestamp, signature: parsed.signature };
}

/**
 * Checks one cosignature line (with or without its final newline) over checkpoint note
 * text. Returns who signed and when; throws NoteError saying what is wrong.
 */
export function verifyCosignature(line: string, checkpointText: string, cosigner: Verifier): Cosignature {
  if (cosigner.type !== SIG_COSIGNATURE_V1) throw new NoteError('bad-key', `the key ${cosigner.name} is not a cosigner key (type 0x04)`);
  const { name, keyId: id, timestamp, signature } = parseCosignatureLine(line);
  if (name !== cosigner.name || id !== toHex(cosigner.keyId)) {
    throw new NoteError('unverified', `the cosignature is by ${name}+${id}, not by ${cosigner.name}+${toHex(cosigner.keyId)}`);
  }
  if (!cosigner.verify(utf8(checkpointText), signature)) {
    throw new NoteError('bad-signature', `the cosignature by ${name}+${id} does not verify over this checkpoint`);
  }
  return { name, keyId: id, timestamp };
}

/** Adds signature lines (such as cosignatures returned by witnesses) to a signed note. */
export function addSignatureLines(note: string, lines: string[]): string {
  const out = note + lines.map((l) => (l.endsWith('\n') ? l : l + '\n')).join('');
  splitNote(out); // checks the syntax and the signature count of the result
  return out;
}
