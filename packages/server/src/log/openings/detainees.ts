import { can } from '@truce/core/policy/policy';
import { listFor } from '../../detainees/index.ts';
import { notFound } from '../../errors/index.ts';
import { all, type OpeningRule } from './rule.ts';

/** A list version's persons (and note): to those who may read the list (listFor: 404 otherwise). */
const listVersion: OpeningRule = async (ctx, auth, entry, fields) => {
  await listFor(ctx.db, auth.actor, entry.subject.list ?? '', 'detainees.read');
  return all(fields, true);
};

/** A decision on a pair of persons (their refs, the note): to those who match lists and may read both. */
const decided: OpeningRule = async (ctx, auth, entry, fields) => {
  if (!can(auth.actor, 'detainees.match')) throw notFound('There is no such decision.');
  await listFor(ctx.db, auth.actor, entry.subject.soughtList ?? '', 'detainees.read');
  await listFor(ctx.db, auth.actor, entry.subject.heldList ?? '', 'detainees.read');
  return all(fields, true);
};

export const detaineeRules: Record<string, OpeningRule> = {
  'detainees.list.version': listVersion,
  'detainees.match.decided': decided,
  'detainees.duplicate.decided': decided,
};
