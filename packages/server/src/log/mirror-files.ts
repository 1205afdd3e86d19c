import fs from 'node:fs';
import path from 'node:path';
import { parseTileRequest } from '@truce/core/log/index';

/**
 * The files of a `truce mirror` directory, laid out like the tlog-tiles URLs (so that it
 * can be served as static files and read by `truce verify --dir`):
 *
 *   key, policy                 the pinned log key and witness policy
 *   checkpoint                  the newest checkpoint adopted, with its cosignatures
 *   checkpoints/<size>          every checkpoint adopted, with its cosignatures
 *   tile/<L>/<N>[.p/<W>]        hash tiles
 *   tile/entries/<N>[.p/<W>]    entry bundles (when the token may read them)
 *   .incoming/...               tiles fetched by a run not yet finished: not verified yet,
 *                               moved into place only once the whole tree is verified
 *
 * Every write is write-to-temporary, fsync, rename, fsync of the directory, so that a run
 * interrupted at any point leaves each file either as it was or complete.
 */
export const INCOMING = '.incoming';

export class MirrorDir {
  constructor(readonly dir: string) {}

  file(p: string): string {
    return path.join(this.dir, p);
  }

  has(p: string): boolean {
    return fs.existsSync(this.file(p));
  }

  read(p: string): Uint8Array {
    return new Uint8Array(fs.readFileSync(this.file(p)));
  }

  readText(p: string): string | null {
    return this.has(p) ? fs.readFileSync(this.file(p), 'utf8') : null;
  }

  write(p: string, data: Uint8Array | string): void {
    writeAtomic(this.file(p), data);
  }

  /** Moves a verified file from .incoming into place (a rename: atomic on one file system). */
  adopt(p: string): void {
    const to = this.file(p);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.renameSync(this.file(path.join(INCOMING, p)), to);
    fsyncDir(path.dirname(to));
  }

  /** Unverified tiles that failed verification must not be offered to the next run. */
  dropIncoming(): void {
    fs.rmSync(this.file(INCOMING), { recursive: true, force: true });
  }

  /**
   * Partial tiles that a newer tree has superseded (a wider partial tile or the full one):
   * tlog-tiles serves one tile per position for the newest tree, and `truce verify --dir`
   * reads exactly those. `keep` holds the paths of the tiles of the adopted tree.
   */
  removeSupersededPartials(keep: Set<string>): number {
    let removed = 0;
    const walk = (rel: string) => {
      const abs = this.file(rel);
      if (!fs.existsSync(abs)) return;
      for (const name of fs.readdirSync(abs)) {
        const child = path.posix.join(rel, name);
        if (fs.statSync(this.file(child)).isDirectory()) {
          walk(child);
          if (name.endsWith('.p') && fs.readdirSync(this.file(child)).length === 0) fs.rmdirSync(this.file(child));
          continue;
        }
        const request = parseTileRequest(child.slice('tile/'.length));
        if (request?.width !== undefined && !keep.has(child)) {
          fs.rmSync(this.file(child));
          removed++;
        }
      }
    };
    walk('tile');
    return removed;
  }
}

export function writeAtomic(file: string, data: Uint8Array | string): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o644);
  try {
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDir(dir);
}

/** The rename is durable only once the directory entry is on disk. */
function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    /* some file systems (and Windows) cannot fsync a directory; the rename still happened */
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
