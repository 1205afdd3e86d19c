import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { answers, authOf, fileAnswers } from '../http/index.ts';
import { getEntry, listEntries } from './list-entries.ts';
import { openingsOf } from './openings.ts';
import { entryBundle, hashTile } from './read-tiles.ts';
import { receiptFor } from './receipt.ts';
import { verifierKey } from './checkpoints.ts';
import { entriesNaming } from './entries.ts';
import { consistencyProof, inclusionProof } from './proofs.ts';
import {
  ConsistencyProofQuery,
  EntriesQuery,
  EntryParams,
  InclusionProofQuery,
  LogEntries,
  LogEntryDetail,
  Openings,
  Proof,
  ReceiptPending,
  SubjectEntries,
  SubjectParams,
  SubjectQuery,
  textAnswers,
} from './schema.ts';
import { servedCheckpoint } from '../cosigning/index.ts';

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
      async (_req, reply) => reply.type('text/plain; charset=utf-8').send((await verifierKey(ctx)) + '\n'),
    );

    app.get(
      '/log/tile/entries/*',
      {
        config: { access: 'log.entries.read' },
        schema: {
          tags: ['record'],
          summary: 'Entry bundle (C2SP tlog-tiles)',
          response: fileAnswers(['application/octet-stream'], 'the entries, each behind its 2-byte length'),
        },
      },
      async (req, reply) =>
        reply
          .header('cache-control', 'private, max-age=31536000, immutable')
          .type('application/octet-stream')
          .send(Buffer.from(await entryBundle(ctx, (req.params as { '*': string })['*']))),
    );

    app.get(
      '/log/tile/*',
      {
        config: { access: 'public' },
        schema: {
          tags: ['record'],
          summary: 'Hash tile (C2SP tlog-tiles)',
          response: fileAnswers(['application/octet-stream'], 'the tile: its hashes, 32 bytes each'),
        },
      },
      async (req, reply) =>
        reply
          .header('cache-control', IMMUTABLE)
          .type('application/octet-stream')
          .send(await hashTile(ctx, (req.params as { '*': string })['*'])),
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
      async (req) => ({ proof: await inclusionProof(ctx, Number(req.query.index), Number(req.query.tree_size)) }),
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
      async (req) => ({ proof: await consistencyProof(ctx, Number(req.query.first), Number(req.query.second)) }),
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
      async (req) => listEntries(ctx, req.query),
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
      async (req) => getEntry(ctx, Number(req.params.index)),
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
      async (req) => ({ entries: await entriesNaming(ctx, req.params.name, req.params.value, req.query.type?.split(',') ?? []) }),
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
