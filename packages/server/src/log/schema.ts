import { type Static, Type } from '@sinclair/typebox';
import { fileAnswers, IsoDate, Nullable, Uuid } from '../http/index.ts';

/** Requests and answers of the record's read routes (C9): C2SP tlog-tiles under /log/, JSON proofs under /api/log/. */

/** A non-negative whole number given in the query string or the path (type coercion is off by design). */
export const Count = Type.String({ pattern: '^(0|[1-9][0-9]{0,14})$', description: 'a whole number' });

/**
 * The responses of a route that answers with text (a signed note, a policy, a receipt):
 * the text's media type and what it is, and the problems every route may give.
 */
export function textAnswers(description: string) {
  const answers = fileAnswers(['text/plain'], description);
  return { ...answers, 200: { description, content: { 'text/plain': { schema: Type.String({ description }) } } } };
}

export const InclusionProofQuery = Type.Object({ index: Count, tree_size: Count }, { additionalProperties: false });
export const ConsistencyProofQuery = Type.Object({ first: Count, second: Count }, { additionalProperties: false });

/** An RFC 9162 proof: the hashes, base64, from the leaf (or the smaller tree) up. */
export const Proof = Type.Object({ proof: Type.Array(Type.String({ contentEncoding: 'base64' })) });
export type Proof = Static<typeof Proof>;

export const EntriesQuery = Type.Object(
  {
    from: Type.Optional({ ...Count, description: 'the oldest entry wanted: entries from this index on, oldest first (no filters then)' }),
    limit: Type.Optional({ ...Count, description: 'entries on a page, 1 to 500 (50 when not given)' }),
    cursor: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$', description: 'page: the `next` of the previous page, with the same filters' }),
    ),
    type: Type.Optional(
      Type.String({
        pattern: '^[a-z_.]{1,60}(,[a-z_.]{1,60}){0,79}$',
        description: 'only entries of these types, comma-separated (e.g. report.filed,incident.created); an unknown type is refused',
      }),
    ),
    organisation: Type.Optional({ ...Uuid, description: 'only entries written by a user of this organisation' }),
    since: Type.Optional({ ...IsoDate, description: 'only entries written on or after this day (UTC)' }),
    until: Type.Optional({ ...IsoDate, description: 'only entries written on or before this day (UTC)' }),
  },
  { additionalProperties: false },
);
export type EntriesQuery = Static<typeof EntriesQuery>;
export const EntryParams = Type.Object({ index: Count });

/** An entry as its canonical JSON reads (log/record.ts writes it). */
export const LogEntryBody = Type.Object({
  type: Type.String({ description: 'what happened, e.g. report.submitted' }),
  time: Type.String({ format: 'date-time' }),
  actor: Nullable(Type.Object({ organisation: Type.String(), user: Type.String() }, { description: 'null for the system' })),
  subject: Type.Record(Type.String(), Type.String(), { description: 'what it concerns: kind → id' }),
  // Each entry type has its own public fields: free-form here.
  data: Type.Record(Type.String(), Type.Unknown(), { description: "the entry type's public fields" }),
  commitments: Type.Record(Type.String(), Type.String(), { description: 'sealed field → salted SHA-256 commitment' }),
});
export type LogEntryBody = Static<typeof LogEntryBody>;

/** An entry whose bytes no longer parse as JSON: shown as damaged, not hidden. */
export const DamagedEntry = Type.Object({ damaged: Type.Literal(true) }, { description: 'the stored bytes are not JSON any more' });
export type DamagedEntry = Static<typeof DamagedEntry>;

/**
 * An entry changed behind the application's back so that it still parses but lacks the
 * usual fields: sent as it parses (the audit and `truce verify` name it), whatever it holds.
 */
const AlteredEntry = Type.Record(Type.String(), Type.Unknown(), { description: 'an entry that parses but not to the usual fields: as it reads' });

export const LoggedEntry = Type.Union([LogEntryBody, DamagedEntry, AlteredEntry]);
export type LoggedEntry = Static<typeof LoggedEntry>;

export const LogEntrySummary = Type.Object({
  index: Type.Integer({ minimum: 0 }),
  entry: LoggedEntry,
  leafHash: Type.String({ contentEncoding: 'base64', description: 'RFC 9162 leaf hash of the entry bytes' }),
});
export type LogEntrySummary = Static<typeof LogEntrySummary>;

export const LogEntries = Type.Object({
  size: Type.Integer({ minimum: 0, description: 'entries in the tree' }),
  entries: Type.Array(LogEntrySummary),
  next: Nullable(
    Type.String({
      description:
        'the `cursor` of the next (older) page; null once the oldest entry was reached, and with `from`. A filtered page looks at a bounded ' +
        'stretch of the record, so it may hold fewer entries than `limit` (even none) and still have a `next`',
    }),
  ),
  scannedTo: Nullable(Type.Integer({ minimum: 0, description: 'the oldest index this page looked at: every entry from there up that matches is listed' })),
});
export type LogEntries = Static<typeof LogEntries>;

export const LogEntryDetail = Type.Object({
  index: Type.Integer({ minimum: 0 }),
  entry: LoggedEntry,
  entryBase64: Type.String({ contentEncoding: 'base64', description: "the entry's bytes" }),
  leafHash: Type.String({ contentEncoding: 'base64' }),
  checkpoint: Type.String({ description: 'the latest checkpoint, a signed note' }),
  treeSize: Type.Integer({ minimum: 0 }),
  proof: Type.Array(Type.String({ contentEncoding: 'base64' }), { description: 'inclusion proof against the checkpoint' }),
});
export type LogEntryDetail = Static<typeof LogEntryDetail>;

export const SubjectParams = Type.Object({
  name: Type.String({
    pattern: '^[A-Za-z_]{1,40}$',
    description: 'a subject field of entries: report, incident, reply, assessment, list, decision, exchange, publication, evidence, …',
  }),
  value: Type.String({ minLength: 1, maxLength: 200 }),
});

export const SubjectQuery = Type.Object(
  {
    type: Type.Optional(
      Type.String({
        pattern: '^[a-z_.]{1,60}(,[a-z_.]{1,60}){0,19}$',
        description: 'only entries of these types, comma-separated (e.g. detainees.list.version)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const SubjectEntry = Type.Object({
  index: Type.Integer({ minimum: 0 }),
  type: Type.String({ description: 'empty when the entry does not parse' }),
  time: Type.String({ description: 'ISO 8601; empty when the entry does not parse' }),
  subject: Type.Record(Type.String(), Type.String()),
});
export type SubjectEntry = Static<typeof SubjectEntry>;

export const SubjectEntries = Type.Object({ entries: Type.Array(SubjectEntry) });
export type SubjectEntries = Static<typeof SubjectEntries>;

/** A receipt asked for before a checkpoint covers the entry (202, with retry-after). */
export const ReceiptPending = Type.Object({ status: Type.Literal('pending'), detail: Type.String() });
export type ReceiptPending = Static<typeof ReceiptPending>;

export const Openings = Type.Object({
  index: Type.Integer({ minimum: 0 }),
  type: Type.String(),
  subject: Type.Record(Type.String(), Type.String()),
  salts: Type.Record(Type.String(), Type.String({ contentEncoding: 'base64' }), { description: 'field → base64 salt' }),
  withheld: Type.Record(Type.String(), Type.String(), { description: 'fields committed to whose salt this reader may not have, with why' }),
});
export type Openings = Static<typeof Openings>;
