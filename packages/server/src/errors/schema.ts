import { type Static, Type } from '@sinclair/typebox';

/** How every refusal and failure is answered: RFC 9457 problem details (problem.ts makes them). */

export const FieldErrorSchema = Type.Object({
  path: Type.String({ description: 'JSON pointer into the request, e.g. /body/email' }),
  message: Type.String(),
});
export type FieldError = Static<typeof FieldErrorSchema>;

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(FieldErrorSchema)),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);
export type ProblemBody = Static<typeof ProblemSchema>;
