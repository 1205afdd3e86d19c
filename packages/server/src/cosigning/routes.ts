import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { actorRef, answers } from '../http/index.ts';
import { PolicyAnswers, Witnesses, WitnessesUpdate } from './schema.ts';
import { getWitnesses } from './get-witnesses.ts';
import { policyText } from './policy-text.ts';
import { setWitnesses } from './set-witnesses.ts';

/** The witnesses that cosign the record's checkpoints (C9), and the tlog-policy naming them. */
export function cosigningRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/mechanism/witnesses',
      {
        config: { access: 'mechanism.read' },
        schema: { tags: ['mechanism'], summary: "The guarantors' witnesses and the quorum of cosignatures a checkpoint needs", response: answers(Witnesses) },
      },
      async () => getWitnesses(ctx),
    );

    app.put(
      '/api/mechanism/witnesses',
      {
        config: { access: 'mechanism.witnesses.update' },
        schema: {
          tags: ['mechanism'],
          summary: 'Register the witnesses and the quorum (replaces the list)',
          description:
            'Each witness: its name, its URL (the server POSTs to <url>/add-checkpoint) and its cosignature/v1 verifier key. `quorum` defaults to every witness, 2 of 3 when there are 3. Logged as `log.witnesses_changed`.',
          body: WitnessesUpdate,
          response: answers(Witnesses),
        },
      },
      async (req) => setWitnesses(ctx, actorRef(req), req.body),
    );

    app.get(
      '/log/policy',
      {
        config: { access: 'public' },
        schema: { tags: ['record'], summary: 'The c2sp.org/tlog-policy of this log: its key, the witnesses and the quorum', response: PolicyAnswers },
      },
      async (req, reply) => {
        const base = ctx.config.publicUrl?.replace(/\/$/, '') ?? `${req.protocol}://${req.host}`;
        return reply
          .header('cache-control', 'no-cache')
          .type('text/plain; charset=utf-8')
          .send(await policyText(ctx, `${base}/log`));
      },
    );
  };
}
