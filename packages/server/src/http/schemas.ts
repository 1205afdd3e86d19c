import { Type } from '@sinclair/typebox';

/** Shapes shared by many routes. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid });
/** The version a client last read; a save against an older one is refused (409). */
export const Version = Type.Integer({ minimum: 1, description: 'the version you edited (optimistic concurrency)' });
export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
/** Text a person types: bounded, trimmed by the service. */
export const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });

/**
 * Responses every route may give: success bodies are described by the route's summary
 * (and typed by the service); errors are problem details.
 */
export const Responses = {
  '2xx': Type.Unknown(),
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};
