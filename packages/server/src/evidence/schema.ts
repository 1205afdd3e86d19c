import { Type } from '@sinclair/typebox';

/** Shapes of the evidence routes (STYLE #3). */

export const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the file, lower-case hex' });
export const Sha256Params = Type.Object({ sha256: Sha256 });

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const UploadedEvidence = Type.Object({
  sha256: Sha256,
  size: Type.Integer({ description: 'bytes' }),
  mediaType: Type.String({ description: 'detected from the content' }),
  captureTime: Nullable(Type.String({ format: 'date-time' })),
  originalName: Nullable(Type.String()),
  logIndex: Type.Optional(Type.Integer({ minimum: 0, description: "this upload's entry in the record (C9)" })),
});

export const EvidenceMeta = Type.Object({
  sha256: Sha256,
  size: Type.Integer(),
  mediaType: Type.String(),
  captureTime: Nullable(Type.String({ format: 'date-time' })),
  originalName: Nullable(Type.String()),
  uploadedAt: Type.String({ format: 'date-time' }),
  uploads: Type.Array(
    Type.Object({
      organisationId: Type.String({ format: 'uuid' }),
      originalName: Nullable(Type.String()),
      captureTime: Nullable(Type.String({ format: 'date-time' })),
      uploadedAt: Type.String({ format: 'date-time' }),
      logIndex: Type.Union([Type.Integer(), Type.Null()], { description: "the upload's entry in the record (null only while it is being sequenced)" }),
    }),
    { description: "the uploads the caller may see: all for the secretariat and guarantors, its own organisation's otherwise" },
  ),
});
