/**
 * Media types of evidence files (C2). The server recognises a file's type from its
 * content and refuses a file whose content is not what the uploader claimed; this module
 * holds the names it speaks: the types it can recognise, the other spellings browsers
 * and phones use for them, and which pairs one cannot tell apart from the bytes alone.
 * Pure, so the web app can use the same list for its file pickers.
 */

/** Every type the server can recognise from content, by its canonical name. */
export const EVIDENCE_MEDIA_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
  'video/mp4',
  'video/quicktime',
  'video/webm',
  'audio/mpeg',
  'audio/ogg',
  'audio/wav',
  'audio/mp4',
  'application/pdf',
  'text/plain',
] as const;
export type EvidenceMediaType = (typeof EVIDENCE_MEDIA_TYPES)[number];

/**
 * Accepted unless TRUCE_EVIDENCE_TYPES says otherwise: photos, video and sound recorded
 * on phones, documents, plain text. All of them; an installation narrows the list.
 */
export const DEFAULT_EVIDENCE_TYPES: readonly EvidenceMediaType[] = EVIDENCE_MEDIA_TYPES;

/**
 * Other names for the same formats: what browsers derive from file extensions, what
 * recorders label their output, and the names the detection library reports.
 */
const ALIASES: Readonly<Record<string, EvidenceMediaType>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
  // An animated PNG is a PNG: browsers and viewers treat it as one.
  'image/apng': 'image/png',
  'video/x-m4v': 'video/mp4',
  // Browsers' MediaRecorder labels sound-only recordings audio/webm; the container is
  // the same and cannot be told apart from video by its header.
  'audio/webm': 'video/webm',
  'audio/mp3': 'audio/mpeg',
  'audio/x-mp3': 'audio/mpeg',
  'audio/mpeg3': 'audio/mpeg',
  'audio/x-mpeg': 'audio/mpeg',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/x-m4a': 'audio/mp4',
  'audio/m4a': 'audio/mp4',
  'application/x-pdf': 'application/pdf',
};

/**
 * Pairs whose bytes do not settle which of the two a file is: HEIC is HEIF with HEVC
 * inside, and an MP4 holding only sound often carries a video brand. A claim of one is
 * consistent with content detected as the other.
 */
const INDISTINGUISHABLE: readonly (readonly EvidenceMediaType[])[] = [
  ['image/heic', 'image/heif'],
  ['video/mp4', 'audio/mp4'],
];

/**
 * The canonical spelling of a media type: lower case, without parameters
 * ("; charset=utf-8", "; codecs=opus"), aliases resolved. Types this module does not
 * know come back lower-cased and without parameters, so callers can name them.
 */
export function normaliseMediaType(raw: string): string {
  const bare = raw.split(';')[0].trim().toLowerCase();
  return ALIASES[bare] ?? bare;
}

export function isEvidenceMediaType(type: string): type is EvidenceMediaType {
  return (EVIDENCE_MEDIA_TYPES as readonly string[]).includes(type);
}

/** Is content detected as `detected` consistent with a claim of `claimed` (both canonical)? */
export function claimMatches(claimed: string, detected: string): boolean {
  if (claimed === detected) return true;
  return INDISTINGUISHABLE.some((group) => group.includes(claimed as EvidenceMediaType) && group.includes(detected as EvidenceMediaType));
}

/** A claim that says nothing: what clients send when they do not know the type. */
export function isGenericMediaType(type: string): boolean {
  return type === '' || type === 'application/octet-stream' || type === 'binary/octet-stream';
}

const EXTENSIONS: Readonly<Record<EvidenceMediaType, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav',
  'audio/mp4': 'm4a',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
};

/** The usual file extension, for naming a download that came without a name. */
export function extensionFor(type: string): string {
  return isEvidenceMediaType(type) ? EXTENSIONS[type] : 'bin';
}
