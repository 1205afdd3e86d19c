import { damagedFile, recordDamage } from '../audit/index.ts';
import path from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EVIDENCE_MEDIA_TYPES, extensionFor } from '@truce/core/evidence/media-types';
import type { AppContext } from '../context.ts';
import { actorRef, authOf } from '../http/index.ts';
import { answers, fileAnswers, ProblemSchema } from '../http/index.ts';
import { EvidenceFiles } from './files.ts';
import { multipartLimits, readUploadForm } from './form.ts';
import { EvidenceMeta, Sha256Params, UploadedEvidence } from './schema.ts';
import { evidenceMeta } from './describe-evidence.ts';
import { openEvidence } from './open-evidence.ts';
import { uploadEvidence } from './upload-evidence.ts';

/**
 * Evidence files (C2): `POST /api/evidence` stores a file content-addressed and answers
 * its SHA-256, type and size; reports then refer to it by hash. Downloads go only to the
 * organisations that uploaded the file, the secretariat and the guarantors.
 */
export function evidenceRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const files = new EvidenceFiles(path.join(ctx.config.dataDir, 'evidence'));
    await files.init();
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
          summary: 'Download an evidence file',
          params: Sha256Params,
          response: fileAnswers([...EVIDENCE_MEDIA_TYPES], 'the bytes, with their media type and Repr-Digest'),
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
        const digest = Buffer.from(meta.sha256, 'hex').toString('base64');
        const name = meta.originalName ?? `${meta.sha256}.${extensionFor(meta.mediaType)}`;
        return (
          reply
            .type(meta.mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : meta.mediaType)
            .header('content-length', meta.size)
            .header('content-disposition', contentDisposition(name))
            .header('x-content-type-options', 'nosniff')
            // Opened by mistake in a browser tab, the file runs nothing and loads nothing.
            .header('content-security-policy', "default-src 'none'; sandbox")
            // RFC 9530, and the older RFC 3230 header some tools still check.
            .header('repr-digest', `sha-256=:${digest}:`)
            .header('digest', `sha-256=${digest}`)
            // Evidence may be opened on shared machines in the field: keep it out of caches.
            .header('cache-control', 'private, no-store')
            // The bytes stream out as they are (fileAnswers: no JSON, no serialiser); the type
            // provider reads the file's `format: binary` schema as a string.
            .send(handle.createReadStream({ start: 0 }))
        );
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

/**
 * `attachment` with the name twice (RFC 6266): an ASCII fallback, and the exact name
 * percent-encoded as UTF-8 for every current browser. Arabic names survive.
 */
function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
