import type { Auth } from '../../accounts/index.ts';
import type { AppContext } from '../../context.ts';

/** What a rule knows of the entry whose openings are asked for. */
export interface EntryFacts {
  index: number;
  type: string;
  actor: { organisation: string; user: string } | null;
  subject: Record<string, string>;
  data: Record<string, unknown>;
}

/**
 * For each committed field: true if this reader may read its value (then it gets the
 * salt), else why not. Throws 404 when the item itself is hidden from the reader, so a
 * refusal says no more than "there is no such item" does.
 */
export type OpeningRule = (ctx: AppContext, auth: Auth, entry: EntryFacts, fields: string[]) => Promise<Map<string, true | string>>;

/** Every field readable, or every field withheld with the same reason. */
export const all = (fields: string[], value: true | string) => new Map(fields.map((f) => [f, value]));
