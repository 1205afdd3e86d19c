import type { Actor } from '@truce/core/model/accounts';
import { damagedFile, recordDamage } from '../audit/index.ts';
import type { AppContext } from '../context.ts';
import { Problem } from '../errors/index.ts';
import { evidenceMeta } from './describe-evidence.ts';
import type { EvidenceFiles } from './files.ts';
import type { EvidenceMeta } from './schema.ts';
import { THUMBNAIL_SOURCE_TYPES, type Thumbnails } from './thumbnails.ts';

/** Said only to someone allowed to open the file: the file exists, it just has no picture. */
const noThumbnail = (sha256: string, why: string) =>
  new Problem(404, 'No thumbnail', `The evidence file ${sha256} has no thumbnail: ${why}. Download the file itself.`, { code: 'no_thumbnail' });

/**
 * The thumbnail of a photo this actor may open: the same access answer as the download
 * (404 when it may not, so a party learns nothing of another's files), then 404
 * `no_thumbnail` when the file is no photo or cannot be decoded, and the same refusal as a
 * download when the stored bytes no longer match their hash (recorded, never shown).
 * Makes and keeps the thumbnail the first time it is asked for.
 */
export async function evidenceThumbnail(
  ctx: AppContext,
  files: EvidenceFiles,
  thumbnails: Thumbnails,
  actor: Actor,
  sha256: string,
): Promise<{ meta: EvidenceMeta; file: string }> {
  const meta = await evidenceMeta(ctx, actor, sha256);
  if (!THUMBNAIL_SOURCE_TYPES.includes(meta.mediaType)) throw noThumbnail(sha256, `it is ${meta.mediaType}, which has no preview`);
  const handle = await files.open(sha256);
  if (!handle) throw new Error(`evidence file ${sha256} is described in the database but missing from ${files.storeDir}`);
  let whole: boolean;
  try {
    // Remembered per inode and change time: after the first time, a stat, not a read.
    whole = await files.isWhole(handle, meta.sha256, meta.size);
  } finally {
    await handle.close();
  }
  if (!whole) {
    await recordDamage(ctx.db, 'evidence', meta.sha256, 'thumbnail asked: the bytes no longer match the SHA-256');
    throw damagedFile('evidence', meta.sha256);
  }
  const file = await thumbnails.get(sha256, files.pathFor(sha256));
  if (!file) throw noThumbnail(sha256, 'it cannot be read as an image');
  return { meta, file };
}
