import { v7 as uuidv7 } from 'uuid';
import { parseCaptureTime } from '@truce/core/evidence/capture-time';
import { claimMatches, isGenericMediaType, normaliseMediaType } from '@truce/core/evidence/media-types';
import type { AppContext } from '../context.ts';
import { badRequest, Problem, type FieldError } from '../errors/index.ts';
import { record, type LogEvent } from '../log/index.ts';
import { detectMediaType } from './detect.ts';
import type { EvidenceFiles, Incoming } from './files.ts';
import type { UploadedEvidence } from './schema.ts';
import * as store from './store.ts';

/** Evidence files (C2): uploads checked against their content, stored once, shown to whom they concern. */

export interface UploadInput {
  actor: NonNullable<LogEvent['actor']>;
  incoming: Incoming;
  /** The name the file had on the uploader's device, as the client sent it. */
  originalName: string;
  /** The Content-Type of the file part. */
  partMediaType: string;
  /** The `captureTime` field, as sent. */
  captureTime?: string;
  /** The `mediaType` field: what the uploader says the file is. */
  mediaType?: string;
}

/** File names longer than this exist on no common file system; longer is a mistake or an attack. */
const MAX_NAME_LENGTH = 255;

const MEDIA_TYPE_SYNTAX = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

const unsupported = (detail: string, code: string, errors: FieldError[]) => new Problem(415, 'Unsupported media type', detail, { code, errors });

/**
 * Accepts a received file as evidence. Checks the fields, then that the content is an
 * accepted type and what the uploader claimed; moves the file into the store; then, in
 * one transaction, describes it (once per distinct content), records this upload and
 * appends `evidence.uploaded` to the log, the file name sealed. Throws 400 for a bad
 * field and 415 for a refused type, naming the field. The caller removes the temporary
 * file whatever happens (a no-op once it is stored).
 *
 * A file renamed into the store whose transaction then fails stays on disk without a
 * row: invisible, harmless, and reused by the next upload of the same bytes. The other
 * order could lose acknowledged evidence (a row whose file never arrived).
 */
export async function uploadEvidence(ctx: AppContext, files: EvidenceFiles, input: UploadInput): Promise<UploadedEvidence> {
  const { incoming } = input;
  const originalName = cleanName(input.originalName);
  let captureTime: Date | null = null;
  if (input.captureTime !== undefined && input.captureTime.trim() !== '') {
    const parsed = parseCaptureTime(input.captureTime, new Date());
    if (!parsed.ok) throw badRequest(`captureTime ${parsed.message}.`, [{ path: '/body/captureTime', message: parsed.message }]);
    captureTime = parsed.value;
  }
  const mediaType = await checkMediaType(ctx, input);

  await files.commit(incoming);
  return ctx.db.transaction().execute(async (tx) => {
    const now = new Date();
    const existing = await store.findEvidence(tx, incoming.sha256);
    // Same hash, different length: the store or the database is damaged. Refuse to paper over it.
    if (existing && Number(existing.size) !== incoming.size)
      throw new Error(`evidence ${incoming.sha256} is stored with size ${existing.size}, received ${incoming.size}`);
    const storedType = existing?.media_type ?? mediaType;
    if (!existing) {
      await store.insertEvidence(tx, {
        sha256: incoming.sha256,
        size: incoming.size,
        media_type: storedType,
        original_name: originalName,
        capture_time: captureTime,
        uploaded_by: input.actor.user,
        uploaded_org: input.actor.organisation,
        uploaded_at: now,
      });
    }
    const logEntryId = await record(tx, {
      type: 'evidence.uploaded',
      actor: input.actor,
      subject: { evidence: incoming.sha256 },
      data: { size: incoming.size, mediaType: storedType },
      // File names can name people and places: only a salted commitment enters the log.
      sealed: { originalName: originalName ?? undefined },
    });
    await store.insertUpload(tx, {
      id: uuidv7(),
      sha256: incoming.sha256,
      organisation_id: input.actor.organisation,
      user_id: input.actor.user,
      original_name: originalName,
      capture_time: captureTime,
      claimed_media_type: input.mediaType === undefined ? null : normaliseMediaType(input.mediaType),
      log_entry_id: logEntryId,
      uploaded_at: now,
    });
    return { sha256: incoming.sha256, size: incoming.size, mediaType: storedType, captureTime: captureTime?.toISOString() ?? null, originalName };
  });
}

/**
 * The type of the content, when it is accepted and agrees with every claim: the
 * `mediaType` field and the file part's own Content-Type (unless that says nothing,
 * like application/octet-stream).
 */
async function checkMediaType(ctx: AppContext, input: UploadInput): Promise<string> {
  const accepted = ctx.config.evidenceTypes as readonly string[];
  const acceptedList = accepted.join(', ');
  const claims: { path: string; type: string }[] = [];
  if (input.mediaType !== undefined && input.mediaType.trim() !== '') {
    const type = normaliseMediaType(input.mediaType);
    if (!MEDIA_TYPE_SYNTAX.test(type))
      throw badRequest('mediaType must be a media type like image/jpeg.', [{ path: '/body/mediaType', message: 'must be a media type like image/jpeg' }]);
    claims.push({ path: '/body/mediaType', type });
  }
  const partType = normaliseMediaType(input.partMediaType);
  if (!isGenericMediaType(partType)) claims.push({ path: '/body/file', type: partType });
  for (const claim of claims) {
    if (!accepted.includes(claim.type)) {
      throw unsupported(`${claim.type} is not accepted as evidence here. Accepted: ${acceptedList}.`, 'media_type_not_accepted', [
        { path: claim.path, message: `${claim.type} is not an accepted type` },
      ]);
    }
  }

  const detected = await detectMediaType(input.incoming);
  if (detected === null) {
    throw unsupported(`The file's content is not a type accepted as evidence. Accepted: ${acceptedList}.`, 'media_type_unrecognised', [
      { path: '/body/file', message: 'content is not a recognised type' },
    ]);
  }
  if (!accepted.includes(detected)) {
    throw unsupported(`The file's content is ${detected}, which is not accepted as evidence here. Accepted: ${acceptedList}.`, 'media_type_not_accepted', [
      { path: '/body/file', message: `content is ${detected}, not an accepted type` },
    ]);
  }
  for (const claim of claims) {
    if (!claimMatches(claim.type, detected)) {
      throw unsupported(`The file's content is ${detected}, not ${claim.type} as claimed.`, 'media_type_mismatch', [
        { path: '/body/file', message: `content is ${detected}, not ${claim.type} as claimed` },
      ]);
    }
  }
  return detected;
}

/**
 * The file name as shown back to people: Unicode-normalised, without control
 * characters (which could forge lines in logs or headers). Null when there is none.
 */
function cleanName(raw: string): string | null {
  const name = raw
    .normalize('NFC')
    .replace(/[\u0000-\u001F\u007F]/gu, '')
    .trim();
  if (name === '') return null;
  if ([...name].length > MAX_NAME_LENGTH) {
    throw badRequest(`The file name is longer than ${MAX_NAME_LENGTH} characters.`, [
      { path: '/body/file', message: `file name is longer than ${MAX_NAME_LENGTH} characters` },
    ]);
  }
  return name;
}
