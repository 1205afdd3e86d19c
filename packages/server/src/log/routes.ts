import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { encodeBundle, parseTileRequest, toBase64, leafHash } from '@truce/core/log/index';
import type { AppContext } from '../context.ts';
import { badRequest, notFound } from '../errors/index.ts';
import { answers, authOf } from '../http/index.ts';
import { openingsOf } from './openings.ts';
import { receiptFor } from './receipt.ts';
import * as log from './service.ts';
import {
  bytesAnswers,
  ConsistencyProofQuery,
  EntriesQuery,
  EntryParams,
  InclusionProofQuery,
  LogEntries,
  LogEntryDetail,
  type LoggedEntry,
  Openings,
  Proof,
  ReceiptPending,
  SubjectEntries,
  SubjectParams,
  SubjectQuery,
  textAnswers,
} from './schema.ts';
import * as store from './store.ts';
import { servedCheckpoint } from '../cosigning/index.ts';

const TILE_WIDTH = 256;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The record's read API: C2SP tlog-tiles under /log/ and JSON proofs under /api/log/.
 * Hash tiles, checkpoint, key and proofs carry hashes and signatures only and are
 * public; entry contents need a signed-in participant.
 */
export function logRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/log/checkpoint',
      {
        config: { access: 'public' },
        schema: {
          tags: ['record'],
          summary: 'Newest checkpoint the witness quorum cosigned, with its cosignatures (C2SP tlog-checkpoint, tlog-cosignature)',
          response: textAnswers('the checkpoint, a signed note with the cosignature lines (header x-truce-quorum: not-met before the quorum cosigned one)'),
        },
      },
      async (_req, reply) => {
        // With witnesses registered: the newest checkpoint the quorum cosigned (cosigning/service.ts).
        const checkpoint = await servedCheckpoint(ctx);
        if (!checkpoint.quorumMet) reply.header('x-truce-quorum', 'not-met');
        return reply.header('cache-control', 'no-cache').type('text/plain; charset=utf-8').send(checkpoint.note);
      },
    );

    app.get(
      '/log/key',
      {
        config: { access: 'public' },
        schema: { tags: ['record'], summary: "The log's verifier key in signed-note format", response: textAnswers('the verifier key, name+id+base64') },
      },
      async (_req, reply) => reply.type('text/plain; charset=utf-8').send((await log.verifierKey(ctx)) + '\n'),
    );

    app.get(
      '/log/tile/entries/*',
      {
        config: { access: 'log.entries.read' },
        schema: {
          tags: ['record'],
          summary: 'Entry bundle (C2SP tlog-tiles)',
          response: bytesAnswers('the entries, each behind its 2-byte length'),
        },
      },
      async (req, reply) => {
        const tile = parseTileRequest('entries/' + (req.params as { '*': string })['*']);
        if (!tile || tile.kind !== 'entries') throw notFound('No such entry bundle: the path is not a valid tile path.');
        const width = tile.width ?? TILE_WIDTH;
        const rows = await log.readEntries(ctx, tile.n * TILE_WIDTH, width);
        if (rows.length < width) throw notFound('No such entry bundle yet.');
        return reply
          .header('cache-control', 'private, max-age=31536000, immutable')
          .type('application/octet-stream')
          .send(Buffer.from(encodeBundle(rows.map((r) => r.body))));
      },
    );

    app.get(
      '/log/tile/*',
      {
        config: { access: 'public' },
        schema: {
          tags: ['record'],
          summary: 'Hash tile (C2SP tlog-tiles)',
          response: bytesAnswers('the tile: its hashes, 32 bytes each'),
        },
      },
      async (req, reply) => {
        const tile = parseTileRequest((req.params as { '*': string })['*']);
        if (!tile || tile.kind !== 'hash') throw notFound('No such tile: the path is not a valid tile path.');
        const width = tile.width ?? TILE_WIDTH;
        const hashes = await store.nodeRange(ctx.db, tile.level * 8, tile.n * TILE_WIDTH, width);
        if (hashes.length < width) throw notFound('No such tile yet.');
        return reply.header('cache-control', IMMUTABLE).type('application/octet-stream').send(Buffer.concat(hashes));
      },
    );

    app.get(
      '/api/log/proof/inclusion',
      {
        config: { access: 'public' },
        schema: {
          tags: ['record'],
          summary: 'RFC 9162 inclusion proof of entry `index` in the tree of size `tree_size`',
          querystring: InclusionProofQuery,
          response: answers(Proof),
        },
      },
      async (req) => ({ proof: await log.inclusionProof(ctx, Number(req.query.index), Number(req.query.tree_size)) }),
    );

    app.get(
      '/api/log/proof/consistency',
      {
        config: { access: 'public' },
        schema: {
          tags: ['record'],
          summary: 'RFC 9162 consistency proof between the trees of sizes `first` and `second`',
          querystring: ConsistencyProofQuery,
          response: answers(Proof),
        },
      },
      async (req) => ({ proof: await log.consistencyProof(ctx, Number(req.query.first), Number(req.query.second)) }),
    );

    app.get(
      '/api/log/entries',
      {
        config: { access: 'log.entries.read' },
        schema: {
          tags: ['record'],
          summary: 'Entries of the record, newest first unless `from` is given',
          querystring: EntriesQuery,
          response: answers(LogEntries),
        },
      },
      async (req) => {
        const size = await store.logSize(ctx.db);
        const limit = Math.min(Number(req.query.limit ?? 50), 500);
        if (limit < 1) throw badRequest('limit must be at least 1', [{ path: '/query/limit', message: 'must be from 1 to 500' }]);
        const from = req.query.from !== undefined ? Number(req.query.from) : Math.max(0, size - limit);
        const rows = await log.readEntries(ctx, from, limit);
        const entries = rows.map((r) => ({ index: r.index, entry: parseEntry(r.body), leafHash: toBase64(leafHash(r.body)) }));
        if (req.query.from === undefined) entries.reverse();
        return { size, entries };
      },
    );

    app.get(
      '/api/log/entries/:index',
      {
        config: { access: 'log.entries.read' },
        schema: {
          tags: ['record'],
          summary: 'One entry with its inclusion proof against the latest checkpoint',
          params: EntryParams,
          response: answers(LogEntryDetail),
        },
      },
      async (req) => {
        const index = Number(req.params.index);
        const checkpoint = await log.currentCheckpoint(ctx);
        if (index >= checkpoint.size) throw notFound(`There is no entry ${index}: the record has ${checkpoint.size} entries.`);
        const [row] = await log.readEntries(ctx, index, 1);
        return {
          index,
          entry: parseEntry(row.body),
          entryBase64: toBase64(row.body),
          leafHash: toBase64(leafHash(row.body)),
          checkpoint: checkpoint.note,
          treeSize: checkpoint.size,
          proof: await log.inclusionProof(ctx, index, checkpoint.size),
        };
      },
    );

    app.get(
      '/api/log/subjects/:name/:value',
      {
        config: { access: 'log.entries.read' },
        schema: {
          tags: ['record'],
          summary: 'The entries whose subject names this item (e.g. report/ID, reply/ID, decision/ID), oldest first: where to ask for its receipts',
          params: SubjectParams,
          querystring: SubjectQuery,
          response: answers(SubjectEntries),
        },
      },
      // Every participant may read every entry (log.entries.read); this only finds them faster.
      async (req) => ({ entries: await log.entriesNaming(ctx, req.params.name, req.params.value, req.query.type?.split(',') ?? []) }),
    );

    app.get(
      '/api/log/entries/:index/receipt',
      {
        config: { access: 'log.entries.read' },
        schema: {
          tags: ['record'],
          summary: 'A c2sp.org/tlog-proof@v1 receipt of entry `index` against the latest checkpoint (202 until a checkpoint covers it)',
          params: EntryParams,
          response: {
            ...textAnswers('a c2sp.org/tlog-proof@v1 file, as an attachment'),
            202: { ...ReceiptPending, description: 'not in a checkpoint yet: ask again after retry-after' },
          },
        },
      },
      async (req, reply) => {
        const index = Number(req.params.index);
        const receipt = await receiptFor(ctx, index);
        if (!receipt.ready) {
          return reply
            .code(202)
            .header('retry-after', '1')
            .send({ status: 'pending', detail: `Entry ${index} is not in a checkpoint yet; ask again shortly.` });
        }
        return reply
          .header('cache-control', 'no-cache')
          .header('content-disposition', `attachment; filename="truce-entry-${index}.tlog-proof"`)
          .type('text/plain; charset=utf-8')
          .send(receipt.text);
      },
    );

    app.get(
      '/api/log/entries/:index/openings',
      {
        config: { access: 'log.entries.read' },
        schema: {
          tags: ['record'],
          summary: "The salts of entry `index`'s sealed fields, for a reader who may read the item it records (reports and incident replies for now)",
          params: EntryParams,
          response: answers(Openings),
        },
      },
      async (req) => openingsOf(ctx, authOf(req), Number(req.params.index)),
    );
  };
}

/** Entries are our own canonical JSON; one that no longer parses is shown as damaged, not hidden. */
function parseEntry(body: Uint8Array): LoggedEntry {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return { damaged: true };
  }
}
