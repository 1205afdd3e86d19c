import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { answers, authOf, IdParams } from '../http/index.ts';
import { createOrganisation } from './create-organisation.ts';
import { createUser } from './create-user.ts';
import { listOrganisations } from './list-organisations.ts';
import { listUsers } from './list-users.ts';
import { resetPassword } from './reset-password.ts';
import {
  CreatedUser,
  CreateOrganisationBody,
  CreateUserBody,
  Organisation,
  OrganisationList,
  TemporaryPassword,
  UpdateOrganisationBody,
  UpdateUserBody,
  User,
  UserList,
  UsersQuery,
} from './schema.ts';
import { updateOrganisation } from './update-organisation.ts';
import { updateUser } from './update-user.ts';

/** Organisations and users. */
export function adminRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/organisations',
      {
        config: { access: 'organisation.list' },
        schema: { tags: ['organisations'], summary: 'All organisations of the mechanism', response: answers(OrganisationList) },
      },
      async () => listOrganisations(ctx),
    );

    app.post(
      '/api/organisations',
      {
        config: { access: 'organisation.create' },
        schema: { tags: ['organisations'], summary: 'Admit an organisation', body: CreateOrganisationBody, response: answers({ 201: Organisation }) },
      },
      async (req, reply) => reply.code(201).send(await createOrganisation(ctx, authOf(req), req.body)),
    );

    app.patch(
      '/api/organisations/:id',
      {
        config: { access: 'organisation.update' },
        schema: { tags: ['organisations'], summary: 'Rename an organisation', params: IdParams, body: UpdateOrganisationBody, response: answers(Organisation) },
      },
      async (req) => updateOrganisation(ctx, authOf(req), req.params.id, req.body),
    );

    app.get(
      '/api/users',
      {
        config: { access: 'user.list' },
        schema: {
          tags: ['users'],
          summary: 'Users (the secretariat sees all; an admin those of their organisation)',
          querystring: UsersQuery,
          response: answers(UserList),
        },
      },
      async (req) => listUsers(ctx, authOf(req), req.query.organisationId),
    );

    app.post(
      '/api/users',
      {
        config: { access: 'user.create' },
        schema: { tags: ['users'], summary: 'Add a user; returns a one-time password', body: CreateUserBody, response: answers({ 201: CreatedUser }) },
      },
      async (req, reply) => reply.code(201).send(await createUser(ctx, authOf(req), req.body)),
    );

    app.post(
      '/api/users/:id/password-reset',
      {
        config: { access: 'user.update' },
        schema: {
          tags: ['users'],
          summary: "Issue a new one-time password (ends the user's sessions and second factor)",
          params: IdParams,
          response: answers(TemporaryPassword),
        },
      },
      async (req) => resetPassword(ctx, authOf(req), req.params.id),
    );

    app.patch(
      '/api/users/:id',
      {
        config: { access: 'user.update' },
        schema: {
          tags: ['users'],
          summary: "Change a user's name, role or whether the account is active",
          params: IdParams,
          body: UpdateUserBody,
          response: answers(User),
        },
      },
      async (req) => updateUser(ctx, authOf(req), req.params.id, req.body),
    );
  };
}
