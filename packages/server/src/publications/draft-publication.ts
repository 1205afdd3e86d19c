import type { AppContext } from '../context.ts';
import { compose, gather, parseRequest } from './figures.ts';

/**
 * A publication as it would be issued now, without issuing it (version null: the document
 * says "draft"): for the CLI and previews. Nothing is stored apart from the checkpoint signed
 * for the figures' tree size, if it was never signed.
 */
export async function draftPublication(ctx: AppContext, input: Record<string, unknown>, at = '') {
  const req = parseRequest(input, at);
  const data = await gather(ctx, req, ctx.clock.now());
  const doc = await compose(data, req, null, ctx.clock.now());
  return { req, data, doc };
}
