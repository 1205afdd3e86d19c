import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

/**
 * The evidence file store on disk, content-addressed: a file lives at
 * `<root>/sha256/<first 2 hex>/<hex>`, so the same bytes are stored once and a file's
 * name proves its content. A file reaches that path only complete and synced: it is
 * streamed into `<root>/tmp/` while being hashed, fsync'd, then renamed into place
 * (atomic, as tmp/ is on the same file system), and the directory is synced so the
 * rename survives a power loss. Nothing here knows about HTTP or the database.
 */

/** A file received into the temporary area, hashed, not yet in the store. */
export interface Incoming {
  tempPath: string;
  sha256: string;
  size: number;
  /** Strict UTF-8 without control characters (other than tab, line breaks, form feed). */
  isText: boolean;
}

/** The stream went over the byte limit; the partial file is already removed. */
export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`file larger than ${limit} bytes`);
  }
}

/** Temporary files older than this are left-overs of a crash, not uploads in progress. */
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

export class EvidenceFiles {
  readonly storeDir: string;
  readonly tempDir: string;

  constructor(readonly root: string) {
    this.storeDir = path.join(root, 'sha256');
    this.tempDir = path.join(root, 'tmp');
  }

  /**
   * Creates the directories and removes temporary files a killed process left behind.
   * Only old ones: another server process sharing the store may be receiving right now.
   */
  async init(now = Date.now()): Promise<void> {
    await fsp.mkdir(this.storeDir, { recursive: true, mode: 0o700 });
    await fsp.mkdir(this.tempDir, { recursive: true, mode: 0o700 });
    for (const name of await fsp.readdir(this.tempDir)) {
      const file = path.join(this.tempDir, name);
      const stat = await fsp.stat(file).catch(() => null);
      if (stat?.isFile() && now - stat.mtimeMs > STALE_TEMP_MS) await fsp.rm(file, { force: true });
    }
  }

  pathFor(sha256: string): string {
    return path.join(this.storeDir, sha256.slice(0, 2), sha256);
  }

  /**
   * Writes a stream to a new temporary file, hashing it and checking whether it is
   * plain text as it goes; the bytes are never all in memory. Refuses more than
   * `maxBytes` (TooLargeError). On any error, including the client going away mid-way,
   * the temporary file is removed before the error propagates.
   */
  async receive(stream: AsyncIterable<Buffer>, maxBytes: number): Promise<Incoming> {
    const tempPath = path.join(this.tempDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    const text = new TextCheck();
    let size = 0;
    const handle = await fsp.open(tempPath, 'wx', 0o600);
    try {
      for await (const chunk of stream) {
        size += chunk.length;
        // The multipart parser enforces the limit too; this keeps the store honest on its own.
        if (size > maxBytes) throw new TooLargeError(maxBytes);
        hash.update(chunk);
        text.update(chunk);
        await writeAll(handle, chunk);
      }
      await handle.sync();
      await handle.close();
    } catch (err) {
      await handle.close().catch(() => {});
      await fsp.rm(tempPath, { force: true });
      throw err;
    }
    return { tempPath, sha256: hash.digest('hex'), size, isText: text.end() };
  }

  /**
   * Moves a received file into the store under its hash. When the same bytes are
   * already stored the new copy is dropped: the name is the content. Returns whether
   * the bytes were new.
   */
  async commit(incoming: Incoming): Promise<boolean> {
    const final = this.pathFor(incoming.sha256);
    const dir = path.dirname(final);
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    if (await exists(final)) {
      await this.discard(incoming);
      return false;
    }
    // Two uploads of the same bytes at once may both rename; they carry identical content.
    await fsp.rename(incoming.tempPath, final);
    await syncDirectory(dir);
    return true;
  }

  /** Removes a received file that will not be kept (refused, or already stored). */
  async discard(incoming: Incoming): Promise<void> {
    await fsp.rm(incoming.tempPath, { force: true });
  }

  /**
   * Whether an opened stored file still holds the bytes its name hashes to (and the size
   * recorded), read through once. A file found whole is remembered by its inode, size and
   * change time (which no ordinary write can set back), so a file downloaded again is not
   * read twice; any change to it is read afresh.
   */
  async isWhole(handle: fsp.FileHandle, sha256: string, size: number): Promise<boolean> {
    const stat = await handle.stat({ bigint: true });
    const key = `${sha256}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
    if (this.whole.has(key)) return true;
    if (stat.size !== BigInt(size)) return false;
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (let position = 0; ; ) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      position += bytesRead;
    }
    if (hash.digest('hex') !== sha256) return false;
    if (this.whole.size >= 10_000) this.whole.clear();
    this.whole.add(key);
    return true;
  }

  private readonly whole = new Set<string>();

  /** Opens a stored file for reading; null when it is not there. */
  async open(sha256: string): Promise<fsp.FileHandle | null> {
    try {
      return await fsp.open(this.pathFor(sha256), fs.constants.O_RDONLY);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }
}

async function writeAll(handle: fsp.FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fsp.access(file);
    return true;
  } catch {
    return false;
  }
}

/** Persists a rename: on Linux the new directory entry is durable only once the directory is synced. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, fs.constants.O_RDONLY);
    await handle.sync();
  } catch (err) {
    // Some platforms (Windows) cannot open or sync a directory; the rename stands anyway.
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EACCES'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    await handle?.close();
  }
}

/**
 * Decides along the way whether a stream is plain UTF-8 text: magic bytes cannot say,
 * and reading a 100 MiB file again afterwards would double the work. Gives up at the
 * first byte that is not, so binary files cost almost nothing.
 */
class TextCheck {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private ok = true;
  private seen = 0;

  update(chunk: Buffer): void {
    if (!this.ok) return;
    this.seen += chunk.length;
    try {
      // Control characters other than tab, line feed, form feed and carriage return
      // (NUL, escape sequences, DEL) are not in text people write.
      if (/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/u.test(this.decoder.decode(chunk, { stream: true }))) this.ok = false;
    } catch {
      this.ok = false;
    }
  }

  end(): boolean {
    if (!this.ok || this.seen === 0) return false;
    try {
      this.decoder.decode();
      return true;
    } catch {
      return false;
    }
  }
}
