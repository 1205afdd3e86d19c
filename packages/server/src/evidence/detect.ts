import { fileTypeFromFile } from 'file-type';
import { normaliseMediaType } from '@truce/core/evidence/media-types';
import type { Incoming } from './files.ts';

/**
 * What a received file is, judged by its content, never by its name or the type the
 * client sent. Binary formats are recognised by their signatures (file-type reads the
 * file from disk, as deep as the format needs); a file no signature fits, or a
 * text-based format like WebVTT, is plain text when it is clean UTF-8. Returns the
 * canonical media type, or null when the content is nothing recognisable.
 */
export async function detectMediaType(incoming: Incoming): Promise<string | null> {
  let found: string | undefined;
  try {
    found = (await fileTypeFromFile(incoming.tempPath))?.mime;
  } catch {
    // A damaged file can make a format parser give up; that is "not recognised", not a server error.
    found = undefined;
  }
  if (found !== undefined && !found.startsWith('text/')) return normaliseMediaType(found);
  if (incoming.isText) return 'text/plain';
  return found === undefined ? null : normaliseMediaType(found);
}
