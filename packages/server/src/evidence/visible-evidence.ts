import type { Actor } from '@truce/core/model/accounts';
import { can } from '@truce/core/policy/policy';
import type { AppContext } from '../context.ts';
import * as store from './store.ts';

/**
 * Which of these files this actor may see, for modules that refer to evidence (a
 * report lists the files it rests on): a file another party uploaded is unknown to it.
 */
export async function visibleEvidence(ctx: AppContext, actor: Actor, hashes: readonly string[]): Promise<Set<string>> {
  const uploaders = await store.uploaderOrgs(ctx.db, hashes);
  const visible = new Set<string>();
  for (const [hash, orgs] of uploaders) if (orgs.some((orgId) => can(actor, 'evidence.read', { orgId }))) visible.add(hash);
  return visible;
}
