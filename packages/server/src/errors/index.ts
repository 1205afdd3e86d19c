/**
 * The errors module: domain errors that say what is wrong and where (a field's JSON
 * pointer), thrown by any module; http/ alone turns them into problem+json answers.
 */
export { Problem, badRequest, conflict, forbidden, notFound, staleVersion, unauthorized } from './problem.ts';
export type { FieldError } from './problem.ts';
export { ProblemSchema } from './schema.ts';
export type { ProblemBody } from './schema.ts';
