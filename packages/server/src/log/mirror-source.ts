import path from 'node:path';
import { entriesPath, tilePath, type LogSource } from '@truce/core/log/index';
import { INCOMING, type MirrorDir } from './mirror-files.ts';
import type { HttpLogSource } from './sources.ts';

/**
 * What `truce mirror` verifies a new checkpoint's tree from: each tile the mirror already
 * holds (tiles are immutable, so a held tile at the same path is the same tile), else one
 * an interrupted run fetched into .incoming, else the server. Fetched tiles go to
 * .incoming, not into place: nothing is adopted before the whole tree recomputes the
 * signed root. The verifier (core verifyLog) checks every tile it is given, held or not.
 */
export class StagingSource implements LogSource {
  /** Paths (relative to the mirror) read from the mirror, from .incoming, or fetched, this run. */
  readonly held: string[] = [];
  readonly resumed: string[] = [];
  readonly fetched: string[] = [];

  constructor(
    private readonly mirror: MirrorDir,
    private readonly remote: HttpLogSource,
    private readonly note: string,
    private readonly withEntries: boolean,
  ) {}

  async checkpoint() {
    return this.note;
  }

  tile(level: number, n: number, width?: number) {
    return this.get(tilePath(level, n, width), () => this.remote.tile(level, n, width));
  }

  get entries(): LogSource['entries'] {
    if (!this.withEntries) return undefined;
    return (n: number, width?: number) => this.get(entriesPath(n, width), () => this.remote.entries!(n, width));
  }

  /** Every path read this run: the tiles and bundles of the new tree. */
  get paths(): string[] {
    return [...this.held, ...this.resumed, ...this.fetched];
  }

  private async get(p: string, fetch: () => Promise<Uint8Array>): Promise<Uint8Array> {
    if (this.mirror.has(p)) {
      this.held.push(p);
      return this.mirror.read(p);
    }
    const incoming = path.posix.join(INCOMING, p);
    if (this.mirror.has(incoming)) {
      this.resumed.push(p);
      return this.mirror.read(incoming);
    }
    const data = await fetch();
    // On disk at once, so that an interrupted run resumes instead of fetching again.
    this.mirror.write(incoming, data);
    this.fetched.push(p);
    return data;
  }
}
