import { damagedFile, recordDamage } from '../audit/index.ts';
import fs from 'node:fs/promises';
import path from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EVIDENCE_MEDIA_TYPES, extensionFor } from '@truce/core/evidence/media-types';
import type { AppContext } from '../context.ts';
import { actorRef, authOf } from '../http/index.ts';
import { answers, fileAnswers, ProblemSchema } from '../http/index.ts';
import { EvidenceFiles } from './files.ts';
import { multipartLimits, readUploadForm } from './form.ts';
import { EvidenceFileQuery, EvidenceMeta, Sha256Params, UploadedEvidence } from './schema.ts';
import { evidenceMeta } from './describe-evidence.ts';
import { byteRange, contentDisposition, contentSecurityPolicy, INLINE_TYPES } from './delivery.ts';
import { openEvidence } from './open-evidence.ts';
import { evidenceThumbnail } from './thumbnail-evidence.ts';
import { Thumbnails } from './thumbnails.ts';
import { uploadEvidence } from './upload-evidence.ts';
import { Problem } from '../errors/index.ts';

/**
 * Evidence files (C2): `POST /api/evidence` stores a file content-addressed and answers
 * its SHA-256, type and size; reports then refer to it by hash. Downloads go only to the
 * organisations that uploaded the file, the secretariat and the guarantors.
 */
export function evidenceRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const files = new EvidenceFiles(path.join(ctx.config.dataDir, 'evidence'));
    await files.init();
    const thumbnails = new Thumbnails(files.root);
    const maxBytes = ctx.config.evidenceMaxBytes;

    // Multipart parsing exists in this plugin's scope only: no other route takes files.
    // The size limit is enforced while streaming (throwFileSizeLimit off: form.ts stops
    // the stream itself at the first byte over, rather than after reading the rest).
    await app.register(multipart, { limits: multipartLimits(maxBytes), throwFileSizeLimit: false });
    // Any other body type reaches the handler unread, which answers with a 415 that
    // says to send multipart/form-data rather than the app-wide "send JSON".
    app.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
    // A refused upload leaves the rest of its body unread (it may be gigabytes): close the
    // connection after the answer instead of letting Node read and discard it all.
    app.addHook('onSend', async (req, reply) => {
      if (reply.statusCode >= 400 && !req.raw.complete) reply.header('connection', 'close');
    });

    app.post(
      '/api/evidence',
      {
        config: { access: 'evidence.upload' },
        schema: {
          tags: ['evidence'],
          summary: 'Upload an evidence file',
          description:
            `multipart/form-data with one part \`file\` (at most ${maxBytes} bytes) and optional fields \`captureTime\` (RFC 3339 with offset, not in the future) ` +
            'and `mediaType` (what you say the file is). The type is detected from the content and must be accepted and agree with your claim (415 otherwise). ' +
            'The same bytes uploaded again are stored once; every upload is recorded.',
          consumes: ['multipart/form-data'],
          response: { ...answers({ 201: UploadedEvidence }), 413: ProblemSchema, 415: ProblemSchema, 507: ProblemSchema },
        },
      },
      async (req, reply) => {
        const form = await readUploadForm(req, files, maxBytes);
        try {
          return reply.code(201).send(await uploadEvidence(ctx, files, { actor: actorRef(req), ...form }));
        } finally {
          await files.discard(form.incoming);
        }
      },
    );

    app.get(
      '/api/evidence/:sha256',
      {
        config: { access: 'evidence.read' },
        schema: {
          tags: ['evidence'],
          summary: 'Download an evidence file, or show it in the browser',
          description:
            'The bytes, with the media type detected at upload and their Repr-Digest. `?inline=1` asks the browser to show photos, PDFs, video and sound ' +
            'rather than save them. One byte range (`Range: bytes=a-b`) is honoured, so that video and sound can be sought (206).',
          params: Sha256Params,
          querystring: EvidenceFileQuery,
          response: {
            ...fileAnswers([...EVIDENCE_MEDIA_TYPES], 'the bytes, with their media type and Repr-Digest'),
            206: { description: 'the part asked for with Range', content: fileAnswers([...EVIDENCE_MEDIA_TYPES], '')[200].content },
            416: ProblemSchema,
          },
        },
      },
      async (req, reply) => {
        const { meta, handle } = await openEvidence(ctx, files, authOf(req).actor, req.params.sha256);
        // Never served as if whole when the bytes no longer hash to the name (C9 audit).
        if (!(await files.isWhole(handle, meta.sha256, meta.size))) {
          await handle.close();
          await recordDamage(ctx.db, 'evidence', meta.sha256, 'downloaded: the bytes no longer match the SHA-256');
          throw damagedFile('evidence', meta.sha256);
        }
        const range = byteRange(req.headers.range, meta.size);
        if (range === 'unsatisfiable') {
          await handle.close();
          throw new Problem(416, 'Range not satisfiable', `The file has ${meta.size} bytes; the range asked for starts after its end.`, {
            code: 'range_not_satisfiable',
            headers: { 'content-range': `bytes */${meta.size}` },
          });
        }
        const digest = Buffer.from(meta.sha256, 'hex').toString('base64');
        const name = meta.originalName ?? `${meta.sha256}.${extensionFor(meta.mediaType)}`;
        // The type is the server's own finding from the content, never what the uploader said.
        const inline = req.query.inline === '1' && INLINE_TYPES.has(meta.mediaType);
        reply
          .type(meta.mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : meta.mediaType)
          .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', name))
          .header('x-content-type-options', 'nosniff')
          // Opened in a browser tab, the file runs nothing and loads nothing (delivery.ts).
          .header('content-security-policy', contentSecurityPolicy(meta.mediaType, inline))
          // RFC 9530, and the older RFC 3230 header some tools still check: of the whole file, also for a part.
          .header('repr-digest', `sha-256=:${digest}:`)
          .header('digest', `sha-256=${digest}`)
          .header('accept-ranges', 'bytes')
          // Evidence may be opened on shared machines in the field: keep it out of caches.
          .header('cache-control', 'private, no-store');
        if (range) {
          reply
            .code(206)
            .header('content-range', `bytes ${range.start}-${range.end}/${meta.size}`)
            .header('content-length', range.end - range.start + 1);
          return reply.send(handle.createReadStream({ start: range.start, end: range.end }));
        }
        // The bytes stream out as they are (fileAnswers: no JSON, no serialiser); the type
        // provider reads the file's `format: binary` schema as a string.
        return reply.header('content-length', meta.size).send(handle.createReadStream({ start: 0 }));
      },
    );

    app.get(
      '/api/evidence/:sha256/thumbnail',
      {
        config: { access: 'evidence.read' },
        schema: {
          tags: ['evidence'],
          summary: "A photo's thumbnail",
          description:
            'A WebP image at most 320 pixels on its long side, upright (the EXIF orientation applied) and without any metadata (no location). ' +
            'The same access as the file itself. 404 with code `no_thumbnail` when the file is not a JPEG, PNG or WebP photo, or cannot be decoded.',
          params: Sha256Params,
          response: fileAnswers(['image/webp'], 'the thumbnail'),
        },
      },
      async (req, reply) => {
        const { file } = await evidenceThumbnail(ctx, files, thumbnails, authOf(req).actor, req.params.sha256);
        const bytes = await fs.readFile(file);
        return reply
          .type('image/webp')
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cache-control', 'private, no-store')
          .send(bytes);
      },
    );

    app.get(
      '/api/evidence/:sha256/meta',
      {
        config: { access: 'evidence.read' },
        schema: {
          tags: ['evidence'],
          summary: "An evidence file's description and its uploads",
          params: Sha256Params,
          response: answers(EvidenceMeta),
        },
      },
      async (req) => evidenceMeta(ctx, authOf(req).actor, req.params.sha256),
    );
  };
}
