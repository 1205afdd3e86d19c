import { type Static, Type } from '@sinclair/typebox';
import { DOCUMENT_LANGUAGES } from '@truce/core/documents/model';
import { PUBLICATION_KINDS } from '@truce/core/publications/figures';
import { IsoDate, Nullable, OneOf, Timestamp, Uuid } from '../http/index.ts';

/** Requests and answers of the publication routes (C8). */

const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD (UTC day, included)' });
const Kind = OneOf(PUBLICATION_KINDS, { description: 'un: violation report to the United Nations; issg: progress briefing for the support group' });
const Language = OneOf(DOCUMENT_LANGUAGES);

export const IssueBody = Type.Object({ kind: Kind, from: Day, to: Day, language: Language }, { additionalProperties: false });
export type IssueInput = Static<typeof IssueBody>;

export const FORMATS = ['html', 'pdf', 'json', 'csv'] as const;
export const FormatQuery = Type.Object(
  {
    format: Type.Optional(OneOf(FORMATS, { description: 'the web page, the issued PDF, or the data annex (JSON, CSV); none: the metadata' })),
  },
  { additionalProperties: false },
);

/** An issued version's metadata: what it covers, the log checkpoint its figures were read at, its PDF, and where to get each format. */
export const Publication = Type.Object({
  id: Uuid,
  kind: Kind,
  period: Type.Object({ from: IsoDate, to: IsoDate }),
  language: Language,
  version: Type.Integer({ minimum: 1 }),
  checkpoint: Type.Object({ size: Type.Integer({ minimum: 0 }), rootHash: Type.String({ description: 'base64' }) }),
  issuedAt: Timestamp,
  issuedBy: Type.Object({ userId: Uuid, organisationId: Uuid, name: Nullable(Type.String()) }),
  pdf: Type.Object({ sha256: Type.String(), pages: Type.Integer({ minimum: 1 }), bytes: Type.Integer({ minimum: 0 }) }),
  logIndex: Nullable(Type.Integer({ minimum: 0, description: "the issue's place in the log (null only while it is being sequenced)" })),
  links: Type.Object({ html: Type.String(), pdf: Type.String(), json: Type.String(), csv: Type.String() }),
});
export type Publication = Static<typeof Publication>;

export const PublicationList = Type.Object({ publications: Type.Array(Publication) });
export type PublicationList = Static<typeof PublicationList>;
