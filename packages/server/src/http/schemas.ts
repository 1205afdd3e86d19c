import { ProblemSchema } from '../errors/index.ts';
import { KindGuard, type TLiteral, type TSchema, type TUnion, Type } from '@sinclair/typebox';

/** Shapes shared by many routes. */
export { ProblemSchema };

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid });
/** The version a client last read; a save against an older one is refused (409). */
export const Version = Type.Integer({ minimum: 1, description: 'the version you edited (optimistic concurrency)' });
export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
/** Text a person types: bounded, trimmed by the service. */
export const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });

/** A value that may be absent: `null` in the answer, never a missing field. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** One of a fixed list of strings (a domain's constants, e.g. core's VERIFICATIONS). */
export const OneOf = <const T extends readonly string[]>(values: T, options: { description?: string } = {}) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  ) as unknown as TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }>;
/** A moment, as ISO 8601 with its time zone (a Date is sent as one). */
export const Timestamp = Type.String({ format: 'date-time' });

/** The problems every route may answer with. */
const PROBLEMS = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

/**
 * A route's responses: its success body (200 unless codes are given) and the problems
 * every route may give. Fastify serialises the answer through this schema, so a field
 * it does not name is dropped: the test suites check that none is (response-check.ts).
 * A write's object answer gets `logIndex` added by log-index.ts.
 */
export function answers<T extends TSchema>(ok: T): { 200: T } & typeof PROBLEMS;
export function answers<R extends Record<number, TSchema>>(ok: R): R & typeof PROBLEMS;
export function answers(ok: TSchema | Record<number, TSchema>) {
  const success: Record<number, TSchema> = KindGuard.IsSchema(ok) ? { 200: ok } : ok;
  return { ...success, ...PROBLEMS };
}

/** The responses of a route that answers with a file (a PDF, a CSV, a photo) rather than JSON. */
export function fileAnswers(mediaTypes: string[], description: string) {
  // Typed as what a file route sends (bytes, a stream or text), so its handler needs no cast.
  const schema = Type.Unsafe<string | Uint8Array | NodeJS.ReadableStream>(Type.String({ format: 'binary' }));
  return {
    200: { description, content: Object.fromEntries(mediaTypes.map((m) => [m, { schema }])) },
    ...PROBLEMS,
  };
}

/** No body (204). */
export const NoContent = Type.Unsafe<void>({ type: 'null', description: 'no content' });
