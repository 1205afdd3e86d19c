import { type Static, Type } from '@sinclair/typebox';
import { Nullable, Timestamp } from '../http/index.ts';

/** Shapes of the evidence routes (STYLE #3). */

export const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the file, lower-case hex' });
export const Sha256Params = Type.Object({ sha256: Sha256 });

export const UploadedEvidence = Type.Object({
  sha256: Sha256,
  size: Type.Integer({ description: 'bytes' }),
  mediaType: Type.String({ description: 'detected from the content' }),
  captureTime: Nullable(Timestamp),
  originalName: Nullable(Type.String()),
});
export type UploadedEvidence = Static<typeof UploadedEvidence>;

/** One upload of a file, as shown to someone allowed to see it. */
export const EvidenceUpload = Type.Object({
  organisationId: Type.String({ format: 'uuid' }),
  originalName: Nullable(Type.String()),
  captureTime: Nullable(Timestamp),
  uploadedAt: Timestamp,
  logIndex: Nullable(Type.Integer({ minimum: 0, description: "the upload's entry in the record (null only while it is being sequenced)" })),
});
export type EvidenceUpload = Static<typeof EvidenceUpload>;

export const EvidenceMeta = Type.Object({
  sha256: Sha256,
  size: Type.Integer(),
  mediaType: Type.String(),
  captureTime: Nullable(Timestamp),
  originalName: Nullable(Type.String()),
  uploadedAt: Timestamp,
  uploads: Type.Array(EvidenceUpload, {
    description: "the uploads the caller may see: all for the secretariat and guarantors, its own organisation's otherwise",
  }),
});
export type EvidenceMeta = Static<typeof EvidenceMeta>;

export const EvidenceFileQuery = Type.Object(
  {
    inline: Type.Optional(
      Type.Literal('1', {
        description:
          'show the file in the browser rather than save it: honoured for photos (JPEG, PNG, WebP), PDF, MP4 and WebM video and MP3, Ogg, WAV and M4A sound; ' +
          'every other type is still sent as a download',
      }),
    ),
  },
  { additionalProperties: false },
);
