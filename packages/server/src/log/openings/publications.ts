import { can } from '@truce/core/policy/policy';
import { notFound } from '../../errors/index.ts';
import type { OpeningRule } from './rule.ts';

/** An issue commits to nothing sealed (its PDF hash is public); it is covered so a reader of publications can be told so. */
const issued: OpeningRule = async (_ctx, auth) => {
  if (!can(auth.actor, 'publications.read')) throw notFound('There is no such publication.');
  return new Map();
};

export const publicationRules: Record<string, OpeningRule> = { 'publication.issued': issued };
