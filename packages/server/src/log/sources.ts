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
  describe: string;
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
    const res = await fetch(`${this.base}/log/${p}`, { headers });
    if (!res.ok) throw new Error(`GET ${this.base}/log/${p} answered ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  }

  async checkpoint() {
    return new TextDecoder().decode(await this.fetch('checkpoint'));
  }
  async key() {
    return new TextDecoder().decode(await this.fetch('key')).trim();
  }
  tile(level: number, n: number, width?: number) {
    return this.fetch(tilePath(level, n, width));
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
  async tile(level: number, n: number, width?: number) {
    return this.read(tilePath(level, n, width));
  }
  get entries(): LogSource['entries'] {
    if (!fs.existsSync(path.join(this.dir, 'tile', 'entries'))) return undefined;
    return async (n: number, width?: number) => this.read(entriesPath(n, width));
  }
}
