import type { FastifyRequest } from 'fastify';
import type { MultipartFile, Multipart } from '@fastify/multipart';
import { badRequest, Problem, type FieldError } from '../errors/index.ts';
import { textFault, textProblem } from '../http/index.ts';
import { TooLargeError, type EvidenceFiles, type Incoming } from './files.ts';

/**
 * Reads an evidence upload: a multipart/form-data body with one file part named `file`
 * and the optional text fields `captureTime` and `mediaType`, in any order. The file is
 * streamed to the store's temporary area as it arrives (never buffered); every failure
 * is a problem naming the field, and leaves no temporary file behind.
 */

export const UPLOAD_FIELDS = ['captureTime', 'mediaType'] as const;
type UploadField = (typeof UPLOAD_FIELDS)[number];

/** A text field holds a timestamp or a media type: 256 bytes is plenty. */
export const FIELD_MAX_BYTES = 256;
/**
 * Room for the multipart framing and the text fields around the file: a body declared
 * larger than the file limit plus this is refused before a byte of it is read.
 */
export const FORM_OVERHEAD_BYTES = 64 * 1024;

/** Limits handed to the multipart parser (busboy). */
export function multipartLimits(maxFileBytes: number) {
  return {
    fileSize: maxFileBytes,
    files: 1,
    // More than the two known fields, so that an unknown one is named in a 400 rather
    // than cut off by the parser; beyond this the form is not one of ours.
    fields: 8,
    fieldSize: FIELD_MAX_BYTES,
    fieldNameSize: 100,
    parts: 10,
    headerPairs: 20,
  };
}

export interface UploadForm {
  incoming: Incoming;
  originalName: string;
  partMediaType: string;
  captureTime?: string;
  mediaType?: string;
}

export function tooLarge(maxBytes: number): Problem {
  return new Problem(413, 'Payload too large', `The file is larger than this server accepts (at most ${formatBytes(maxBytes)}).`, {
    code: 'too_large',
    errors: [{ path: '/body/file', message: `is larger than ${maxBytes} bytes` }],
  });
}

const field = (path: string, message: string, detail: string, code = 'invalid_request') => badRequest(detail, [{ path, message }], code);

/**
 * Reads the form. On success the caller owns `incoming` and must commit or discard it;
 * on any error nothing is left in the temporary area.
 */
export async function readUploadForm(req: FastifyRequest, files: EvidenceFiles, maxBytes: number): Promise<UploadForm> {
  if (!req.isMultipart()) {
    throw new Problem(415, 'Unsupported media type', 'Send the file as multipart/form-data, in a part named "file".', {
      code: 'unsupported_media_type',
      errors: [{ path: '/body', message: 'must be multipart/form-data' }],
    });
  }
  // A body declared larger than any acceptable upload is refused before it is read.
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes + FORM_OVERHEAD_BYTES) throw tooLarge(maxBytes);

  const fields: Partial<Record<UploadField, string>> = {};
  let incoming: Incoming | undefined;
  let file: MultipartFile | undefined;
  const parts = req.parts();
  try {
    for (;;) {
      let step: IteratorResult<Multipart>;
      try {
        step = await parts.next();
      } catch (err) {
        throw multipartProblem(err, maxBytes);
      }
      if (step.done) break;
      const part = step.value;
      if (part.type === 'file') {
        if (part.fieldname !== 'file')
          throw field(`/body/${part.fieldname}`, 'is not a known field', `Send the file in a part named "file", not "${part.fieldname}".`);
        // The text guard cannot see a streamed form: its rule is applied here, part by part.
        const nameFault = textFault(part.filename ?? '');
        if (nameFault) throw textProblem({ path: '/body/file', message: `has a file name that ${nameFault}` });
        file = part;
        incoming = await receive(part, files, maxBytes);
      } else {
        const name = part.fieldname;
        if (name === 'file') throw field('/body/file', 'must be a file', 'The part named "file" must be a file (with a filename), not a text field.');
        if (!(UPLOAD_FIELDS as readonly string[]).includes(name))
          throw field(`/body/${name}`, 'is not a known field', `The form has an unknown field "${name}"; known: file, ${UPLOAD_FIELDS.join(', ')}.`);
        if (fields[name as UploadField] !== undefined) throw field(`/body/${name}`, 'is given twice', `The field ${name} is given twice.`);
        if (part.valueTruncated)
          throw field(`/body/${name}`, `is longer than ${FIELD_MAX_BYTES} bytes`, `The field ${name} is longer than ${FIELD_MAX_BYTES} bytes.`);
        const value = String(part.value);
        const fault = textFault(value);
        if (fault) throw textProblem({ path: `/body/${name}`, message: fault });
        fields[name as UploadField] = value;
      }
    }
    if (!incoming || !file) throw field('/body/file', 'is required', 'The form has no file: send it in a part named "file".');
    if (incoming.size === 0) throw field('/body/file', 'is empty', 'The file is empty.');
    return { incoming, originalName: file.filename ?? '', partMediaType: file.mimetype ?? '', ...fields };
  } catch (err) {
    if (incoming) await files.discard(incoming);
    throw err;
  }
}

/** Streams one file part into the store's temporary area, stopping at the first byte over the limit. */
async function receive(part: MultipartFile, files: EvidenceFiles, maxBytes: number): Promise<Incoming> {
  // busboy stops passing bytes at the limit and would then read the rest of the body to
  // find the next part; ending the stream at once lets the answer go out now.
  part.file.once('limit', () => part.file.destroy(new TooLargeError(maxBytes)));
  try {
    const incoming = await files.receive(part.file, maxBytes);
    // The limit may have been reached before the listener above was attached: busboy
    // then ends the stream early and marks it truncated. A cut file is never kept.
    if (part.file.truncated) {
      await files.discard(incoming);
      throw new TooLargeError(maxBytes);
    }
    return incoming;
  } catch (err) {
    if (err instanceof TooLargeError) throw tooLarge(maxBytes);
    if (err instanceof Problem) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOSPC') {
      throw new Problem(507, 'Insufficient storage', 'The server has no room left for this file; nothing was saved. Tell the administrator.', {
        code: 'storage_full',
      });
    }
    // Errors of the file system (a syscall failed) are the server's; anything else ended
    // the stream from the request's side: the client went away or the form is malformed.
    if (err instanceof Error && 'syscall' in err) throw err;
    throw multipartProblem(err, maxBytes);
  }
}

/** The multipart parser's errors, as problems that say which part of the form is wrong. */
function multipartProblem(err: unknown, maxBytes: number): Problem {
  if (err instanceof Problem) return err;
  const e = err as { code?: string; message?: string };
  const errors = (path: string, message: string): FieldError[] => [{ path, message }];
  switch (e.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge(maxBytes);
    case 'FST_FILES_LIMIT':
      return badRequest('Send one file per request.', errors('/body/file', 'only one file per request'), 'too_many_files');
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return badRequest(
        `The form has too many fields; it takes a file and ${UPLOAD_FIELDS.join(', ')}.`,
        errors('/body', 'too many fields'),
        'too_many_fields',
      );
    case 'FST_PROTO_VIOLATION':
      return badRequest('A field name is not allowed.', errors('/body', 'field name not allowed'), 'invalid_field_name');
    case 'FST_MP_PREMATURE_CLOSE':
      return badRequest('The request ended before the whole form arrived; nothing was saved.', errors('/body', 'incomplete'), 'incomplete_body');
    default:
      return badRequest(
        `The body is not valid multipart/form-data: ${e.message ?? 'malformed'}.`,
        errors('/body', 'malformed multipart/form-data'),
        'invalid_multipart',
      );
  }
}

function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${+(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${+(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
