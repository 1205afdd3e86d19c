import { type Static, Type } from '@sinclair/typebox';

/** The answer of the limits route: this installation's limits, so forms can say what fits. */
export const Limits = Type.Object({
  textMaxChars: Type.Integer({ description: 'TRUCE_TEXT_MAX_CHARS' }),
  evidenceMaxBytes: Type.Integer({ description: 'TRUCE_EVIDENCE_MAX_BYTES' }),
  evidenceTypes: Type.Array(Type.String(), { description: 'TRUCE_EVIDENCE_TYPES: the media types accepted as evidence' }),
  jsonMaxBytes: Type.Integer({ description: 'TRUCE_JSON_MAX_BYTES' }),
});
export type Limits = Static<typeof Limits>;
