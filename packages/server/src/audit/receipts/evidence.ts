import { createHash } from 'node:crypto';
import { compare, enc, sealed, type Checker } from './common.ts';

interface Meta {
  sha256: string;
  size: number;
  mediaType: string;
  uploads: Array<{ organisationId: string; originalName: string | null; logIndex: number | null }>;
}

/**
 * An evidence upload: the file (its bytes must still hash to the sha256 the entry names),
 * its size and type, and this upload (the one served with this entry's index) with its
 * organisation and its original name against the commitment.
 */
const uploaded: Checker = async (c) => {
  const sha = c.entry.subject?.evidence ?? '';
  const item = `evidence ${sha}`;
  const meta = (await c.api.json(`/api/evidence/${enc(sha)}/meta`)) as Meta;
  compare(c, item, 'size', c.entry.data?.size, meta.size);
  compare(c, item, 'mediaType', c.entry.data?.mediaType, meta.mediaType);
  const upload = meta.uploads.find((u) => u.logIndex === c.index);
  if (!upload) return c.diverges(item, 'upload', `the upload entry ${c.index} recorded is not served`);
  if (c.entry.actor) compare(c, item, 'organisationId', c.entry.actor.organisation, upload.organisationId);
  sealed(c, item, 'originalName', upload.originalName);
  let bytes: Uint8Array;
  try {
    bytes = await c.api.bytes(`/api/evidence/${enc(sha)}`);
  } catch (err) {
    // Its description is served, so the file is readable: a refused download is the server's own finding of damage.
    return c.diverges(item, 'bytes', `the file is not served (${(err as Error).message})`);
  }
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha) c.diverges(item, 'bytes', `the file served hashes to sha256:${actual}`);
};

export const evidenceCheckers: Record<string, Checker> = { 'evidence.uploaded': uploaded };
