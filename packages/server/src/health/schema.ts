import { type Static, Type } from '@sinclair/typebox';
import { WitnessHealth } from '../cosigning/index.ts';

/** Answers of the health route: the server and its database, and the witnesses when there are any. */

export const Health = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Literal('ok'),
  engine: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  witnesses: Type.Optional(WitnessHealth),
});
export type Health = Static<typeof Health>;

/** 503: the database did not answer. */
export const HealthDown = Type.Object({
  status: Type.Literal('unavailable'),
  database: Type.Literal('unreachable'),
  detail: Type.String(),
});
export type HealthDown = Static<typeof HealthDown>;
