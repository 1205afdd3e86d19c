import { concatBytes, fromBase64, toBase64, toHex, utf8 } from './hash.ts';
import {
  NoteError,
  SIG_COSIGNATURE_V1,
  SIG_ED25519,
  cosignatureTimestamp,
  describeKey,
  ed25519Sign,
  isValidKeyName,
  keyId,
  sameKey,
  type Signer,
  type Verifier,
} from './keys.ts';

/**
 * c2sp.org/signed-note: a UTF-8 text ending in "\n", a blank line, then one or more
 * lines "— <key name> <base64(key ID || signature)>\n". The signature covers the text
 * including its final newline.
 */

export {
  NoteError,
  SIG_COSIGNATURE_V1,
  SIG_ED25519,
  formatSignerKey,
  formatVerifierKey,
  generateSigner,
  isValidKeyName,
  keyId,
  makeVerifier,
  parseSignerKey,
  parseVerifierKey,
  type SignatureType,
  type Signer,
  type Verifier,
} from './keys.ts';

/** U+2014 EM DASH and a space open every signature line. */
export const SIGNATURE_PREFIX = '\u2014 ';

/** Go's reader stops at 100; the spec asks for at least 16. */
export const MAX_SIGNATURES = 100;

export interface NoteSignature {
  name: string;
  /** The 4-byte key ID as 8 hex digits. */
  keyId: string;
  /** True when a given verifier checked this signature; false for unknown keys. */
  verified: boolean;
  /** For verified tlog-cosignature/v1 (type 0x04) signatures: the POSIX time it was made. */
  timestamp?: number;
}

export interface OpenedNote {
  text: string;
  signatures: NoteSignature[];
}

// ASCII control characters other than "\n" are forbidden; unpaired surrogates are
// how invalid UTF-8 would show up in a JavaScript string.
const FORBIDDEN = /[\x00-\x09\x0b-\x1f]|\p{Cs}/u;

function malformed(why: string): never {
  throw new NoteError('malformed', `malformed note: ${why}`);
}

/** Checks the rules a note text must follow before it can be signed. */
export function checkNoteText(text: string): void {
  if (typeof text !== 'string' || text.length === 0 || !text.endsWith('\n')) malformed('the text must end with a newline');
  if (FORBIDDEN.test(text)) malformed('the text contains a control character other than newline, or invalid UTF-8');
}

/** One signature line for `text` by an Ed25519 (type 0x01) signer. */
export function signatureLine(text: string, signer: Signer): string {
  checkNoteText(text);
  if (!isValidKeyName(signer.name)) throw new NoteError('bad-key', `invalid key name ${JSON.stringify(signer.name)}`);
  const id = keyId(signer.name, SIG_ED25519, signer.publicKey);
  const sig = ed25519Sign(signer, utf8(text));
  return `${SIGNATURE_PREFIX}${signer.name} ${toBase64(concatBytes(id, sig))}\n`;
}

/** Signs `text` (which must end in "\n") with one or more Ed25519 signers. */
export function signNote(text: string, signer: Signer | Signer[]): string {
  checkNoteText(text);
  const signers = Array.isArray(signer) ? signer : [signer];
  if (signers.length === 0) throw new NoteError('bad-key', 'a note needs at least one signer');
  return text + '\n' + signers.map((s) => signatureLine(text, s)).join('');
}

interface SignatureLine {
  name: string;
  id: Uint8Array;
  signature: Uint8Array;
  line: string;
}

/** Splits a note into its text and parsed signature lines, checking only the syntax. */
export function splitNote(note: string | Uint8Array): { text: string; lines: SignatureLine[] } {
  let s: string;
  if (note instanceof Uint8Array) {
    try {
      // ignoreBOM: a leading BOM is part of the signed bytes and must not vanish.
      s = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(note);
    } catch {
      malformed('not valid UTF-8');
    }
  } else if (typeof note === 'string') {
    s = note;
  } else {
    malformed('not text');
  }
  if (FORBIDDEN.test(s)) malformed('it contains a control character other than newline, or invalid UTF-8');
  // The text is separated from the signatures by the LAST blank line.
  const split = s.lastIndexOf('\n\n');
  if (split < 0) malformed('there is no blank line before the signatures');
  const text = s.slice(0, split + 1);
  const block = s.slice(split + 2);
  if (block.length === 0) malformed('there are no signature lines');
  if (!block.endsWith('\n')) malformed('the last signature line does not end with a newline');
  const rawLines = block.slice(0, -1).split('\n');
  if (rawLines.length > MAX_SIGNATURES) malformed(`more than ${MAX_SIGNATURES} signatures`);
  const lines = rawLines.map((line, i): SignatureLine => {
    const where = `signature line ${i + 1}`;
    if (!line.startsWith(SIGNATURE_PREFIX)) malformed(`${where} does not start with "— "`);
    const body = line.slice(SIGNATURE_PREFIX.length);
    const space = body.indexOf(' ');
    if (space < 0) malformed(`${where} has no space between key name and signature`);
    const name = body.slice(0, space);
    const b64 = body.slice(space + 1);
    if (!isValidKeyName(name)) malformed(`${where} has an invalid key name`);
    let raw: Uint8Array;
    try {
      raw = fromBase64(b64);
    } catch {
      malformed(`${where} is not valid base64`);
    }
    if (raw.length < 5) malformed(`${where} is too short to hold a key ID and a signature`);
    return { name, id: raw.slice(0, 4), signature: raw.slice(4), line };
  });
  return { text, lines };
}

/**
 * Opens a signed note: every signature by a given verifier (same name and key ID) must
 * verify, signatures by unknown keys are listed but ignored, and at least one known
 * signature must be present. Throws NoteError saying which rule failed.
 */
export function openNote(note: string | Uint8Array, verifiers: Verifier[]): OpenedNote {
  const { text, lines } = splitNote(note);
  const textBytes = utf8(text);
  const signatures: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const { name, id, signature, line } of lines) {
    const matches = verifiers.filter((v) => sameKey(v, name, id));
    const key = describeKey(name, id);
    if (matches.length === 0) {
      if (seen.has(line)) continue; // repeated identical unknown signature
      seen.add(line);
      signatures.push({ name, keyId: toHex(id), verified: false });
      continue;
    }
    if (new Set(matches.map((v) => `${v.type}:${toHex(v.publicKey)}`)).size > 1) {
      throw new NoteError('ambiguous-key', `two different known keys are both named ${key}; cannot tell which one signed`);
    }
    if (seen.has(key)) continue; // a known key signs once; later copies are ignored
    seen.add(key);
    const verifier = matches[0];
    if (!verifier.verify(textBytes, signature)) {
      throw new NoteError('bad-signature', `the signature by known key ${key} does not verify: the note was altered or not signed by that key`);
    }
    const entry: NoteSignature = { name, keyId: toHex(id), verified: true };
    if (verifier.type === SIG_COSIGNATURE_V1) entry.timestamp = cosignatureTimestamp(signature) ?? undefined;
    signatures.push(entry);
  }
  if (!signatures.some((s) => s.verified)) {
    const found = signatures.map((s) => `${s.name}+${s.keyId}`).join(', ');
    const known = verifiers.map((v) => describeKey(v.name, v.keyId)).join(', ') || 'none';
    throw new NoteError('unverified', `the note has no signature from a known key (signed by ${found}; known keys: ${known})`);
  }
  return { text, signatures };
}
