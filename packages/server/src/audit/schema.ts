import { Type } from '@sinclair/typebox';

export const MismatchSchema = Type.Object({
  kind: Type.String({ description: 'what kind of record or file: report, report_version, reply, assessment, finding, evidence, publication, …' }),
  id: Type.String({ description: "the record's id (or a file's SHA-256)" }),
  field: Type.String({ description: 'what differs; "*" when no entry records the item, or the item is gone' }),
  logIndex: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'the entry that recorded it, null when there is none' }),
  message: Type.String(),
});

export const AuditResultSchema = Type.Object({
  startedAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.String({ format: 'date-time' }),
  checked: Type.Record(Type.String(), Type.Integer(), { description: 'items compared, by kind' }),
  total: Type.Integer({ description: 'mismatches found (at most 1000 are listed)' }),
  mismatches: Type.Array(MismatchSchema),
  damaged: Type.Array(
    Type.Object({
      kind: Type.String(),
      sha256: Type.String(),
      detail: Type.String(),
      firstSeen: Type.String({ format: 'date-time' }),
      lastSeen: Type.String({ format: 'date-time' }),
    }),
    { description: 'stored files found damaged, by a download or an audit' },
  ),
});
