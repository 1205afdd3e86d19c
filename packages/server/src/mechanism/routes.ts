import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { actorRef, answers, IdParams } from '../http/index.ts';
import { COLLECTIONS, createSchema, updateSchema } from './collections.ts';
import { changeDisclosure } from './change-disclosure.ts';
import { createItem } from './create-item.ts';
import { showMechanism } from './get-mechanism.ts';
import { listItems } from './list-items.ts';
import { DisclosureUpdate, Mechanism, MechanismUpdate, MechanismWithEntry } from './schema.ts';
import { updateItem } from './update-item.ts';
import { updateMechanism } from './update-mechanism.ts';

/** Mechanism set-up (C1): settings, agreements, excluded groups, zones, taxonomy. */
export function mechanismRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/mechanism',
      { config: { access: 'mechanism.read' }, schema: { tags: ['mechanism'], summary: 'The mechanism and its settings', response: answers(Mechanism) } },
      async () => showMechanism(ctx),
    );

    app.patch(
      '/api/mechanism',
      {
        config: { access: 'mechanism.update' },
        schema: {
          tags: ['mechanism'],
          summary: 'Change the mechanism settings',
          body: MechanismUpdate,
          response: answers(Mechanism),
        },
      },
      async (req) => updateMechanism(ctx, actorRef(req), req.body),
    );

    app.put(
      '/api/mechanism/disclosure',
      {
        config: { access: 'mechanism.update' },
        schema: {
          tags: ['mechanism'],
          summary: 'What each reader reads of an incident once its finding is adopted',
          description:
            "Every reader allowed to open an adopted incident reads the finding, its date and place; the guarantors' reasoning and the accused party's reply go to the secretariat, the guarantors and the audiences listed here. Logged as `mechanism.disclosure_changed`.",
          body: DisclosureUpdate,
          response: answers(MechanismWithEntry),
        },
      },
      async (req) => changeDisclosure(ctx, actorRef(req), req.body),
    );

    for (const spec of COLLECTIONS) {
      const path = `/api/mechanism/${spec.path}`;
      app.get(
        path,
        { config: { access: 'mechanism.read' }, schema: { tags: ['mechanism'], summary: `List ${spec.noun}s`, response: answers(Type.Array(spec.shown)) } },
        async () => listItems(ctx, spec),
      );
      app.post(
        path,
        {
          config: { access: 'mechanism.update' },
          bodyLimit: spec.table === 'zones' ? 8 * 1024 * 1024 : undefined,
          schema: { tags: ['mechanism'], summary: `Add a ${spec.noun}`, body: createSchema(spec), response: answers({ 201: spec.shown }) },
        },
        async (req, reply) => reply.code(201).send(await createItem(ctx, spec, actorRef(req), req.body as Record<string, unknown>)),
      );
      app.patch(
        `${path}/:id`,
        {
          config: { access: 'mechanism.update' },
          bodyLimit: spec.table === 'zones' ? 8 * 1024 * 1024 : undefined,
          schema: {
            tags: ['mechanism'],
            summary: `Change a ${spec.noun}`,
            params: IdParams,
            body: updateSchema(spec),
            response: answers(spec.shown),
          },
        },
        async (req) => updateItem(ctx, spec, actorRef(req), req.params.id, req.body as Record<string, unknown> & { version: number }),
      );
    }
  };
}
