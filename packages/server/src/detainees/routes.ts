import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { answers, authOf, IdParams, ProblemSchema } from '../http/index.ts';
import { Problem } from '../errors/index.ts';
import { acceptUpload } from './accept-upload.ts';
import { changePerson } from './change-person.ts';
import { createUpload } from './create-upload.ts';
import { discardUpload } from './discard-upload.ts';
import { listLists } from './list-lists.ts';
import { listPersons } from './list-persons.ts';
import { mapUpload } from './map-upload.ts';
import { formPerson } from './form-person.ts';
import {
  AddPerson,
  ChangePerson,
  DiscardedUpload,
  ListDetail,
  ListParams,
  ListSummaries,
  MappingBody,
  PersonChangeResult,
  PersonDetail,
  PersonParams,
  PersonsPage,
  PersonsQuery,
  RemovePerson,
  UploadPreview,
  UploadQuery,
} from './schema.ts';
import { showList } from './show-list.ts';
import { showPerson } from './show-person.ts';
import { showUpload } from './show-upload.ts';

/** The media types a list file may be sent as; the content decides what it is. */
const LIST_FILE_TYPES = [
  'text/csv',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
  'application/octet-stream',
];

/** Detainee lists (C4): lists, persons, uploads with preview, changes by form. */
export function detaineeListRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const maxBytes = ctx.config.listMaxBytes;
    // A list file is sent as the body itself (no multipart): the browser sends the File,
    // a script sends the bytes with curl --data-binary. Read whole, up to the limit.
    app.addContentTypeParser(LIST_FILE_TYPES, { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) => done(null, body));

    app.get(
      '/api/detainee-lists',
      {
        config: { access: 'detainees.read' },
        schema: { tags: ['detainees'], summary: 'The detainee lists this user may see, with counts per status', response: answers(ListSummaries) },
      },
      async (req) => listLists(ctx, authOf(req)),
    );

    app.get(
      '/api/detainee-lists/:id',
      {
        config: { access: 'detainees.read' },
        schema: { tags: ['detainees'], summary: 'A list and its versions', params: ListParams, response: answers(ListDetail) },
      },
      async (req) => showList(ctx, authOf(req), req.params.id),
    );

    app.get(
      '/api/detainee-lists/:id/persons',
      {
        config: { access: 'detainees.read' },
        schema: {
          tags: ['detainees'],
          summary: "A page of a list's current persons with their status (the view is recorded)",
          params: ListParams,
          querystring: PersonsQuery,
          response: answers(PersonsPage),
        },
      },
      async (req) => {
        const { q, status, limit, offset, version } = req.query;
        return listPersons(ctx, authOf(req), req.params.id, {
          q,
          status,
          limit: Math.min(Number(limit ?? 50), 500),
          offset: Number(offset ?? 0),
          version: version === undefined ? undefined : Number(version),
        });
      },
    );

    app.get(
      '/api/detainee-lists/:id/persons/:ref',
      {
        config: { access: 'detainees.read' },
        schema: {
          tags: ['detainees'],
          summary: "One person's record, its versions, status history and views (the view is recorded)",
          params: PersonParams,
          response: answers(PersonDetail),
        },
      },
      async (req) => showPerson(ctx, authOf(req), req.params.id, req.params.ref),
    );

    app.post(
      '/api/detainee-lists/:id/persons',
      {
        config: { access: 'detainees.write' },
        schema: {
          tags: ['detainees'],
          summary: 'Add one person (a new version of the list; 409 if `version` is not the current one)',
          params: ListParams,
          body: AddPerson,
          response: answers({ 201: PersonChangeResult }),
        },
      },
      async (req, reply) => {
        const person = formPerson(req.body.person);
        return reply
          .code(201)
          .send(await changePerson(ctx, authOf(req), req.params.id, { version: req.body.version, ref: person.ref, person, note: req.body.note }, 'add'));
      },
    );

    app.put(
      '/api/detainee-lists/:id/persons/:ref',
      {
        config: { access: 'detainees.write' },
        schema: {
          tags: ['detainees'],
          summary: "Change one person's record (a new version of the list)",
          params: PersonParams,
          body: ChangePerson,
          response: answers(PersonChangeResult),
        },
      },
      async (req) => {
        const person = formPerson(req.body.person);
        if (person.ref !== req.params.ref)
          throw new Problem(400, 'Bad request', 'A person keeps its reference; add a new person for a new reference.', {
            code: 'invalid_request',
            errors: [{ path: '/body/person/ref', message: 'must equal the reference in the address' }],
          });
        return changePerson(ctx, authOf(req), req.params.id, { version: req.body.version, ref: person.ref, person, note: req.body.note }, 'change');
      },
    );

    app.post(
      '/api/detainee-lists/:id/persons/:ref/remove',
      {
        config: { access: 'detainees.write' },
        schema: {
          tags: ['detainees'],
          summary: 'Take one person off the list, with the reason (a new version; earlier versions keep them)',
          params: PersonParams,
          body: RemovePerson,
          response: answers(PersonChangeResult),
        },
      },
      async (req) =>
        changePerson(ctx, authOf(req), req.params.id, { version: req.body.version, ref: req.params.ref, person: null, note: req.body.note }, 'remove'),
    );

    app.post(
      '/api/detainee-lists/:id/uploads',
      {
        config: { access: 'detainees.write' },
        schema: {
          tags: ['detainees'],
          summary:
            'Upload a list file (CSV or XLSX) for checking: answers its errors or its differences from the current version; nothing changes until it is accepted',
          description: `Send the file itself as the body (Content-Type text/csv, the XLSX type, or application/octet-stream), at most ${maxBytes} bytes; \`fileName\` names it.`,
          params: ListParams,
          querystring: UploadQuery,
          response: { ...answers({ 201: UploadPreview }), 413: ProblemSchema, 415: ProblemSchema },
        },
      },
      async (req, reply) => {
        const body = req.body as unknown;
        if (!Buffer.isBuffer(body) || body.length === 0) {
          throw new Problem(415, 'Unsupported media type', 'Send the list file itself as the body, as text/csv or as an XLSX file.', {
            code: 'unsupported_media_type',
            errors: [{ path: '/body', message: 'must be a CSV or XLSX file' }],
          });
        }
        const preview = await createUpload(
          ctx,
          authOf(req),
          req.params.id,
          { bytes: body, name: req.query.fileName ?? 'list' },
          { maxRows: ctx.config.listMaxRows },
        );
        return reply.code(201).send(preview);
      },
    );

    app.get(
      '/api/detainee-uploads/:id',
      {
        config: { access: 'detainees.write' },
        schema: { tags: ['detainees'], summary: "An upload's preview: mapping, errors, differences", params: IdParams, response: answers(UploadPreview) },
      },
      async (req) => showUpload(ctx, authOf(req), req.params.id),
    );

    app.put(
      '/api/detainee-uploads/:id/mapping',
      {
        config: { access: 'detainees.write' },
        schema: {
          tags: ['detainees'],
          summary: "Map the file's headers to the canonical columns (null ignores a column); answers the new preview",
          params: IdParams,
          body: MappingBody,
          response: answers(UploadPreview),
        },
      },
      async (req) => mapUpload(ctx, authOf(req), req.params.id, req.body.mapping),
    );

    app.post(
      '/api/detainee-uploads/:id/accept',
      {
        config: { access: 'detainees.write' },
        schema: {
          tags: ['detainees'],
          summary: 'Accept a checked upload: the new version of the list, all or nothing',
          params: IdParams,
          response: answers({ 201: PersonChangeResult }),
        },
      },
      async (req, reply) => reply.code(201).send(await acceptUpload(ctx, authOf(req), req.params.id)),
    );

    app.post(
      '/api/detainee-uploads/:id/discard',
      {
        config: { access: 'detainees.write' },
        schema: { tags: ['detainees'], summary: 'Discard an upload', params: IdParams, response: answers(DiscardedUpload) },
      },
      async (req) => discardUpload(ctx, authOf(req), req.params.id),
    );
  };
}
