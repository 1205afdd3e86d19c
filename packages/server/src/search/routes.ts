import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { answers, authOf } from '../http/index.ts';
import { SearchQuery, SearchResults } from './schema.ts';
import { search } from './search.ts';

/** One search over reports, incidents, meetings and decisions (issue 16). */
export function searchRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/search',
      {
        // Every organisation reads some reports; what each reader finds is filtered item by item.
        config: { access: 'report.read' },
        schema: {
          tags: ['search'],
          summary: 'Find reports, incidents, meetings and decisions by their words; only what this reader may see',
          description:
            'Words in Arabic or Latin script; Arabic spelling variants (hamza forms, ة/ه, ى/ي, diacritics, tatweel), accents and small typos are tolerated; every word must match. Ranked, best first, with the matching words as ranges of each snippet. Items the reader may not see are absent (never 403).',
          querystring: SearchQuery,
          response: answers(SearchResults),
        },
      },
      async (req) => search(ctx.db, authOf(req), req.query),
    );
  };
}
