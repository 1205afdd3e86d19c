import { type Static, Type } from '@sinclair/typebox';
import { fileAnswers, Nullable, Text, Timestamp } from '../http/index.ts';

/** Requests and answers of the witness routes (C9): who cosigns the record's checkpoints, and how many must. */

export const WitnessInput = Type.Object(
  {
    name: Text(200, 1),
    url: Text(500, 1),
    vkey: Text(300, 1),
  },
  { additionalProperties: false },
);

export const WitnessesUpdate = Type.Object(
  { witnesses: Type.Array(WitnessInput, { maxItems: 32 }), quorum: Type.Optional(Type.Integer({ minimum: 0, maximum: 32 })) },
  { additionalProperties: false },
);
export type WitnessesUpdate = Static<typeof WitnessesUpdate>;

export const Witness = Type.Object({
  name: Type.String(),
  url: Type.String({ description: 'the server POSTs to <url>/add-checkpoint' }),
  vkey: Type.String({ description: 'its cosignature/v1 verifier key' }),
  lastCosignedSize: Nullable(Type.Integer({ minimum: 0 })),
  lastCosignedAt: Nullable(Timestamp),
  lastError: Nullable(Type.String()),
});
export type Witness = Static<typeof Witness>;

export const Witnesses = Type.Object({
  quorum: Type.Integer({ minimum: 0, description: 'cosignatures a checkpoint needs' }),
  witnesses: Type.Array(Witness),
});
export type Witnesses = Static<typeof Witnesses>;

/** The witnesses block of /api/health: when each last cosigned, and how far the served checkpoint lags the newest signed one. */
export const WitnessHealth = Type.Object({
  quorum: Type.Integer({ minimum: 0 }),
  quorumMet: Type.Boolean({ description: 'the served checkpoint has the quorum of cosignatures' }),
  servedSize: Type.Integer({ minimum: 0 }),
  newestSignedSize: Type.Integer({ minimum: 0 }),
  behind: Type.Integer({ minimum: 0, description: 'entries the served checkpoint lags the newest signed one' }),
  witnesses: Type.Array(
    Type.Object({
      name: Type.String(),
      lastCosignedSize: Nullable(Type.Integer({ minimum: 0 })),
      lastCosignedAt: Nullable(Timestamp),
      behind: Type.Integer({ description: 'entries behind the newest signed checkpoint' }),
      lastError: Nullable(Type.String()),
    }),
  ),
});
export type WitnessHealth = Static<typeof WitnessHealth>;

/** GET /log/policy answers with text: the c2sp.org/tlog-policy. */
const POLICY = 'the c2sp.org/tlog-policy: the log key, the witnesses and the quorum';
export const PolicyAnswers = {
  ...fileAnswers(['text/plain'], POLICY),
  200: { description: POLICY, content: { 'text/plain': { schema: Type.String({ description: POLICY }) } } },
};
