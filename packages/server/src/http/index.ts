/** The http module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs). */
export { actorRef, authOf } from './auth-hook.ts';
export { answers, fileAnswers, IdParams, IsoDate, NoContent, Nullable, OneOf, ProblemSchema, Text, Timestamp, Uuid, Version } from './schemas.ts';
export { textFault, textProblem } from './text-guard.ts';
