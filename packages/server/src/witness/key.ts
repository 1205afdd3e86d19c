import fs from 'node:fs';
import path from 'node:path';
import { formatCosignerKey, formatSignerKey, generateSigner, parseSignerKey, type Signer } from '@truce/core/log/index';

/**
 * The witness's own Ed25519 key, kept in its directory with mode 0600. It is stored in
 * the signed-note private-key text (type 0x01 ID); the key it publishes is the
 * cosignature/v1 verifier key (type 0x04), which is what verifiers of its cosignatures hold.
 */
export const KEY_FILE = 'witness-key';

/** Makes the key; refuses to replace one (a witness that changes key loses its history). */
export function initWitnessKey(dir: string, name: string): Signer {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const signer = generateSigner(name);
  const file = path.join(dir, KEY_FILE);
  try {
    fs.writeFileSync(file, formatSignerKey(signer) + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${file} already exists: this directory already holds a witness key`);
    throw err;
  }
  return signer;
}

export function loadWitnessKey(dir: string): Signer {
  const file = path.join(dir, KEY_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new Error(`no witness key in ${dir}: run \`truce witness init --name <name> --dir ${dir}\` first`);
  }
  return parseSignerKey(text.trim());
}

/** Loads the key in `dir`, making it first if there is none (the demo's witnesses). */
export function ensureWitnessKey(dir: string, name: string): Signer {
  return fs.existsSync(path.join(dir, KEY_FILE)) ? loadWitnessKey(dir) : initWitnessKey(dir, name);
}

export function witnessVerifierKey(signer: Signer): string {
  return formatCosignerKey(signer.name, signer.publicKey);
}
