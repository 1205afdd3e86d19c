import fs from 'node:fs';
import path from 'node:path';
import { entriesPath, tilePath, type LogSource } from '@truce/core/log/index';

/**
 * Where `truce verify` and `truce log export` read a log from: a running server (the
 * tlog-tiles paths under /log/) or a directory holding the same paths, as written by
 * an export. The verifier itself (core) does not care which.
 */
export interface KeyedLogSource extends LogSource {
  /** The verifier key the source offers; trust it only when pinned. */
  key(): Promise<string>;
  /** The c2sp.org/tlog-policy the source offers (log key, witnesses, quorum), or null if it has none. */
  policy(): Promise<string | null>;
  describe: string;
}

/** An HTTP error answer, so that callers can tell "not there" (404) and "not allowed" (401/403) from the rest. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class HttpLogSource implements KeyedLogSource {
  readonly describe: string;
  constructor(
    private readonly base: string,
    private readonly token?: string,
  ) {
    this.base = base.replace(/\/+$/, '');
    this.describe = this.base;
  }

  private async fetch(p: string, auth = false): Promise<Uint8Array> {
    const headers: Record<string, string> = {};
    if (auth && this.token) headers.authorization = `Bearer ${this.token}`;
    return this.get(`/log/${p}`, headers);
  }

  /** GET under the base URL; a server that cannot be reached is named with the cause, not "fetch failed". */
  async get(p: string, headers: Record<string, string> = {}): Promise<Uint8Array> {
    let res: Response;
    try {
      res = await fetch(`${this.base}${p}`, { headers });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(`cannot reach ${this.base}: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
    }
    if (!res.ok) throw new HttpStatusError(res.status, `GET ${this.base}${p} answered ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  }

  async checkpoint() {
    return new TextDecoder().decode(await this.fetch('checkpoint'));
  }
  async key() {
    return new TextDecoder().decode(await this.fetch('key')).trim();
  }
  async policy() {
    try {
      return new TextDecoder().decode(await this.fetch('policy'));
    } catch (err) {
      // A server from before tlog-policy: no witnesses to check.
      if (err instanceof HttpStatusError && err.status === 404) return null;
      throw err;
    }
  }
  tile(level: number, n: number, width?: number) {
    return this.fetch(tilePath(level, n, width));
  }
  /** Whether the token may read entries (log.entries.read): a participant's may, a stranger's may not. */
  async canReadEntries(): Promise<boolean> {
    if (!this.token) return false;
    try {
      await this.get('/api/log/entries?limit=1', { authorization: `Bearer ${this.token}` });
      return true;
    } catch (err) {
      if (err instanceof HttpStatusError && (err.status === 401 || err.status === 403)) return false;
      // No API here (a static copy of the tiles): the bundles, if any, are plain files.
      if (err instanceof HttpStatusError && err.status === 404) return true;
      throw err;
    }
  }
  get entries(): LogSource['entries'] {
    if (!this.token) return undefined;
    return (n: number, width?: number) => this.fetch(entriesPath(n, width), true);
  }
}

export class DirLogSource implements KeyedLogSource {
  readonly describe: string;
  constructor(private readonly dir: string) {
    this.describe = dir;
  }
  private read(p: string): Uint8Array {
    const file = path.join(this.dir, p);
    if (!fs.existsSync(file)) throw new Error(`${file} is missing from the export`);
    return new Uint8Array(fs.readFileSync(file));
  }
  async checkpoint() {
    return new TextDecoder().decode(this.read('checkpoint'));
  }
  async key() {
    return new TextDecoder().decode(this.read('key')).trim();
  }
  /** A mirror keeps the policy it checked the quorum with; a plain export has none. */
  async policy() {
    const file = path.join(this.dir, 'policy');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  }
  async tile(level: number, n: number, width?: number) {
    return this.read(tilePath(level, n, width));
  }
  get entries(): LogSource['entries'] {
    if (!fs.existsSync(path.join(this.dir, 'tile', 'entries'))) return undefined;
    return async (n: number, width?: number) => this.read(entriesPath(n, width));
  }
}
