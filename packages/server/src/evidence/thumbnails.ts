import { randomUUID } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

/**
 * Thumbnails of evidence photos, made once from the stored file and kept on disk beside
 * the store (`<root>/thumbnails/<2 hex>/<hex>-<size>.webp`): the same bytes always give
 * the same thumbnail, so the file's hash names it. A thumbnail carries no metadata (sharp
 * writes none unless asked to: no EXIF, so no GPS position, no camera serial), and the
 * photo's EXIF orientation is applied to its pixels, so it shows upright everywhere.
 * Nothing here knows about HTTP, the database or who may see what.
 */

/** The long side of a thumbnail, in pixels: sharp enough for a phone's double-density screen. */
export const THUMBNAIL_SIZE = 320;

/**
 * Larger photos are refused rather than decoded: a crafted image of 60,000 × 60,000 pixels
 * is a few kilobytes on disk and gigabytes once decoded. 100 megapixels is above every
 * phone camera (about 50) and most professional ones.
 */
export const MAX_INPUT_PIXELS = 100_000_000;

/** The types sharp's prebuilt binaries decode. HEIC/HEIF photos need an HEVC decoder they do not ship: no thumbnail. */
export const THUMBNAIL_SOURCE_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp'];

// One libvips thread per image: the server shares a small machine with the database, and
// several thumbnails of one page already run side by side on Node's thread pool. No cache
// of decoded images either: each photo is read once, then its thumbnail is on disk.
sharp.concurrency(1);
sharp.cache(false);

/** Thumbnails made and kept on disk, at most one generation per file at a time. */
export class Thumbnails {
  readonly dir: string;
  private readonly running = new Map<string, Promise<string | null>>();
  /** Files found unreadable as images in this process, so that a broken photo is not decoded at every page view. */
  private readonly unreadable = new Set<string>();

  constructor(evidenceRoot: string) {
    this.dir = path.join(evidenceRoot, 'thumbnails');
  }

  pathFor(sha256: string): string {
    return path.join(this.dir, sha256.slice(0, 2), `${sha256}-${THUMBNAIL_SIZE}.webp`);
  }

  /**
   * The path of the thumbnail of the stored file `source` (whose content hashes to
   * `sha256`), made now if it is not there yet; null when the file cannot be read as an
   * image (damaged, truncated, over the pixel limit, not an image after all).
   */
  async get(sha256: string, source: string): Promise<string | null> {
    const target = this.pathFor(sha256);
    if (await exists(target)) return target;
    if (this.unreadable.has(sha256)) return null;
    let pending = this.running.get(sha256);
    if (!pending) {
      pending = this.make(sha256, source, target).finally(() => this.running.delete(sha256));
      this.running.set(sha256, pending);
    }
    return pending;
  }

  private async make(sha256: string, source: string, target: string): Promise<string | null> {
    let webp: Buffer;
    try {
      webp = await sharp(source, { limitInputPixels: MAX_INPUT_PIXELS, sequentialRead: true })
        .autoOrient()
        .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 75 })
        .toBuffer();
    } catch {
      // Any decoding failure means "no thumbnail", never a server error.
      if (this.unreadable.size >= 10_000) this.unreadable.clear();
      this.unreadable.add(sha256);
      return null;
    }
    // Written whole, then renamed: a reader never sees half a thumbnail. A thumbnail is made
    // again from the stored file if lost, so it needs no fsync.
    await fsp.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const temp = `${target}.${randomUUID()}.part`;
    try {
      await fsp.writeFile(temp, webp, { mode: 0o600 });
      await fsp.rename(temp, target);
    } catch (err) {
      await fsp.rm(temp, { force: true });
      throw err;
    }
    return target;
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
