import fs from 'node:fs';
import path from 'node:path';
import { formatSignerKey, formatVerifierKey, generateSigner, parseSignerKey } from '@truce/core/log/index';

export type LogSigner = ReturnType<typeof generateSigner>;

const KEY_FILE = 'log-signing-key';

/**
 * The log's Ed25519 signing key, named after the log's origin (tlog-policy asks that the
 * key name equal the origin). Given by TRUCE_LOG_KEY, or generated when the mechanism is
 * set up and kept in the data directory with mode 0600. A key whose name does not match
 * the origin stops the server: it would sign checkpoints no verifier accepts.
 */
export class LogKeyring {
  private signer: LogSigner | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly configuredKey: string | undefined,
  ) {}

  /** The signer for this origin, loading or creating it on first use. */
  signerFor(origin: string): LogSigner {
    if (this.signer && this.signer.name === origin) return this.signer;
    const file = path.join(this.dataDir, KEY_FILE);
    let signer: LogSigner;
    if (this.configuredKey) {
      signer = parseSignerKey(this.configuredKey);
    } else if (fs.existsSync(file)) {
      signer = parseSignerKey(fs.readFileSync(file, 'utf8').trim());
    } else {
      signer = generateSigner(origin);
      fs.mkdirSync(this.dataDir, { recursive: true });
      fs.writeFileSync(file, formatSignerKey(signer) + '\n', { mode: 0o600, flag: 'wx' });
    }
    if (signer.name !== origin) {
      throw new Error(
        `the log signing key is named "${signer.name}" but the log origin is "${origin}"; ` +
          'set TRUCE_LOG_ORIGIN to the key name or give a key with that name in TRUCE_LOG_KEY',
      );
    }
    this.signer = signer;
    return signer;
  }

  verifierKey(origin: string): string {
    const signer = this.signerFor(origin);
    return formatVerifierKey(signer.name, signer.publicKey);
  }
}
