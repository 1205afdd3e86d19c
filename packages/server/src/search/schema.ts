import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, Nullable, OneOf, Timestamp, Uuid } from '../http/index.ts';

/** Search over HTTP (STYLE #3): GET /api/search. */
export const SEARCH_KINDS = ['report', 'incident', 'meeting', 'decision'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** The longest search accepted: a few sentences, not a document. */
export const QUERY_MAX_CHARS = 200;

export const SearchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: QUERY_MAX_CHARS,
      description: 'words to find, in Arabic or Latin script (spelling variants and small typos tolerated)',
    }),
    kinds: Type.Optional(
      Type.String({
        pattern: `^(${SEARCH_KINDS.join('|')})(,(${SEARCH_KINDS.join('|')}))*$`,
        maxLength: 100,
        description: `comma-separated kinds to search (${SEARCH_KINDS.join(', ')}); all by default`,
      }),
    ),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    governorate: Type.Optional(Type.String({ pattern: '^[A-Z]{2}[0-9]{2}$', description: "the governorate's p-code (reports and incidents only)" })),
    type: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'a violation type code (reports and incidents only)' })),
    allegedParty: Type.Optional(Type.String({ format: 'uuid', description: 'the party accused (reports and incidents only)' })),
    limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]?$', description: 'at most this many items (default 20, at most 50)' })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$', description: 'page: the `next` of the previous page' })),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

export const Snippet = Type.Object({
  text: Type.String(),
  highlights: Type.Array(Type.Tuple([Type.Integer({ minimum: 0 }), Type.Integer({ minimum: 0 })]), {
    description: 'the matching words: [start, end) offsets in `text`, in UTF-16 code units',
  }),
});

export const SearchHit = Type.Object({
  kind: OneOf(SEARCH_KINDS),
  id: Uuid,
  title: Type.String(),
  snippet: Snippet,
  date: Timestamp,
  typeCodes: Type.Optional(Type.Array(Type.String())),
  place: Type.Optional(Type.String({ description: 'the place as this reader may see it (sealed places are rounded to the district)' })),
  meetingId: Type.Optional(Uuid),
  withdrawn: Type.Optional(Type.Boolean()),
});
export type SearchHit = Static<typeof SearchHit>;

export const SearchResults = Type.Object({
  total: Type.Integer({ minimum: 0, description: 'how many items this reader may see match' }),
  items: Type.Array(SearchHit),
  next: Nullable(Type.String({ description: 'the `cursor` of the next page; null on the last page' })),
});
export type SearchResults = Static<typeof SearchResults>;
